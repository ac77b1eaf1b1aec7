// Planning permits, their lifecycle events and the conditions attached on approval.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE SEQUENCE permit_number_seq`,
    `CREATE TABLE permits (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       number text NOT NULL UNIQUE CHECK (number ~ '^CT-GPXD-[0-9]{4}-[0-9]{6}$'),
       applicant text NOT NULL CHECK (length(trim(applicant)) > 0),
       parcel_id integer REFERENCES parcels (id),
       ward_code text REFERENCES wards (code),
       site geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(site) AND NOT ST_IsEmpty(site)),
       footprint geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(footprint) AND NOT ST_IsEmpty(footprint)),
       use_scheme text NOT NULL DEFAULT 'land_law' CHECK (use_scheme = 'land_law'),
       use_code text NOT NULL,
       floors integer NOT NULL CHECK (floors BETWEEN 1 AND 200),
       basement_floors integer NOT NULL DEFAULT 0 CHECK (basement_floors BETWEEN 0 AND 20),
       height_m numeric(6, 2) NOT NULL CHECK (height_m > 0 AND height_m <= 1000),
       gfa_m2 numeric(12, 2) NOT NULL CHECK (gfa_m2 > 0),
       status text NOT NULL DEFAULT 'draft'
         CHECK (status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected', 'revoked')),
       compliance_snapshot jsonb,
       submitted_at timestamptz,
       decided_at timestamptz,
       decided_by integer REFERENCES users (id),
       decision_reason text,
       override_reason text,
       valid_from date,
       valid_to date CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
       created_by integer REFERENCES users (id),
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       lock_version integer NOT NULL DEFAULT 1 CHECK (lock_version >= 1),
       FOREIGN KEY (use_scheme, use_code) REFERENCES land_use_codes (scheme, code),
       CHECK (status NOT IN ('approved', 'rejected', 'revoked') OR decided_at IS NOT NULL)
     )`,
    `CREATE INDEX permits_site_idx ON permits USING gist (site)`,
    `CREATE INDEX permits_footprint_idx ON permits USING gist (footprint)`,
    `CREATE INDEX permits_status_idx ON permits (status)`,
    `CREATE TABLE permit_events (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       permit_id integer NOT NULL REFERENCES permits (id) ON DELETE CASCADE,
       event text NOT NULL,
       from_status text NOT NULL,
       to_status text NOT NULL,
       reason text,
       user_id integer REFERENCES users (id),
       at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE INDEX permit_events_permit_idx ON permit_events (permit_id)`,
    `CREATE TABLE permit_conditions (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       permit_id integer NOT NULL REFERENCES permits (id) ON DELETE CASCADE,
       kind text NOT NULL CHECK (kind IN ('inspection_stage', 'document', 'other')),
       stage text CHECK (stage IS NULL OR stage IN ('setout', 'foundation', 'structure', 'roof', 'completion')),
       text text NOT NULL CHECK (length(trim(text)) > 0),
       created_at timestamptz NOT NULL DEFAULT now(),
       CHECK (kind <> 'inspection_stage' OR stage IS NOT NULL)
     )`,
    `CREATE INDEX permit_conditions_permit_idx ON permit_conditions (permit_id)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TABLE permit_conditions`,
    `DROP TABLE permit_events`,
    `DROP TABLE permits`,
    `DROP SEQUENCE permit_number_seq`,
  ]);
}
