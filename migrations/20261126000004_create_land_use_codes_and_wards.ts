// Reference data: the three land-use code lists with their crosswalk, and the 2025 wards of Cần Thơ.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE land_use_codes (
       scheme text NOT NULL CHECK (scheme IN ('planning', 'plan_symbol', 'land_law')),
       code text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
       name_vi text NOT NULL,
       name_en text NOT NULL,
       colour text NOT NULL CHECK (colour ~ '^#[0-9A-Fa-f]{6}$'),
       parent_code text,
       maps_to jsonb NOT NULL DEFAULT '{}'::jsonb,
       source text NOT NULL,
       PRIMARY KEY (scheme, code),
       FOREIGN KEY (scheme, parent_code) REFERENCES land_use_codes (scheme, code)
     )`,
    `CREATE TABLE wards (
       code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
       name text NOT NULL,
       full_name text NOT NULL,
       full_name_en text,
       unit_type text NOT NULL,
       province_code text NOT NULL,
       in_pre2025_cantho boolean NOT NULL DEFAULT false,
       former_districts text,
       merged_from text,
       area_km2 double precision CHECK (area_km2 > 0),
       geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom))
     )`,
    `CREATE INDEX wards_geom_idx ON wards USING gist (geom)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP TABLE wards`, `DROP TABLE land_use_codes`]);
}
