// The audit log: who changed what, when, with the state before and after.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE audit_log (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       user_id integer REFERENCES users (id) ON DELETE SET NULL,
       action text NOT NULL CHECK (length(action) > 0),
       entity text NOT NULL CHECK (length(entity) > 0),
       entity_id text,
       before jsonb,
       after jsonb,
       request_id text
     )`,
    `CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`,
    `CREATE INDEX audit_log_at_idx ON audit_log (at)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE audit_log`);
}
