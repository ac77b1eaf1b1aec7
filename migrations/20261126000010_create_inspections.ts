// Site inspections of permits: immutable records with GPS fix, photos and an idempotency key.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE inspections (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       permit_id integer NOT NULL REFERENCES permits (id),
       condition_id integer REFERENCES permit_conditions (id),
       inspector_id integer NOT NULL REFERENCES users (id),
       idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 200),
       server_time timestamptz NOT NULL DEFAULT now(),
       device_time timestamptz,
       gps geometry(Point, 4326),
       gps_accuracy_m numeric(8, 2) CHECK (gps_accuracy_m IS NULL OR gps_accuracy_m >= 0),
       distance_to_site_m numeric(10, 2) CHECK (distance_to_site_m IS NULL OR distance_to_site_m >= 0),
       result text NOT NULL CHECK (result IN ('pass', 'fail', 'needs_followup')),
       notes text,
       UNIQUE (inspector_id, idempotency_key)
     )`,
    `CREATE INDEX inspections_permit_idx ON inspections (permit_id)`,
    `CREATE INDEX inspections_gps_idx ON inspections USING gist (gps)`,
    `CREATE TABLE inspection_photos (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       inspection_id integer NOT NULL REFERENCES inspections (id),
       sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
       content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
       size_bytes integer NOT NULL CHECK (size_bytes > 0),
       data bytea NOT NULL,
       UNIQUE (inspection_id, sha256)
     )`,
    // Submitted inspections are evidence: refuse any change or deletion at the database level.
    `CREATE FUNCTION spp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'inspection records are immutable once submitted' USING ERRCODE = 'integrity_constraint_violation';
     END $$`,
    `CREATE TRIGGER inspections_immutable BEFORE UPDATE OR DELETE ON inspections
       FOR EACH ROW EXECUTE FUNCTION spp_refuse_change()`,
    `CREATE TRIGGER inspection_photos_immutable BEFORE UPDATE OR DELETE ON inspection_photos
       FOR EACH ROW EXECUTE FUNCTION spp_refuse_change()`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TABLE inspection_photos`,
    `DROP TABLE inspections`,
    `DROP FUNCTION spp_refuse_change()`,
  ]);
}
