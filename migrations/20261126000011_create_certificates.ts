// Planning-information sheets (phiếu thông tin quy hoạch): immutable snapshots of the rule card, each with a public code.
import type { Knex } from 'knex';
import { runStatements } from '../api/db/migrate.ts';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE certificates (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       -- TTQH-<year>-<8 random characters without 0, 1, I, O>: printed on paper and typed back by people
       code text NOT NULL UNIQUE CHECK (code ~ '^TTQH-[0-9]{4}-[2-9A-HJ-NP-Z]{8}$'),
       issued_at timestamptz NOT NULL DEFAULT now(),
       -- the day (Việt Nam time) whose plan the sheet states
       as_of date NOT NULL,
       -- what was asked: exactly one of a parcel or a point
       parcel_id integer REFERENCES parcels (id),
       lon double precision CHECK (lon BETWEEN -180 AND 180),
       lat double precision CHECK (lat BETWEEN -90 AND 90),
       plan_id integer REFERENCES plans (id),
       ward_code text REFERENCES wards (code),
       ward_name text,
       -- json, not jsonb: the card is kept as the very text that was issued, member order included
       card json NOT NULL,
       -- zone and constraint feature ids with the versions the card was computed from
       features json NOT NULL,
       issued_by integer REFERENCES users (id),
       request_id text,
       CHECK ((parcel_id IS NOT NULL AND lon IS NULL AND lat IS NULL) OR (parcel_id IS NULL AND lon IS NOT NULL AND lat IS NOT NULL))
     )`,
    `CREATE INDEX certificates_parcel_idx ON certificates (parcel_id)`,
    // An issued sheet is a statement the city made on a day: no change or deletion, whoever asks.
    `CREATE FUNCTION spp_refuse_certificate_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'planning-information sheets are immutable once issued' USING ERRCODE = 'integrity_constraint_violation';
     END $$`,
    `CREATE TRIGGER certificates_immutable BEFORE UPDATE OR DELETE ON certificates
       FOR EACH ROW EXECUTE FUNCTION spp_refuse_certificate_change()`,
    `CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
       FOR EACH STATEMENT EXECUTE FUNCTION spp_refuse_certificate_change()`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP TABLE certificates`, `DROP FUNCTION spp_refuse_certificate_change()`]);
}
