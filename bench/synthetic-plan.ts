// Deterministic synthetic zoning plan for benchmarks: a grid of zone lots around Cần Thơ, red-line
// strips along the grid streets, a few river / heritage / flood / airspace polygons, and permit
// proposals on lot-sized sites inside random zones (parcels: synthetic-parcels.ts). Same seed and sizes → same plan, bit for bit.
import type { Knex } from 'knex';
import type { Polygon } from 'geojson';
import { Prng } from '../geodata/demo-plan/prng.ts';
import { citationFor, indicatorsFor, type Indicators } from '../geodata/demo-plan/zone-indicators.ts';
import type { AreaClass } from '../geodata/demo-plan/street-network.ts';
import { findLandUseCode } from '../geodata/land-use-codes.ts';
import { insertNewConstraints, insertNewZones, insertPlan, type NewConstraint } from '../api/zoning/zoning.store.ts';
import type { BuildingProposal, ConstraintKind, ConstraintRule } from '../api/checks/index.ts';

/** The study area in EPSG:4326 (Cần Thơ: Ninh Kiều, Bình Thủy, Cái Răng and surroundings). */
export const AREA = { minLon: 105.6, maxLon: 105.9, minLat: 9.9, maxLat: 10.15 } as const;
/** Metres per degree at 10° N on WGS 84 (good to ~0.1 % over the area; the engine measures in TM-3 anyway). */
const M_PER_DEG_LON = 109_640;
const M_PER_DEG_LAT = 110_608;
/** Ninh Kiều centre: density falls with the distance from it. */
const CENTRE = [105.7846, 10.0341] as const;
/** Plan in force from the start of this day (Việt Nam time). */
export const PLAN_EFFECTIVE_FROM = '2024-01-01';
export const PLAN_VALID_FROM = new Date(`${PLAN_EFFECTIVE_FROM}T00:00:00+07:00`);

const mx = (m: number): number => m / M_PER_DEG_LON;
const my = (m: number): number => m / M_PER_DEG_LAT;

export interface Grid {
  zones: number;
  cols: number;
  rows: number;
  cellLon: number;
  cellLat: number;
  /** Half the street width between blocks, in degrees: each zone is its cell inset by this. */
  halfStreetLon: number;
  halfStreetLat: number;
  /** Cell size and street width in metres, for the report. */
  cellM: [number, number];
  streetM: number;
}

/** Near-square cells over AREA, row-major from the south-west corner; the last row may be partial. */
export function makeGrid(zones: number): Grid {
  const wM = (AREA.maxLon - AREA.minLon) * M_PER_DEG_LON;
  const hM = (AREA.maxLat - AREA.minLat) * M_PER_DEG_LAT;
  const cols = Math.max(1, Math.round(Math.sqrt((zones * wM) / hM)));
  const rows = Math.ceil(zones / cols);
  const cellLon = (AREA.maxLon - AREA.minLon) / cols;
  const cellLat = (AREA.maxLat - AREA.minLat) / rows;
  const cellM: [number, number] = [cellLon * M_PER_DEG_LON, cellLat * M_PER_DEG_LAT];
  // 12 m streets (2 × 6 m), never more than a fifth of a cell on very fine grids.
  const streetM = Math.min(12, 0.2 * Math.min(...cellM));
  return { zones, cols, rows, cellLon, cellLat, halfStreetLon: mx(streetM / 2), halfStreetLat: my(streetM / 2), cellM, streetM };
}

export type Box = [x0: number, y0: number, x1: number, y1: number];

/** The envelope of zone i (0-based), as the SQL loader computes it. */
export function zoneBox(g: Grid, i: number): Box {
  const c = i % g.cols;
  const r = Math.floor(i / g.cols);
  return [
    AREA.minLon + c * g.cellLon + g.halfStreetLon,
    AREA.minLat + r * g.cellLat + g.halfStreetLat,
    AREA.minLon + (c + 1) * g.cellLon - g.halfStreetLon,
    AREA.minLat + (r + 1) * g.cellLat - g.halfStreetLat,
  ];
}

function rect([x0, y0, x1, y1]: Box): Polygon {
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

// ---------------------------------------------------------------------------------------------
// Zones

/** Lot symbols by weight (GT is left out: roads are the gaps between the lots). */
const SYMBOL_WEIGHTS: readonly (readonly [string, number])[] = [
  ['NO', 34], ['OM', 20], ['HH', 12], ['CC', 5], ['CQ', 2], ['YT', 1], ['TH', 3], ['NT', 2], ['CX', 8],
  ['P', 2], ['HTKT', 2], ['TG', 1], ['DT', 0.5], ['CN', 3], ['NN', 4], ['MN', 0.5],
];

export interface SynthZone extends Indicators {
  lot_code: string;
  land_use_code: string;
  permitted_uses: string[];
  citation: string;
}

function areaClass(lon: number, lat: number): AreaClass {
  const d = Math.hypot((lon - CENTRE[0]) * M_PER_DEG_LON, (lat - CENTRE[1]) * M_PER_DEG_LAT) / 1000;
  return d < 2.5 ? 'core' : d < 7 ? 'urban' : d < 13 ? 'suburban' : 'rural';
}

/** Attributes of every zone, in grid order. Indicators come from the demo plan's legal-range rules. */
export function makeZones(g: Grid, seed: string): SynthZone[] {
  const rng = Prng.fork(seed, 'zones');
  const permitted = new Map(SYMBOL_WEIGHTS.map(([s]) => [s, findLandUseCode('plan_symbol', s)?.maps_to.land_law ?? []]));
  const out: SynthZone[] = new Array(g.zones);
  for (let i = 0; i < g.zones; i++) {
    const [x0, y0, x1, y1] = zoneBox(g, i);
    const symbol = rng.weighted(SYMBOL_WEIGHTS);
    const ind = indicatorsFor(symbol, areaClass((x0 + x1) / 2, (y0 + y1) / 2), rng);
    out[i] = {
      ...ind,
      lot_code: `${symbol}-${String(i + 1).padStart(6, '0')}`,
      land_use_code: symbol,
      permitted_uses: [...(permitted.get(symbol) ?? [])],
      citation: citationFor(symbol),
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Constraints

export interface RedLineStrip {
  box: Box;
  /** Land taken from each adjoining lot beyond the street edge, m (road widening). */
  take_m: number;
  name: string;
}

export interface SynthConstraints {
  redLines: RedLineStrip[];
  /** River corridors, heritage areas, flood areas, the airspace limit: loaded through the store. */
  others: NewConstraint[];
  /** Blocks each red-line strip runs along. */
  runBlocks: number;
}

const article = (n: number, clause?: number): string => `${clause ? `Khoản ${clause}, ` : ''}Điều ${n}, Quy định quản lý (bench, synthetic)`;

function circle(cx: number, cy: number, rM: number, n = 24): Polygon {
  const ring: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    ring.push([cx + mx(rM * Math.cos(t)), cy + my(rM * Math.sin(t))]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** An east–west meandering band (constant vertical half-width, so always a simple polygon). */
function riverBand(baseLat: number, amplitudeDeg: number, wavelengthDeg: number, phase: number, halfWidthM: number): Polygon {
  const step = 0.0015; // ≈ 165 m between vertices: a river digitised at 1:5000
  const centre: [number, number][] = [];
  for (let x = AREA.minLon; x <= AREA.maxLon + 1e-12; x += step) {
    centre.push([x, baseLat + amplitudeDeg * Math.sin((2 * Math.PI * (x - AREA.minLon)) / wavelengthDeg + phase)]);
  }
  const hw = my(halfWidthM);
  const north = centre.map(([x, y]) => [x, y + hw] as [number, number]);
  const south = centre.map(([x, y]) => [x, y - hw] as [number, number]).reverse();
  const ring = [...north, ...south, north[0]];
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * `total` constraints: 0.5 % (at least 4) special polygons, the rest red-line strips along the grid
 * streets. Each strip covers the street (12 m) plus a 0–3 m take on each side and runs along
 * `runBlocks` blocks; the run length is the longest that still gives enough strips, and a seeded
 * shuffle picks which runs have a red line.
 */
export function makeConstraints(g: Grid, total: number, seed: string): SynthConstraints {
  const rng = Prng.fork(seed, 'constraints');
  const specials = Math.min(total, Math.max(4, Math.round(total * 0.005)));
  const redTotal = total - specials;
  const runs = (L: number): number => (g.cols + 1) * Math.ceil(g.rows / L) + (g.rows + 1) * Math.ceil(g.cols / L);
  let L = Math.max(g.cols, g.rows);
  while (L > 1 && runs(L) < redTotal) L--;
  const all: { v: boolean; street: number; from: number; to: number }[] = [];
  for (let s = 0; s <= g.cols; s++) for (let r = 0; r < g.rows; r += L) all.push({ v: true, street: s, from: r, to: Math.min(g.rows, r + L) });
  for (let s = 0; s <= g.rows; s++) for (let c = 0; c < g.cols; c += L) all.push({ v: false, street: s, from: c, to: Math.min(g.cols, c + L) });
  const chosen = rng.shuffle(all.map((_, k) => k)).slice(0, redTotal).sort((a, b) => a - b);
  const redLines: RedLineStrip[] = chosen.map((k) => {
    const run = all[k];
    const take = rng.pick([0, 0, 0.5, 1, 2, 3]);
    const half = g.streetM / 2 + take;
    const width = Math.round(2 * half * 10) / 10;
    if (run.v) {
      const x = AREA.minLon + run.street * g.cellLon;
      return {
        box: [x - mx(half), AREA.minLat + run.from * g.cellLat, x + mx(half), AREA.minLat + run.to * g.cellLat],
        take_m: take,
        name: `Chỉ giới đường đỏ đường D${run.street + 1}, đoạn ${run.from + 1}–${run.to} (lộ giới ${width} m)`,
      };
    }
    const y = AREA.minLat + run.street * g.cellLat;
    return {
      box: [AREA.minLon + run.from * g.cellLon, y - my(half), AREA.minLon + run.to * g.cellLon, y + my(half)],
      take_m: take,
      name: `Chỉ giới đường đỏ đường N${run.street + 1}, đoạn ${run.from + 1}–${run.to} (lộ giới ${width} m)`,
    };
  });

  const others: NewConstraint[] = [];
  const add = (kind: ConstraintKind, rule: ConstraintRule, value: number | null, tolerance_m: number, name: string, citation: string, geometry: Polygon): void => {
    others.push({ kind, rule, value, tolerance_m, name, citation, geometry });
  };
  if (specials > 0) {
    // Airspace height limit over the north-west corner (Cần Thơ airport side): one large polygon.
    add('height_limit', 'max_height_m', 45, 1, 'Vùng hạn chế chiều cao hàng không (bench): tối đa 45 m', article(28),
      rect([AREA.minLon, AREA.maxLat - 0.08, AREA.minLon + 0.07, AREA.maxLat]));
  }
  const rivers = Math.min(specials - others.length, Math.max(1, Math.round(specials / 10)));
  for (let k = 0; k < rivers; k++) {
    const baseLat = AREA.minLat + ((k + 0.5) / rivers) * (AREA.maxLat - AREA.minLat);
    const band = riverBand(baseLat, rng.range(0.002, 0.006), rng.range(0.02, 0.06), rng.range(0, 2 * Math.PI), rng.range(25, 60));
    if (k % 2 === 0) add('river_corridor', 'no_build', null, 0.5, `Hành lang bảo vệ kênh K${k + 1} (bench)`, article(9, 1), band);
    else add('river_corridor', 'setback_m', 20, 0.5, `Kênh K${k + 1}: công trình lùi tối thiểu 20 m (bench)`, article(9, 2), band);
  }
  for (let j = 0; others.length < specials; j++) {
    const cx = rng.range(AREA.minLon + 0.01, AREA.maxLon - 0.01);
    const cy = rng.range(AREA.minLat + 0.01, AREA.maxLat - 0.01);
    const r = rng.range(40, 100);
    if (j % 3 === 2) {
      const h = rng.range(60, 150);
      add('flood', 'no_build', null, 1, `Vùng trũng ngập ${j + 1} (bench)`, article(27, 1), rect([cx - mx(h), cy - my(h), cx + mx(h), cy + my(h)]));
    } else if (j % 3 === 0) {
      add('heritage', 'max_height_m', 12, 0.5, `Khu vực bảo vệ II di tích ${j + 1} (bench): tối đa 12 m`, article(23, 2), circle(cx, cy, r + 80));
    } else {
      add('heritage', 'no_build', null, 0.5, `Khu vực bảo vệ I di tích ${j + 1} (bench): không xây dựng mới`, article(23, 1), circle(cx, cy, r));
    }
  }
  return { redLines, others, runBlocks: L };
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface LoadTimings {
  plan_ms: number;
  zones_ms: number;
  constraints_ms: number;
  analyze_ms: number;
  total_ms: number;
}

export interface LoadedPlan {
  planId: number;
  grid: Grid;
  zones: SynthZone[];
  constraints: SynthConstraints;
  timings: LoadTimings;
  loader: 'sql' | 'store';
}

const CHUNK = 5000;

/**
 * Zones from a JSON recordset of attributes with their geometry built in SQL from the grid index
 * (ST_MakeEnvelope over the cell, inset by half a street): one statement per 5,000 zones.
 */
async function insertZonesSql(db: Knex, planId: number, g: Grid, zones: SynthZone[]): Promise<void> {
  for (let start = 0; start < zones.length; start += CHUNK) {
    const rows = zones.slice(start, start + CHUNK).map((z, k) => ({
      i: start + k,
      lot_code: z.lot_code,
      land_use_code: z.land_use_code,
      cov: z.max_coverage_pct,
      far: z.max_far,
      floors: z.max_floors,
      h: z.max_height_m,
      sb: z.min_setback_m,
      uses: z.permitted_uses.join(','),
      citation: z.citation,
    }));
    await db.raw(
      `INSERT INTO zones (feature_id, version, valid_from, plan_id, lot_code, land_use_code, max_coverage_pct, max_far,
                          max_floors, max_height_m, min_setback_m, permitted_uses, citation, geom)
       SELECT nextval('zone_feature_id_seq'), 1, ?::timestamptz, ?::int, t.lot_code, t.land_use_code, t.cov, t.far,
              t.floors, t.h, t.sb, string_to_array(t.uses, ','), t.citation,
              ST_Multi(ST_MakeEnvelope(
                g.x0 + (t.i % g.cols) * g.dx + g.hx, g.y0 + (t.i / g.cols) * g.dy + g.hy,
                g.x0 + (t.i % g.cols + 1) * g.dx - g.hx, g.y0 + (t.i / g.cols + 1) * g.dy - g.hy, 4326))
       FROM json_to_recordset(?::json) AS t(i int, lot_code text, land_use_code text, cov numeric, far numeric,
                                            floors int, h numeric, sb numeric, uses text, citation text),
            (SELECT ?::float8 AS x0, ?::float8 AS y0, ?::int AS cols, ?::float8 AS dx, ?::float8 AS dy,
                    ?::float8 AS hx, ?::float8 AS hy) AS g
       ORDER BY t.i`,
      [PLAN_VALID_FROM, planId, JSON.stringify(rows), AREA.minLon, AREA.minLat, g.cols, g.cellLon, g.cellLat, g.halfStreetLon, g.halfStreetLat],
    );
  }
}

async function insertRedLinesSql(db: Knex, planId: number, strips: RedLineStrip[]): Promise<void> {
  for (let start = 0; start < strips.length; start += CHUNK) {
    const rows = strips.slice(start, start + CHUNK).map((s, k) => ({ k: start + k, x0: s.box[0], y0: s.box[1], x1: s.box[2], y1: s.box[3], name: s.name }));
    await db.raw(
      `INSERT INTO constraints (feature_id, version, valid_from, plan_id, kind, rule, value, tolerance_m, name, citation, geom)
       SELECT nextval('constraint_feature_id_seq'), 1, ?::timestamptz, ?::int, 'red_line', 'no_build', NULL, 0.2, t.name, ?,
              ST_Multi(ST_MakeEnvelope(t.x0, t.y0, t.x1, t.y1, 4326))
       FROM json_to_recordset(?::json) AS t(k int, x0 float8, y0 float8, x1 float8, y1 float8, name text)
       ORDER BY t.k`,
      [PLAN_VALID_FROM, planId, article(6), JSON.stringify(rows)],
    );
  }
}

/**
 * Writes the plan row (insertPlan), the zones and the constraints in one transaction, then ANALYZE.
 * loader 'sql': zones and red lines as set-based INSERT … SELECT (geometry built in SQL);
 * loader 'store': every feature through insertNewZones / insertNewConstraints (GeoJSON, 250 a batch).
 * The special polygons always go through insertNewConstraints.
 */
export async function loadSyntheticPlan(
  db: Knex,
  opts: { zones: number; constraints: number; seed: string; loader: 'sql' | 'store'; log?: (msg: string) => void },
): Promise<LoadedPlan> {
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const grid = makeGrid(opts.zones);
  const zones = makeZones(grid, opts.seed);
  const constraints = makeConstraints(grid, opts.constraints, opts.seed);
  const timings: LoadTimings = { plan_ms: 0, zones_ms: 0, constraints_ms: 0, analyze_ms: 0, total_ms: 0 };
  const planId = await db.transaction(async (trx) => {
    let t = performance.now();
    const id = await insertPlan(trx, {
      code: `BENCH-${opts.zones}-${opts.constraints}`,
      name: `Quy hoạch phân khu tổng hợp (benchmark, ${opts.zones} lô)`,
      level: 'zoning',
      decision_no: '0000/QĐ-BENCH',
      decision_date: '2023-12-15',
      approved_by: 'Synthetic benchmark data, not an official plan',
      effective_from: PLAN_EFFECTIVE_FROM,
      status: 'in_force',
      is_demo: true,
      notice_vi: 'Dữ liệu tổng hợp phục vụ đo hiệu năng, không phải quy hoạch chính thức.',
      notice_en: 'Synthetic benchmark data, not an official plan.',
      boundary: rect([AREA.minLon, AREA.minLat, AREA.maxLon, AREA.maxLat]),
    });
    timings.plan_ms = performance.now() - t;
    t = performance.now();
    const version = { plan_id: id, valid_from: PLAN_VALID_FROM };
    if (opts.loader === 'sql') {
      await insertZonesSql(trx, id, grid, zones);
    } else {
      for (let start = 0; start < zones.length; start += CHUNK) {
        await insertNewZones(
          trx,
          zones.slice(start, start + CHUNK).map((z, k) => ({ ...z, name: null, ward_code: null, geometry: rect(zoneBox(grid, start + k)) })),
          version,
        );
      }
    }
    timings.zones_ms = performance.now() - t;
    log(`  zones: ${zones.length} in ${(timings.zones_ms / 1000).toFixed(1)} s`);
    t = performance.now();
    if (opts.loader === 'sql') {
      await insertRedLinesSql(trx, id, constraints.redLines);
    } else {
      await insertNewConstraints(
        trx,
        constraints.redLines.map((s) => ({ kind: 'red_line', rule: 'no_build', value: null, tolerance_m: 0.2, name: s.name, citation: article(6), geometry: rect(s.box) })),
        version,
      );
    }
    await insertNewConstraints(trx, constraints.others, version);
    timings.constraints_ms = performance.now() - t;
    log(`  constraints: ${constraints.redLines.length} red lines + ${constraints.others.length} others in ${(timings.constraints_ms / 1000).toFixed(1)} s`);
    return id;
  });
  let t = performance.now();
  await db.raw('ANALYZE plans');
  await db.raw('ANALYZE zones');
  await db.raw('ANALYZE constraints');
  timings.analyze_ms = performance.now() - t;
  timings.total_ms = performance.now() - t0;
  return { planId, grid, zones, constraints, timings, loader: opts.loader };
}

// ---------------------------------------------------------------------------------------------
// Proposals

export interface SynthProposal {
  zoneIndex: number;
  /** Which street edge the site fronts on (where a red line may take land), or null inside the block. */
  front: 'S' | 'N' | 'W' | 'E' | null;
  proposal: BuildingProposal;
}

const OTHER_USES = ['ODT', 'TMD', 'SKC', 'DGD', 'TSC'];

/**
 * `count` applications on lot-sized sites (5–40 m frontage, 15–50 m deep) inside random zones; half
 * of them front on a street (so a red line can cut the site), half lie inside the block. Footprint
 * 40–90 % of the site; use mostly one the zone permits; floors up to one above the zone's limit.
 */
export function makeProposals(g: Grid, zones: SynthZone[], count: number, seed: string, label: string): SynthProposal[] {
  const rng = Prng.fork(seed, `proposals/${label}`);
  const out: SynthProposal[] = [];
  for (let n = 0; n < count; n++) {
    const zi = rng.int(0, g.zones - 1);
    const zone = zones[zi];
    const [zx0, zy0, zx1, zy1] = zoneBox(g, zi);
    const zw = (zx1 - zx0) * M_PER_DEG_LON;
    const zh = (zy1 - zy0) * M_PER_DEG_LAT;
    const front = rng.chance(0.5) ? rng.pick(['S', 'N', 'W', 'E'] as const) : null;
    const vertical = front === 'S' || front === 'N';
    // Frontage along the street, depth into the block (metres), kept inside the zone.
    const frontage = Math.min(rng.range(5, 40), (vertical ? zw : zh) - 2);
    const depth = Math.min(rng.range(15, 50), (vertical ? zh : zw) - 2);
    const [w, h] = front === null || vertical ? [frontage, depth] : [depth, frontage];
    // Site origin (south-west corner) in metres from the zone's south-west corner.
    let ox = rng.range(1, zw - w - 1);
    let oy = rng.range(1, zh - h - 1);
    if (front === 'S') oy = 0;
    if (front === 'N') oy = zh - h;
    if (front === 'W') ox = 0;
    if (front === 'E') ox = zw - w;
    const site: Box = [zx0 + mx(ox), zy0 + my(oy), zx0 + mx(ox + w), zy0 + my(oy + h)];
    // Footprint: a share f of the site, fx × fy with fx·fy = f, placed at random within the site.
    const f = rng.range(0.4, 0.9);
    const fx = rng.range(f, 1);
    const fy = f / fx;
    const fw = w * fx;
    const fh = h * fy;
    const fox = ox + rng.range(0, w - fw);
    const foy = oy + rng.range(0, h - fh);
    const footprint: Box = [zx0 + mx(fox), zy0 + my(foy), zx0 + mx(fox + fw), zy0 + my(foy + fh)];
    const use = zone.permitted_uses.length > 0 && rng.chance(0.8) ? rng.pick(zone.permitted_uses) : rng.pick(OTHER_USES);
    const floors = zone.max_floors !== null ? rng.int(1, zone.max_floors + 1) : rng.int(1, 4);
    const height_m = Math.round((floors * 3.6 + rng.range(0.5, 3)) * 10) / 10;
    const gfa_m2 = Math.round(fw * fh * floors * rng.range(0.85, 1.05));
    out.push({ zoneIndex: zi, front, proposal: { site: rect(site), footprint: rect(footprint), use, floors, height_m, gfa_m2 } });
  }
  return out;
}
