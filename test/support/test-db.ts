// A fresh, migrated and seeded database per test file, on the backend the run is for (DATABASE_URL or embedded).
import crypto from 'node:crypto';
import { openDatabase } from '../../api/db/connection.ts';
import type { Database } from '../../api/db/database.ts';
import { prepareDatabase } from '../../api/db/prepare.ts';
import { openPostgres } from '../../api/db/postgres.ts';
import { createLogger } from '../../api/http/logger.ts';

export const DEMO_PASSWORD = 'demo1234';
export const TEST_BACKEND: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

let template: Promise<Blob | string> | null = null;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Migrates and seeds once per run. Embedded: a dump of the prepared data dir, loaded by each test
 * file in about 2 s. Server: the DATABASE_URL database itself, copied with CREATE DATABASE … TEMPLATE.
 */
function prepareTemplate(): Promise<Blob | string> {
  template ??= (async () => {
    const logger = createLogger('warn');
    if (TEST_BACKEND === 'pglite') {
      const db = await openDatabase({ backend: 'pglite' });
      try {
        await prepareDatabase(db, { seedDemo: true, demoPassword: DEMO_PASSWORD }, logger);
        const pglite = (db.knex.client as unknown as { pglite: { dumpDataDir(c: 'none'): Promise<Blob> } }).pglite;
        return await pglite.dumpDataDir('none');
      } finally {
        await db.close();
      }
    }
    const url = process.env.DATABASE_URL!;
    const db = await openDatabase({ backend: 'postgres', databaseUrl: url, poolMax: 2 });
    try {
      await prepareDatabase(db, { seedDemo: true, demoPassword: DEMO_PASSWORD }, logger);
    } finally {
      await db.close(); // a template database must have no open connections
    }
    return new URL(url).pathname.slice(1);
  })();
  return template;
}

/** A database of its own for one test file; close() also drops it on the server backend. */
export async function freshDatabase(): Promise<Database> {
  const source = await prepareTemplate();
  if (typeof source !== 'string') return openDatabase({ backend: 'pglite', loadDataDir: source });
  const url = process.env.DATABASE_URL!;
  const name = `spp_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = openPostgres(url, 1);
  try {
    await admin.raw(`CREATE DATABASE ?? TEMPLATE ??`, [name, source]);
  } finally {
    await admin.destroy();
  }
  const db = await openDatabase({ backend: 'postgres', databaseUrl: withDatabase(url, name), poolMax: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = openPostgres(url, 1);
      try {
        await dropper.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
