// Opens the database SPP runs on: embedded PGlite by default, a PostGIS server when DATABASE_URL is set.
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { probeCapabilities } from './capabilities.ts';

export type OpenOptions =
  | { backend: 'postgres'; databaseUrl: string; poolMax?: number }
  | { backend: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.backend === 'postgres') {
    const knex = openPostgres(options.databaseUrl, options.poolMax ?? 10);
    try {
      // PostGIS must be installed in the database or installable by this role.
      await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
      const capabilities = await probeCapabilities(knex);
      return { knex, backend: 'postgres', capabilities, close: () => knex.destroy() };
    } catch (err) {
      await knex.destroy();
      throw err;
    }
  }
  const opened = await openPglite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  try {
    await opened.knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
    const capabilities = await probeCapabilities(opened.knex);
    return { knex: opened.knex, backend: 'pglite', capabilities, close: opened.release };
  } catch (err) {
    await opened.release();
    throw err;
  }
}
