// knex CLI configuration; reads the same settings as the server (api/config.ts). The server
// migrates at start-up by itself: use this only against a PostgreSQL server, never beside a
// running embedded database.
import { loadConfig } from './api/config.ts';
import { migratorConfig } from './api/db/migrate.ts';

const config = loadConfig();

export default {
  client: 'pg',
  connection: config.databaseUrl ?? undefined,
  migrations: migratorConfig(),
};
