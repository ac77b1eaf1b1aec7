// SQL of the planning context of a proposal: zones and constraints in force near a site.
import type { Knex } from 'knex';
import type { CheckConstraint, CheckZone, Polygonal } from '../checks/index.ts';

/**
 * How far around the site constraints are fetched, in degrees (≈ 110 m at Cần Thơ's latitude):
 * enough for any setback the plans regulate, small enough to stay a handful of index hits.
 */
export const CONTEXT_MARGIN_DEG = 0.001;

const ZONE_COLUMNS = `z.feature_id AS id, z.lot_code, z.land_use_code,
  z.max_coverage_pct::float8 AS max_coverage_pct, z.max_far::float8 AS max_far, z.max_floors,
  z.max_height_m::float8 AS max_height_m, z.min_setback_m::float8 AS min_setback_m,
  z.permitted_uses, z.citation, ST_AsGeoJSON(z.geom, 9)::json AS geometry`;

// Road reserves run for kilometres: cut each constraint to the window around the site, so the engine
// projects and clips a few dozen vertices instead of thousands (a centre-city check fell from
// ~500 ms to a few ms). Nothing farther than the margin can change a result.
const CONSTRAINT_COLUMNS = `c.feature_id AS id, c.kind, c.rule, c.value::float8 AS value,
  c.tolerance_m::float8 AS tolerance_m, c.name, c.citation,
  ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(c.geom, s.g), 3)), 9)::json AS geometry`;

/** Zones in force at `asOf` that intersect the site, and constraints within the margin of it. */
export async function loadContextFeatures(db: Knex, site: Polygonal, asOf: Date): Promise<{ zones: CheckZone[]; constraints: CheckConstraint[] }> {
  const siteSql = `ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)`;
  const siteJson = JSON.stringify(site);
  const { rows: zones } = await db.raw(
    `WITH s AS (SELECT ${siteSql} AS g)
     SELECT ${ZONE_COLUMNS}
     FROM zones z JOIN plans p ON p.id = z.plan_id, s
     WHERE z.geom && s.g AND ST_Intersects(z.geom, s.g)
       AND p.status IN ('in_force', 'superseded')
       AND z.valid_from < ? AND (z.valid_to IS NULL OR z.valid_to >= ?)
     ORDER BY z.feature_id`,
    [siteJson, asOf, asOf],
  );
  const { rows: constraints } = await db.raw(
    `WITH s AS (SELECT ST_Expand(${siteSql}, ?) AS g)
     SELECT ${CONSTRAINT_COLUMNS}
     FROM constraints c JOIN plans p ON p.id = c.plan_id, s
     WHERE c.geom && s.g AND ST_Intersects(c.geom, s.g)
       AND p.status IN ('in_force', 'superseded')
       AND c.valid_from < ? AND (c.valid_to IS NULL OR c.valid_to >= ?)
     ORDER BY c.feature_id`,
    [siteJson, CONTEXT_MARGIN_DEG, asOf, asOf],
  );
  // A constraint that only touches the window edge leaves no polygon after the cut.
  const cut = (constraints as CheckConstraint[]).filter((c) => c.geometry && (c.geometry as { coordinates: unknown[] }).coordinates.length > 0);
  return { zones: zones as CheckZone[], constraints: cut };
}

/** Whether `code` is a use code of the land law (the scheme a proposal's use is written in). */
export async function landLawCodeExists(db: Knex, code: string): Promise<boolean> {
  return Boolean(await db('land_use_codes').where({ scheme: 'land_law', code }).first('code'));
}

export async function loadParcelGeometry(db: Knex, parcelId: number): Promise<Polygonal | null> {
  const row = (await db('parcels').select(db.raw('ST_AsGeoJSON(geom, 9)::json AS geometry')).where({ id: parcelId }).first()) as { geometry: Polygonal } | undefined;
  return row?.geometry ?? null;
}
