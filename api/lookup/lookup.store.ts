// SQL of the rule card: the parcel at a point or by id, zones and constraints at a point, zone details and plans.
import type { Knex } from 'knex';
import type { CheckConstraint, CheckZone } from '../checks/index.ts';
import type { CardPlan, ParcelRow, ZoneDetails } from './lookup.types.ts';

const POINT = 'ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)';

const PARCEL_COLUMNS = `p.id, p.sheet_no, p.parcel_no, p.address, p.ward_code,
  p.legal_area_m2::float8 AS legal_area_m2, ST_AsGeoJSON(p.geom, 9)::json AS geometry`;

/**
 * Parcels whose geometry covers the point, lowest id first. A point on the common edge of two
 * parcels covers both; the caller takes the first and says so.
 */
export async function parcelsAt(db: Knex, lon: number, lat: number): Promise<ParcelRow[]> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ${POINT} AS g)
     SELECT ${PARCEL_COLUMNS}
     FROM parcels p, pt
     WHERE p.geom && pt.g AND ST_Intersects(p.geom, pt.g)
     ORDER BY p.id
     LIMIT 5`,
    [lon, lat],
  );
  return rows as ParcelRow[];
}

export async function parcelById(db: Knex, id: number): Promise<ParcelRow | null> {
  const { rows } = await db.raw(`SELECT ${PARCEL_COLUMNS} FROM parcels p WHERE p.id = ?`, [id]);
  return (rows[0] as ParcelRow | undefined) ?? null;
}

// The same filters as the compliance context (compliance.store.ts): public plans, version in force at
// asOf. Plain SQL rather than the query builder: a lookup is the hottest read of the public site, and
// building the statement cost more CPU than PostgreSQL spends running it.
const IN_FORCE_AT = (table: 'zones' | 'constraints'): string => `FROM ${table} x JOIN plans p ON p.id = x.plan_id, pt
     WHERE x.geom && pt.g AND ST_Intersects(x.geom, pt.g)
       AND p.status IN ('in_force', 'superseded')
       AND x.valid_from < ? AND (x.valid_to IS NULL OR x.valid_to >= ?)
     ORDER BY x.feature_id`;

/** A zone at a point: its indicators without its geometry, which a point card does not measure. */
export type PointZone = Omit<CheckZone, 'geometry'> & { id: number; plan_id: number };

/** Zones in force at asOf whose geometry covers the point (two or more on a common boundary). */
export async function zonesAt(db: Knex, lon: number, lat: number, asOf: Date): Promise<PointZone[]> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ${POINT} AS g)
     SELECT x.feature_id AS id, x.plan_id, x.lot_code, x.land_use_code,
      x.max_coverage_pct::float8 AS max_coverage_pct, x.max_far::float8 AS max_far, x.max_floors,
      x.max_height_m::float8 AS max_height_m, x.min_setback_m::float8 AS min_setback_m,
      x.permitted_uses, x.citation
     ${IN_FORCE_AT('zones')}`,
    [lon, lat, asOf, asOf],
  );
  return rows as PointZone[];
}

/** Constraints in force at asOf whose geometry covers the point (without geometry: a point card shows no overlap). */
export async function constraintsAt(db: Knex, lon: number, lat: number, asOf: Date): Promise<Omit<CheckConstraint, 'geometry'>[]> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ${POINT} AS g)
     SELECT x.feature_id AS id, x.kind, x.rule, x.value::float8 AS value, x.tolerance_m::float8 AS tolerance_m, x.name, x.citation
     ${IN_FORCE_AT('constraints')}`,
    [lon, lat, asOf, asOf],
  );
  return rows as Omit<CheckConstraint, 'geometry'>[];
}

/**
 * Reach of the card's context around a parcel, in degrees (≈ 110 m at Cần Thơ, the compliance
 * context's CONTEXT_MARGIN_DEG): farther than any setback a plan sets, so whatever lies beyond cannot
 * change a number of the card.
 */
export const CARD_MARGIN_DEG = 0.001;

/**
 * The planning context of a parcel: zones in force that intersect it, and constraints in force within
 * CARD_MARGIN_DEG of it — the filters of the compliance context (compliance.store.ts), with each
 * constraint cut to that window. A road reserve is a strip kilometres long with hundreds of vertices;
 * the part of it farther from the parcel than the window changes no overlap, distance or setback the
 * card measures (a part of a polygon is no closer than the polygon), and clipping the whole strip
 * in Node for each parcel would cost a hundred times more.
 */
export async function parcelContext(db: Knex, site: unknown, asOf: Date): Promise<{ zones: CheckZone[]; constraints: CheckConstraint[] }> {
  // One statement for both lists (one round trip, the site parsed once): each list comes back as a
  // JSON array of rows with the columns a row of its own would have, in the same order.
  const { rows } = await db.raw(
    `WITH s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g),
     w AS (SELECT ST_Expand(s.g, ?) AS b FROM s),
     zs AS (
       SELECT z.feature_id AS id, z.lot_code, z.land_use_code,
         z.max_coverage_pct::float8 AS max_coverage_pct, z.max_far::float8 AS max_far, z.max_floors,
         z.max_height_m::float8 AS max_height_m, z.min_setback_m::float8 AS min_setback_m,
         z.permitted_uses, z.citation, ST_AsGeoJSON(z.geom, 9)::json AS geometry
       FROM zones z JOIN plans p ON p.id = z.plan_id, s
       WHERE z.geom && s.g AND ST_Intersects(z.geom, s.g)
         AND p.status IN ('in_force', 'superseded')
         AND z.valid_from < ? AND (z.valid_to IS NULL OR z.valid_to >= ?)),
     hits AS (
       SELECT c.feature_id AS id, c.kind, c.rule, c.value::float8 AS value, c.tolerance_m::float8 AS tolerance_m, c.name, c.citation,
         CASE WHEN ST_CoveredBy(c.geom, w.b) THEN c.geom ELSE ST_CollectionExtract(ST_Intersection(c.geom, w.b), 3) END AS g
       FROM constraints c JOIN plans p ON p.id = c.plan_id, w
       WHERE c.geom && w.b AND ST_Intersects(c.geom, w.b)
         AND p.status IN ('in_force', 'superseded')
         AND c.valid_from < ? AND (c.valid_to IS NULL OR c.valid_to >= ?)),
     cs AS (
       SELECT id, kind, rule, value, tolerance_m, name, citation, ST_AsGeoJSON(ST_Multi(g), 9)::json AS geometry
       FROM hits WHERE NOT ST_IsEmpty(g))
     SELECT (SELECT coalesce(json_agg(zs ORDER BY zs.id), '[]'::json) FROM zs) AS zones,
            (SELECT coalesce(json_agg(cs ORDER BY cs.id), '[]'::json) FROM cs) AS constraints`,
    [JSON.stringify(site), CARD_MARGIN_DEG, asOf, asOf, asOf, asOf],
  );
  const row = rows[0] as { zones: CheckZone[]; constraints: CheckConstraint[] };
  return { zones: row.zones, constraints: row.constraints };
}

/** Plan and land-use names of zone versions in force at asOf, by feature id. */
export async function zoneDetails(db: Knex, featureIds: readonly number[], asOf: Date): Promise<Map<number, ZoneDetails>> {
  const out = new Map<number, ZoneDetails>();
  if (featureIds.length === 0) return out;
  const { rows } = await db.raw(
    `SELECT x.feature_id AS id, x.plan_id, l.name_vi AS land_use_name, l.name_en AS land_use_name_en
     FROM zones x LEFT JOIN land_use_codes l ON l.scheme = x.land_use_scheme AND l.code = x.land_use_code
     WHERE x.feature_id IN (${featureIds.map(() => '?').join(', ')})
       AND x.valid_from < ? AND (x.valid_to IS NULL OR x.valid_to >= ?)`,
    [...featureIds, asOf, asOf],
  );
  for (const r of rows as ZoneDetails[]) out.set(r.id, r);
  return out;
}

const PLAN_COLUMNS = `pl.id, pl.name, pl.decision_no, pl.decision_date::text AS decision_date, pl.approved_by, pl.is_demo, pl.notice_vi, pl.notice_en`;

export async function planById(db: Knex, id: number): Promise<CardPlan | null> {
  const { rows } = await db.raw(`SELECT ${PLAN_COLUMNS} FROM plans pl WHERE pl.id = ?`, [id]);
  return (rows[0] as CardPlan | undefined) ?? null;
}

/**
 * The public plan in force on `date` whose boundary covers the point (the most recent first): tells
 * "inside the plan, but no zone here (a road, the river)" from "outside every plan".
 */
export async function planCovering(db: Knex, lon: number, lat: number, date: string): Promise<CardPlan | null> {
  const { rows } = await db.raw(
    `WITH pt AS (SELECT ${POINT} AS g)
     SELECT ${PLAN_COLUMNS}
     FROM plans pl, pt
     WHERE pl.boundary && pt.g AND ST_Intersects(pl.boundary, pt.g)
       AND pl.status IN ('in_force', 'superseded')
       AND pl.effective_from <= ?::date AND (pl.effective_to IS NULL OR pl.effective_to > ?::date)
     ORDER BY pl.effective_from DESC, pl.id DESC
     LIMIT 1`,
    [lon, lat, date, date],
  );
  return (rows[0] as CardPlan | undefined) ?? null;
}
