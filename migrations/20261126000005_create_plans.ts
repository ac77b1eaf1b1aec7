// Plans: the approved planning schemes (general, zoning 1:2000, detailed 1:500) and their amendments.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE plans (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
       name text NOT NULL CHECK (length(trim(name)) > 0),
       level text NOT NULL CHECK (level IN ('general', 'zoning', 'detailed')),
       decision_no text,
       decision_date date,
       approved_by text,
       effective_from date NOT NULL,
       effective_to date CHECK (effective_to IS NULL OR effective_to > effective_from),
       status text NOT NULL DEFAULT 'in_force' CHECK (status IN ('draft', 'in_force', 'superseded', 'withdrawn')),
       parent_plan_id integer REFERENCES plans (id),
       is_demo boolean NOT NULL DEFAULT false,
       notice_vi text,
       notice_en text,
       boundary geometry(MultiPolygon, 4326) CHECK (boundary IS NULL OR ST_IsValid(boundary)),
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (decision_date IS NULL OR decision_date <= effective_from)
     )`,
    `CREATE INDEX plans_boundary_idx ON plans USING gist (boundary)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE plans`);
}
