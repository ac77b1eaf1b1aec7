// SQL of imports (plan, code lists, zones in force by lot code, geometry validity) and of layer exports (keyset pages).
import type { Knex } from 'knex';
import { whereIntersectsBbox, whereValidAt } from '../db/sql.ts';
import type { Bbox } from '../http/query.ts';
import type { Polygonal } from './imports.types.ts';

export async function findPlan(db: Knex, planId: number): Promise<{ id: number; status: string; code: string } | null> {
  const row = (await db('plans').select('id', 'status', 'code').where({ id: planId }).first()) as { id: number; status: string; code: string } | undefined;
  return row ?? null;
}

/** The codes of the list that exist: land-use symbols of the plan_symbol scheme, or ward codes. */
export async function existingCodes(db: Knex, list: 'plan_symbol' | 'wards', codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = (list === 'wards'
    ? await db('wards').select('code').whereIn('code', codes)
    : await db('land_use_codes').select('code').where({ scheme: 'plan_symbol' }).whereIn('code', codes)) as { code: string }[];
  return new Set(rows.map((r) => r.code));
}

export interface CurrentZone {
  feature_id: number;
  version: number;
  lot_code: string;
  properties: Record<string, unknown>;
}

const CHUNK = 1000;

/** Zones of the plan in force now (the open version of each feature) with these lot codes. */
export async function currentZonesByLotCode(db: Knex, planId: number, lotCodes: string[]): Promise<Map<string, CurrentZone>> {
  const out = new Map<string, CurrentZone>();
  for (let i = 0; i < lotCodes.length; i += CHUNK) {
    const rows = (await db('zones')
      .select(
        'feature_id', 'version', 'lot_code', 'land_use_code', 'name',
        db.raw('max_coverage_pct::float8 AS max_coverage_pct'), db.raw('max_far::float8 AS max_far'), 'max_floors',
        db.raw('max_height_m::float8 AS max_height_m'), db.raw('min_setback_m::float8 AS min_setback_m'),
        'permitted_uses', 'citation', 'ward_code',
      )
      .where({ plan_id: planId })
      .whereNull('valid_to')
      .whereIn('lot_code', lotCodes.slice(i, i + CHUNK))) as (Record<string, unknown> & { feature_id: number; version: number; lot_code: string })[];
    for (const r of rows) {
      const { feature_id, version, ...properties } = r;
      out.set(r.lot_code, { feature_id, version, lot_code: r.lot_code, properties });
    }
  }
  return out;
}

export interface GeometryVerdict {
  index: number;
  /** ST_IsValidReason when the geometry is not valid, else null. */
  invalid: string | null;
  /** True when the geometry lies within 1 cm (Hausdorff, TM-3) of the current version's. */
  unchanged: boolean;
}

/**
 * PostGIS's verdict on each geometry, the same ST_IsValid the zones table's CHECK applies; and, for a
 * feature replacing a current one, whether it moved at all: a layer exported and imported again comes
 * back through two reprojections and differs by far less than a millimetre, which is no edit.
 */
export async function judgeGeometries(db: Knex, items: { index: number; geometry: Polygonal; current: { table: 'zones' | 'constraints'; feature_id: number } | null }[]): Promise<GeometryVerdict[]> {
  const out: GeometryVerdict[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const batch = items.slice(i, i + CHUNK);
    for (const table of ['zones', 'constraints'] as const) {
      const part = batch.filter((b) => (b.current?.table ?? 'zones') === table);
      if (part.length === 0) continue;
      const payload = JSON.stringify(part.map((b) => ({ i: b.index, g: b.geometry, f: b.current?.feature_id ?? null })));
      const { rows } = (await db.raw(
        `WITH input AS (
           SELECT (e->>'i')::int AS i, (e->>'f')::int AS f, ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326) AS g
           FROM json_array_elements(?::json) AS e
         )
         SELECT input.i,
                CASE WHEN ST_IsValid(input.g) AND NOT ST_IsEmpty(input.g) THEN NULL
                     ELSE COALESCE(ST_IsValidReason(input.g), 'empty geometry') END AS invalid,
                (cur.geom IS NOT NULL AND ST_IsValid(input.g)
                 AND ST_HausdorffDistance(ST_Transform(cur.geom, 5897), ST_Transform(input.g, 5897)) < 0.01) AS unchanged
         FROM input
         LEFT JOIN ${table} AS cur ON cur.feature_id = input.f AND cur.valid_to IS NULL
         ORDER BY input.i`,
        [payload],
      )) as { rows: { i: number; invalid: string | null; unchanged: boolean | null }[] };
      for (const r of rows) out.push({ index: r.i, invalid: r.invalid, unchanged: r.unchanged === true });
    }
  }
  return out;
}

/** The current geometry of features, as GeoJSON, by feature id. */
export async function currentGeometries(db: Knex, table: 'zones' | 'constraints', featureIds: number[]): Promise<Map<number, Polygonal>> {
  const out = new Map<number, Polygonal>();
  for (let i = 0; i < featureIds.length; i += CHUNK) {
    const rows = (await db(table)
      .select('feature_id', db.raw('ST_AsGeoJSON(geom)::json AS geometry'))
      .whereNull('valid_to')
      .whereIn('feature_id', featureIds.slice(i, i + CHUNK))) as { feature_id: number; geometry: Polygonal | string }[];
    for (const r of rows) out.set(r.feature_id, typeof r.geometry === 'string' ? (JSON.parse(r.geometry) as Polygonal) : r.geometry);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export

export interface ExportQuery {
  asOf: Date;
  planId: number | null;
  bbox: Bbox | null;
}

// The columns and names of GET /api/zones (zoning.store.ts), so both answers describe a zone alike.
const ZONE_SELECT = `z.feature_id AS id, z.plan_id, z.lot_code, z.land_use_code, z.name,
  z.max_coverage_pct::float8 AS max_coverage_pct, z.max_far::float8 AS max_far, z.max_floors,
  z.max_height_m::float8 AS max_height_m, z.min_setback_m::float8 AS min_setback_m,
  z.permitted_uses, z.citation, z.ward_code, z.version, z.valid_from, z.valid_to`;

function selection(db: Knex, q: ExportQuery): Knex.QueryBuilder {
  const sel = db('zones as z').join('plans as p', 'p.id', 'z.plan_id').whereIn('p.status', ['in_force', 'superseded']);
  whereValidAt(sel, 'z', q.asOf);
  whereIntersectsBbox(sel, db, 'z.geom', q.bbox);
  if (q.planId !== null) sel.where('z.plan_id', q.planId);
  return sel;
}

export type ExportRow = Record<string, unknown> & { id: number; geometry: Polygonal; area_m2?: number };

/**
 * One keyset page of the zones in force: feature_id after `after`, in feature_id order. `srid` null →
 * GeoJSON lon/lat at 7 decimals as /api/zones gives; a number → transformed by PostGIS, 3 decimals
 * (mm) for metres, 9 for degrees; the planar TM-3 area (5897 west of 105.835° E, else 9209) comes along.
 */
export async function exportPage(db: Knex, q: ExportQuery, after: number, limit: number, srid: number | null): Promise<ExportRow[]> {
  const sel = selection(db, q)
    .select(db.raw(ZONE_SELECT))
    .where('z.feature_id', '>', after)
    .orderBy('z.feature_id')
    .limit(limit);
  if (srid === null) sel.select(db.raw('ST_AsGeoJSON(z.geom, 7)::json AS geometry'));
  else {
    sel.select(
      db.raw('ST_AsGeoJSON(ST_Transform(z.geom, ?::int), ?::int)::json AS geometry', [srid, srid === 4326 ? 9 : 3]),
      db.raw('ST_Area(ST_Transform(z.geom, CASE WHEN ST_X(ST_Centroid(z.geom)) < 105.835 THEN 5897 ELSE 9209 END))::float8 AS area_m2'),
    );
  }
  const rows = (await sel) as ExportRow[];
  for (const r of rows) {
    if (typeof r.geometry === 'string') r.geometry = JSON.parse(r.geometry) as Polygonal;
    for (const k of ['valid_from', 'valid_to']) if (r[k] instanceof Date) r[k] = (r[k] as Date).toISOString();
  }
  return rows;
}

/** Longitude of the centre of the selection's extent (null when it is empty): picks the TM-3 zone of an export. */
export async function selectionCentreLon(db: Knex, q: ExportQuery): Promise<number | null> {
  const rows = (await selection(db, q).select(db.raw('ST_X(ST_Centroid(ST_Extent(z.geom)::geometry))::float8 AS lon'))) as { lon: number | null }[];
  return rows[0]?.lon ?? null;
}
