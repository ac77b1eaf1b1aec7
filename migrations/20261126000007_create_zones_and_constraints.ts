// Zoning layer features (zones, constraints), one row per version so the plan can be read "as of" a date.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

// Versioning: a feature keeps its feature_id; each approved edit closes the current row
// (valid_to) and opens a new one with version + 1. A deletion only closes the current row.
const versionColumns = `
       feature_id integer NOT NULL,
       version integer NOT NULL CHECK (version >= 1),
       valid_from timestamptz NOT NULL,
       valid_to timestamptz CHECK (valid_to IS NULL OR valid_to > valid_from),
       change_set_id integer REFERENCES change_sets (id),
       created_by integer REFERENCES users (id),
       created_at timestamptz NOT NULL DEFAULT now(),
       plan_id integer NOT NULL REFERENCES plans (id)`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE SEQUENCE zone_feature_id_seq`,
    `CREATE TABLE zones (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,${versionColumns},
       lot_code text NOT NULL CHECK (length(trim(lot_code)) BETWEEN 1 AND 32),
       land_use_scheme text NOT NULL DEFAULT 'plan_symbol' CHECK (land_use_scheme = 'plan_symbol'),
       land_use_code text NOT NULL,
       name text,
       max_coverage_pct numeric(5, 2) CHECK (max_coverage_pct BETWEEN 0 AND 100),
       max_far numeric(5, 2) CHECK (max_far BETWEEN 0 AND 20),
       max_floors integer CHECK (max_floors BETWEEN 0 AND 200),
       max_height_m numeric(6, 2) CHECK (max_height_m BETWEEN 0 AND 1000),
       min_setback_m numeric(6, 2) CHECK (min_setback_m BETWEEN 0 AND 200),
       permitted_uses text[] NOT NULL DEFAULT '{}',
       citation text,
       ward_code text REFERENCES wards (code),
       geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
       FOREIGN KEY (land_use_scheme, land_use_code) REFERENCES land_use_codes (scheme, code),
       UNIQUE (feature_id, version)
     )`,
    `CREATE UNIQUE INDEX zones_current_feature_key ON zones (feature_id) WHERE valid_to IS NULL`,
    `CREATE UNIQUE INDEX zones_current_lot_code_key ON zones (plan_id, lot_code) WHERE valid_to IS NULL`,
    `CREATE INDEX zones_geom_idx ON zones USING gist (geom)`,
    `CREATE INDEX zones_validity_idx ON zones (valid_from, valid_to)`,
    `CREATE SEQUENCE constraint_feature_id_seq`,
    `CREATE TABLE constraints (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,${versionColumns},
       kind text NOT NULL CHECK (kind IN ('red_line', 'river_corridor', 'heritage', 'flood', 'height_limit')),
       rule text NOT NULL CHECK (rule IN ('no_build', 'setback_m', 'max_height_m')),
       value numeric(8, 2) CHECK (value IS NULL OR value >= 0),
       -- overlaps narrower than this are edges that merely touch, not a breach
       tolerance_m numeric(6, 3) NOT NULL DEFAULT 0.1 CHECK (tolerance_m BETWEEN 0 AND 10),
       name text,
       citation text,
       geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
       CHECK (rule = 'no_build' OR value IS NOT NULL),
       UNIQUE (feature_id, version)
     )`,
    `CREATE UNIQUE INDEX constraints_current_feature_key ON constraints (feature_id) WHERE valid_to IS NULL`,
    `CREATE INDEX constraints_geom_idx ON constraints USING gist (geom)`,
    `CREATE INDEX constraints_validity_idx ON constraints (valid_from, valid_to)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TABLE constraints`,
    `DROP SEQUENCE constraint_feature_id_seq`,
    `DROP TABLE zones`,
    `DROP SEQUENCE zone_feature_id_seq`,
  ]);
}
