// Change sets: planners' grouped edits of zones and constraints, reviewed feature by feature.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE change_sets (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       plan_id integer NOT NULL REFERENCES plans (id),
       title text NOT NULL CHECK (length(trim(title)) > 0),
       status text NOT NULL DEFAULT 'draft'
         CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'withdrawn')),
       author_id integer REFERENCES users (id),
       effective_from timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       submitted_at timestamptz,
       decided_at timestamptz,
       decided_by integer REFERENCES users (id),
       decision_comment text,
       -- optimistic locking: every update bumps it, a stale writer gets a conflict
       lock_version integer NOT NULL DEFAULT 1 CHECK (lock_version >= 1),
       CHECK (decided_by IS NULL OR author_id IS NULL OR decided_by <> author_id OR status <> 'approved')
     )`,
    `CREATE INDEX change_sets_status_idx ON change_sets (status)`,
    `CREATE TABLE change_set_edits (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       change_set_id integer NOT NULL REFERENCES change_sets (id) ON DELETE CASCADE,
       op text NOT NULL CHECK (op IN ('create', 'modify', 'delete')),
       layer text NOT NULL CHECK (layer IN ('zones', 'constraints')),
       feature_id integer,
       base_version integer CHECK (base_version IS NULL OR base_version >= 1),
       before jsonb,
       after jsonb,
       checks jsonb NOT NULL DEFAULT '[]'::jsonb,
       review_decision text CHECK (review_decision IN ('approve', 'reject')),
       review_comment text,
       reviewed_by integer REFERENCES users (id),
       reviewed_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (op = 'create' OR feature_id IS NOT NULL),
       CHECK (op = 'delete' OR after IS NOT NULL)
     )`,
    `CREATE INDEX change_set_edits_set_idx ON change_set_edits (change_set_id)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP TABLE change_set_edits`, `DROP TABLE change_sets`]);
}
