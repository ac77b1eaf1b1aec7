// Runs the knex migrations in migrations/ at start-up (the embedded database must not be migrated
// by a second process beside a running server).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Lists migrations/*.ts in name order and imports them on demand (works under tsx, no knexfile needed). */
export class DirectoryMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir = MIGRATIONS_DIR) {}
  async getMigrations(): Promise<string[]> {
    return fs
      .readdirSync(this.dir)
      .filter((f) => /^\d{14}_[a-z0-9_]+\.ts$/.test(f))
      .sort();
  }
  getMigrationName(name: string): string {
    return name;
  }
  async getMigration(name: string): Promise<Knex.Migration> {
    return (await import(pathToFileURL(path.join(this.dir, name)).href)) as MigrationModule;
  }
}

export function migratorConfig(): Knex.MigratorConfig {
  return { migrationSource: new DirectoryMigrationSource(), tableName: 'knex_migrations' };
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migratorConfig())) as [number, string[]];
  return applied;
}

/** Runs a list of SQL statements one by one (PGlite's extended protocol takes one statement per call). */
export async function runStatements(knex: Knex, statements: string[]): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}
