// SQL helpers shared by the stores: bbox filters that use the GiST index, GeoJSON output, as-of instants.
import type { Knex } from 'knex';
import type { Bbox } from '../http/query.ts';

/**
 * Adds "geometry intersects the bbox" to a query: `&&` lets the planner use the GiST index,
 * ST_Intersects drops the features whose box touches but whose shape does not.
 */
export function whereIntersectsBbox(q: Knex.QueryBuilder, knex: Knex, column: string, bbox: Bbox | null): Knex.QueryBuilder {
  if (!bbox) return q;
  const env = knex.raw('ST_MakeEnvelope(?, ?, ?, ?, 4326)', [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat]);
  return q.whereRaw(`?? && ?`, [column, env]).andWhereRaw(`ST_Intersects(??, ?)`, [column, env]);
}

/** GeoJSON of a geometry column; 7 decimals ≈ 1 cm, enough to keep VN-2000 areas stable. */
export function geoJsonColumn(knex: Knex, column: string, alias = 'geometry'): Knex.Raw {
  return knex.raw(`ST_AsGeoJSON(??, 7)::json AS ??`, [column, alias]);
}

/**
 * The instant that stands for "as of date D": the end of day D in Việt Nam (UTC+7), so an
 * amendment in force from D is already in force on D. Features are valid over [valid_from, valid_to).
 */
export function endOfDayInVietnam(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - 7 * 3600_000);
}

/** Versioned features in force at the instant: valid_from <= t < valid_to. */
export function whereValidAt(q: Knex.QueryBuilder, alias: string, instant: Date): Knex.QueryBuilder {
  return q
    .where(`${alias}.valid_from`, '<', instant)
    .andWhere((w) => w.whereNull(`${alias}.valid_to`).orWhere(`${alias}.valid_to`, '>=', instant));
}

/** `count(*)` as a JS number on both backends (pg returns bigint counts as strings). */
export async function countOf(q: Knex.QueryBuilder): Promise<number> {
  const rows = (await q.clearSelect().clearOrder().count({ n: '*' })) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}
