// Deterministic synthetic parcels for the lookup benchmark: lots inside the synthetic plan's zones (synthetic-plan.ts), generated in SQL, and seeded lookup points.
import type { Knex } from 'knex';
import { Prng } from '../geodata/demo-plan/prng.ts';
import { AREA, zoneBox, type Box, type Grid } from './synthetic-plan.ts';

/**
 * How parcels divide the zones: each zone lot holds `perZone` parcels in `rows` rows (1 or 2, so
 * every parcel fronts a street and a red line along it may take land from it) of `cols` lots. Zone z
 * holds parcels z·perZone … z·perZone + perZone − 1; trailing zones may hold none.
 */
export interface ParcelLayout {
  parcels: number;
  perZone: number;
  cols: number;
  rows: number;
  /** Zones that hold at least one parcel. */
  zonesUsed: number;
  /** Parcel size in metres (frontage × depth), for the report. */
  sizeM: [number, number];
}

export function makeParcelLayout(g: Grid, parcels: number): ParcelLayout {
  const perZone = Math.max(1, Math.ceil(parcels / g.zones));
  const rows = perZone >= 2 ? 2 : 1;
  const cols = Math.ceil(perZone / rows);
  const zw = g.cellM[0] - g.streetM;
  const zh = g.cellM[1] - g.streetM;
  return { parcels, perZone, cols, rows, zonesUsed: Math.ceil(parcels / perZone), sizeM: [zw / cols, zh / rows] };
}

/** Where parcel i lies: its zone, row (0 = south, fronting the street south of the block) and column. */
function parcelSlot(l: ParcelLayout, i: number): { z: number; r: number; c: number } {
  const z = Math.floor(i / l.perZone);
  const j = i % l.perZone;
  return { z, r: Math.floor(j / l.cols), c: j % l.cols };
}

/** The envelope of parcel i (0-based), as the SQL loader computes it (outer edges are the zone's own). */
export function parcelBox(g: Grid, l: ParcelLayout, i: number): Box {
  const { z, r, c } = parcelSlot(l, i);
  const [x0, y0, x1, y1] = zoneBox(g, z);
  const lerp = (a: number, b: number, k: number, n: number): number => (k === 0 ? a : k === n ? b : a + ((b - a) * k) / n);
  return [lerp(x0, x1, c, l.cols), lerp(y0, y1, r, l.rows), lerp(x0, x1, c + 1, l.cols), lerp(y0, y1, r + 1, l.rows)];
}

export interface ParcelLoadTimings {
  insert_ms: number;
  analyze_ms: number;
  total_ms: number;
  batches: number;
}

/**
 * Inserts `parcels` parcels laid out by makeParcelLayout, built entirely in SQL from generate_series
 * (nothing per parcel crosses from Node): one INSERT … SELECT per `batch` parcels, each its own
 * statement and transaction, then ANALYZE. The parcel's outer edges are computed with the zone
 * loader's own expressions, so a parcel lies exactly inside its zone. Ward codes go round the wards
 * table; sheet = zone number, parcel = number within the zone (unique city-wide); addresses name
 * the street the parcel fronts (the grid streets of makeConstraints); legal areas differ from the
 * drawn area by up to ±2 %, as surveyed areas do. Land-law codes: 80 % ODT, 15 % TMD, 5 % SKC.
 * `from` resumes an interrupted load at that parcel index (the parcels already there).
 */
export async function loadSyntheticParcels(
  db: Knex,
  g: Grid,
  opts: { parcels: number; batch?: number; from?: number; log?: (msg: string) => void },
): Promise<{ layout: ParcelLayout; timings: ParcelLoadTimings }> {
  const log = opts.log ?? (() => {});
  const l = makeParcelLayout(g, opts.parcels);
  const batch = opts.batch ?? 20_000;
  const t0 = performance.now();
  let batches = 0;
  // `from`: resume an interrupted load (every batch commits on its own, so the parcels present are a prefix).
  for (let start = opts.from ?? 0; start < l.parcels; start += batch) {
    const end = Math.min(l.parcels, start + batch) - 1;
    await db.raw(
      `INSERT INTO parcels (ward_code, sheet_no, parcel_no, address, legal_area_m2, land_law_code, geom)
       SELECT w.codes[1 + (s.z % array_length(w.codes, 1))], s.z + 1, s.j + 1,
              'Số ' || (2 * ((s.z % g.cols) * l.cols + s.c) + 2 - s.r) || ' đường N' || (s.z / g.cols + s.r + 1) ||
                ', lô ' || (s.z + 1) || ' (bench)',
              round((l.w_m * l.h_m * (1 + ((s.i::bigint * 7919) % 41 - 20) / 1000.0))::numeric, 1),
              CASE WHEN s.i % 20 < 16 THEN 'ODT' WHEN s.i % 20 < 19 THEN 'TMD' ELSE 'SKC' END,
              ST_Multi(ST_MakeEnvelope(
                CASE s.c WHEN 0 THEN s.x0 ELSE s.x0 + (s.x1 - s.x0) * s.c / l.cols END,
                CASE s.r WHEN 0 THEN s.y0 ELSE s.y0 + (s.y1 - s.y0) * s.r / l.rows END,
                CASE s.c + 1 WHEN l.cols THEN s.x1 ELSE s.x0 + (s.x1 - s.x0) * (s.c + 1) / l.cols END,
                CASE s.r + 1 WHEN l.rows THEN s.y1 ELSE s.y0 + (s.y1 - s.y0) * (s.r + 1) / l.rows END, 4326))
       FROM (SELECT ?::float8 AS x0, ?::float8 AS y0, ?::int AS cols, ?::float8 AS dx, ?::float8 AS dy,
                    ?::float8 AS hx, ?::float8 AS hy) AS g,
            (SELECT ?::int AS per_zone, ?::int AS cols, ?::int AS rows, ?::float8 AS w_m, ?::float8 AS h_m) AS l,
            (SELECT array_agg(code ORDER BY code) AS codes FROM wards) AS w,
            LATERAL (
              SELECT i, z, j, j / l.cols AS r, j % l.cols AS c,
                     g.x0 + (z % g.cols) * g.dx + g.hx AS x0, g.y0 + (z / g.cols) * g.dy + g.hy AS y0,
                     g.x0 + (z % g.cols + 1) * g.dx - g.hx AS x1, g.y0 + (z / g.cols + 1) * g.dy - g.hy AS y1
              FROM generate_series(?::int, ?::int) AS i, LATERAL (SELECT i / l.per_zone AS z, i % l.per_zone AS j) AS zj
            ) AS s
       ORDER BY s.i`,
      [AREA.minLon, AREA.minLat, g.cols, g.cellLon, g.cellLat, g.halfStreetLon, g.halfStreetLat,
        l.perZone, l.cols, l.rows, l.sizeM[0], l.sizeM[1], start, end],
    );
    batches++;
    if (batches % 10 === 0 || end === l.parcels - 1) log(`  parcels: ${end + 1} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const insert_ms = performance.now() - t0;
  const t = performance.now();
  await db.raw('ANALYZE parcels');
  const analyze_ms = performance.now() - t;
  return { layout: l, timings: { insert_ms, analyze_ms, total_ms: performance.now() - t0, batches } };
}

export interface LookupPoint {
  lon: number;
  lat: number;
  /** The parcel (0-based index in load order) the point lies in, or null for a point in a street. */
  parcel: number | null;
}

/**
 * `count` lookup points: a share `outside` of them in the streets between the blocks (inside the
 * plan, in no parcel and no zone, often on a red line), the rest uniformly inside random parcels
 * (kept 2 % of a side away from its edges, so each falls in exactly one parcel).
 */
export function makeLookupPoints(g: Grid, l: ParcelLayout, count: number, seed: string, label: string, outside = 0.1): LookupPoint[] {
  const rng = Prng.fork(seed, `lookup-points/${label}`);
  const out: LookupPoint[] = [];
  for (let n = 0; n < count; n++) {
    if (rng.chance(outside)) {
      const z = rng.int(0, l.zonesUsed - 1);
      const [x0, y0, x1] = zoneBox(g, z);
      // In the street south of the block: between the cell's edge and the block's.
      out.push({ lon: rng.range(x0, x1), lat: y0 - g.halfStreetLat * rng.range(0.05, 0.95), parcel: null });
      continue;
    }
    const i = rng.int(0, l.parcels - 1);
    const [x0, y0, x1, y1] = parcelBox(g, l, i);
    out.push({ lon: x0 + (x1 - x0) * rng.range(0.02, 0.98), lat: y0 + (y1 - y0) * rng.range(0.02, 0.98), parcel: i });
  }
  return out;
}
