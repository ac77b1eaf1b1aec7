// Users with roles and optional ward scope, database-held sessions, and instance settings.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE app_settings (key text PRIMARY KEY, value text NOT NULL)`,
    `CREATE TABLE users (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
       name text NOT NULL CHECK (length(trim(name)) > 0),
       password_hash text NOT NULL,
       roles text[] NOT NULL CHECK (
         cardinality(roles) > 0
         AND roles <@ ARRAY['admin', 'planner', 'reviewer', 'permit_officer', 'inspector']::text[]),
       ward_codes text[],
       active boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE UNIQUE INDEX users_email_key ON users (lower(email))`,
    `CREATE TABLE sessions (
       token_hash text PRIMARY KEY,
       user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       last_seen_at timestamptz NOT NULL DEFAULT now(),
       CHECK (expires_at > created_at)
     )`,
    `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
    `CREATE INDEX sessions_expiry_idx ON sessions (expires_at)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP TABLE sessions`, `DROP TABLE users`, `DROP TABLE app_settings`]);
}
