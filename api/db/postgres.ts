// Server backend: PostgreSQL + PostGIS through node-postgres with a connection pool.
import pg from 'pg';
import knexFactory, { type Knex } from 'knex';

// Keep DATE columns as 'YYYY-MM-DD' strings: node-postgres would turn them into local-time
// Date objects, which shift by the server's time zone. The embedded backend returns the same text.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function openPostgres(databaseUrl: string, poolMax: number): Knex {
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: 10_000,
  });
}
