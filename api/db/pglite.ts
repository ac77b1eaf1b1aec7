// Embedded backend: PGlite with the PostGIS extension, one connection, data in DATA_DIR.
import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { acquireDataDirLock } from './data-dir-lock.ts';

const KnexPgliteClient = ClientPgLite as unknown as new (config: Knex.Config) => { processResponse(obj: { method?: string }, runner: unknown): unknown };

/**
 * knex-pglite names the command of `.del()` "DEL", which knex's postgres client does not
 * recognise, so a delete would return the raw response instead of the row count. Map it back.
 */
class PgliteClient extends KnexPgliteClient {
  override processResponse(obj: { method?: string }, runner: unknown): unknown {
    return super.processResponse(obj.method === 'del' ? { ...obj, method: 'delete' } : obj, runner);
  }
}

export interface PgliteOptions {
  /** Persist under this folder (created when missing); omit for an in-memory database. */
  dataDir?: string;
  /** Start from a dumped data directory (a migrated template), in memory. */
  loadDataDir?: Blob;
}

export interface OpenedPglite {
  knex: Knex;
  pglite: PGlite;
  release(): Promise<void>;
}

export async function openPglite(options: PgliteOptions): Promise<OpenedPglite> {
  let releaseLock: () => void = () => {};
  if (options.dataDir) {
    // PGlite does not create parent folders itself.
    fs.mkdirSync(options.dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(options.dataDir);
  }
  let pglite: PGlite;
  try {
    // The extension must be passed on every open, also of an existing data dir.
    pglite = new PGlite({
      ...(options.dataDir ? { dataDir: `${options.dataDir}/pgdata` } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis },
    });
    await pglite.waitReady;
  } catch (err) {
    releaseLock();
    throw err;
  }
  const knex = knexFactory({
    client: PgliteClient as unknown as Knex.Config['client'],
    connection: () => ({ pglite }) as object,
    useNullAsDefault: true,
  } as Knex.Config);
  return {
    knex,
    pglite,
    async release() {
      await knex.destroy(); // closes the PGlite instance: an open one keeps Node alive
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}
