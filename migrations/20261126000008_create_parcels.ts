// Cadastral parcels (thửa đất), keyed by ward, map sheet (số tờ) and parcel number (số thửa).
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE parcels (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       ward_code text NOT NULL REFERENCES wards (code),
       sheet_no integer NOT NULL CHECK (sheet_no > 0),
       parcel_no integer NOT NULL CHECK (parcel_no > 0),
       address text,
       legal_area_m2 numeric(12, 1) NOT NULL CHECK (legal_area_m2 > 0),
       land_use_scheme text NOT NULL DEFAULT 'land_law' CHECK (land_use_scheme = 'land_law'),
       land_law_code text,
       geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
       created_at timestamptz NOT NULL DEFAULT now(),
       FOREIGN KEY (land_use_scheme, land_law_code) REFERENCES land_use_codes (scheme, code),
       UNIQUE (ward_code, sheet_no, parcel_no)
     )`,
    `CREATE INDEX parcels_geom_idx ON parcels USING gist (geom)`,
    `CREATE INDEX parcels_sheet_idx ON parcels (sheet_no, parcel_no)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE parcels`);
}
