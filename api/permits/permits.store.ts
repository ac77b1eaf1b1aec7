// SQL of planning permits.
import type { Knex } from 'knex';

export interface NewPermitRow {
  number: string;
  applicant: string;
  parcel_id: number | null;
  site: unknown;
  footprint: unknown;
  use_code: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: string;
  submitted_at: string | null;
  decided_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  decision_reason: string | null;
}

const geom = (db: Knex, g: unknown) => db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(g)]);

/** Inserts permits as they are (seed or import); the ward is taken from the site's centroid. */
export async function insertPermitRows(db: Knex, rows: NewPermitRow[]): Promise<void> {
  for (const r of rows) {
    await db('permits').insert({
      ...r,
      site: geom(db, r.site),
      footprint: geom(db, r.footprint),
      ward_code: db.raw(`(SELECT code FROM wards WHERE ST_Intersects(geom, ST_PointOnSurface(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))) LIMIT 1)`, [JSON.stringify(r.site)]),
    });
  }
  // Numbers issued later continue after the highest one present.
  await db.raw(`SELECT setval('permit_number_seq', GREATEST((SELECT max(substring(number from '[0-9]{6}$')::int) FROM permits), 1))`);
}
