// Change sets: where a set came from (editor, import, demo), when its checks last ran, and an index to find pending edits of a feature.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE change_sets ADD COLUMN source text NOT NULL DEFAULT 'editor' CHECK (length(source) BETWEEN 1 AND 200)`,
    `ALTER TABLE change_sets ADD COLUMN checks_run_at timestamptz`,
    `ALTER TABLE change_sets ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
    `ALTER TABLE change_sets ADD COLUMN is_demo boolean NOT NULL DEFAULT false`,
    `CREATE INDEX change_sets_author_idx ON change_sets (author_id)`,
    // Which sets edit a feature: conflicts at approval and "pending edits" of a zone.
    `CREATE INDEX change_set_edits_feature_idx ON change_set_edits (layer, feature_id) WHERE feature_id IS NOT NULL`,
    `CREATE INDEX zones_change_set_idx ON zones (change_set_id) WHERE change_set_id IS NOT NULL`,
    `CREATE INDEX constraints_change_set_idx ON constraints (change_set_id) WHERE change_set_id IS NOT NULL`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP INDEX constraints_change_set_idx`,
    `DROP INDEX zones_change_set_idx`,
    `DROP INDEX change_set_edits_feature_idx`,
    `DROP INDEX change_sets_author_idx`,
    `ALTER TABLE change_sets DROP COLUMN is_demo`,
    `ALTER TABLE change_sets DROP COLUMN updated_at`,
    `ALTER TABLE change_sets DROP COLUMN checks_run_at`,
    `ALTER TABLE change_sets DROP COLUMN source`,
  ]);
}
