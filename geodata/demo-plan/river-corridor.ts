// Approximates the Hậu and Cần Thơ rivers from the ward polygons (no river polygon is available) and builds the water areas and river-corridor constraints.
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { buffer, lineString } from '@turf/turf';
import { lonLatToPlanar, planarToLonLat } from './geo-convert.ts';
import type { Pt } from './planar.ts';

/*
 * Decision (documented in geodata/README.md): the Natural Earth centreline is a 13-vertex 1:10M
 * sketch that crosses the wards' river-side edge, so it is not used. The river-side edge of the
 * plan's wards is the city boundary on the Hậu River: the vertices no other ward of the 103 shares.
 * It lies out in the river, not on the bank: wards include their share of the water, and the ward
 * line that follows the Cần Thơ River runs on for more than a kilometre across the Hậu to reach it.
 * So the near bank is taken as HAU_WATER_FROM_EDGE_M inland of it — an assumption, not a survey.
 * The Cần Thơ River is not in any open source here either; the wards north and south of it (Ninh
 * Kiều, Tân An, An Bình / Hưng Phú, Cái Răng) meet along it, so that shared boundary is taken as its
 * centreline. Widths are in metres on the ground (buffers are built by Turf in a local projection).
 */

/** Assumed width of Hậu River water between the city boundary (in the river) and the near bank. */
export const HAU_WATER_FROM_EDGE_M = 1000;
/** Width of the Hậu River protection corridor inland of the assumed bank (no building). */
export const HAU_CORRIDOR_WIDTH_M = 50;
/** Assumed half-width of the Cần Thơ River around the shared ward boundary. */
export const CANTHO_RIVER_HALF_WIDTH_M = 100;
/** Building setback required from the Cần Thơ River water (rule setback_m). */
export const CANTHO_RIVER_SETBACK_M = 20;

export const CANTHO_RIVER_NORTH_WARDS = ['31135', '31147', '31150'];
export const CANTHO_RIVER_SOUTH_WARDS = ['31201', '31186'];

type WardFeature = Feature<Polygon | MultiPolygon, { code: string }>;

const key = (c: Position): string => `${c[0]},${c[1]}`;

function outerRings(f: WardFeature): Position[][] {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.map((p) => p[0].slice(0, -1));
}

/** Maximal cyclic runs of ring vertices for which `flag` holds (at least `minLength` vertices). */
function cyclicRuns(ring: Position[], flag: (c: Position) => boolean, minLength: number): Position[][] {
  const n = ring.length;
  const flags = ring.map(flag);
  const start = flags.indexOf(false);
  if (start < 0) return [ring];
  const runs: Position[][] = [];
  let cur: Position[] = [];
  for (let k = 1; k <= n; k++) {
    const i = (start + k) % n;
    if (flags[i]) cur.push(ring[i]);
    else {
      if (cur.length >= minLength) runs.push(cur);
      cur = [];
    }
  }
  if (cur.length >= minLength) runs.push(cur);
  return runs;
}

/** Joins runs into one polyline, greedily attaching the run whose end is nearest either end. */
function assemble(runs: Position[][]): Position[] {
  if (runs.length === 0) throw new Error('no river-side vertices found in the ward polygons');
  const rest = [...runs].sort((a, b) => b.length - a.length);
  let chain = rest.shift() as Position[];
  const d = (a: Position, b: Position): number => Math.hypot((a[0] - b[0]) * Math.cos((a[1] * Math.PI) / 180), a[1] - b[1]);
  while (rest.length > 0) {
    let best = { i: 0, dist: Infinity, join: (r: Position[]): Position[] => r };
    rest.forEach((r, i) => {
      const head = chain[0];
      const tail = chain[chain.length - 1];
      const options: [number, (x: Position[]) => Position[]][] = [
        [d(tail, r[0]), (x) => [...chain, ...x]],
        [d(tail, r[r.length - 1]), (x) => [...chain, ...[...x].reverse()]],
        [d(r[r.length - 1], head), (x) => [...x, ...chain]],
        [d(r[0], head), (x) => [...[...x].reverse(), ...chain]],
      ];
      for (const [dist, join] of options) if (dist < best.dist) best = { i, dist, join };
    });
    chain = best.join(rest.splice(best.i, 1)[0]);
  }
  return chain;
}

/** Extends both ends of a lon/lat polyline by `metres` along its end segments (planar). */
function extend(chain: Position[], metres: number): Position[] {
  const p = chain.map((c) => lonLatToPlanar(c));
  const ext = (a: Pt, b: Pt): Pt => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    return [b[0] + ((b[0] - a[0]) / len) * metres, b[1] + ((b[1] - a[1]) / len) * metres];
  };
  const first = ext(p[Math.min(3, p.length - 1)], p[0]);
  const last = ext(p[Math.max(0, p.length - 4)], p[p.length - 1]);
  return [planarToLonLat(first), ...chain, planarToLonLat(last)];
}

export interface RiverLines {
  /** The plan's edge on the Hậu River (mid-river), north-west → south-east, extended past the plan. */
  hauEdge: Position[];
  /** The Cần Thơ River centreline taken from the shared ward boundary, extended past its ends. */
  canThoCentreline: Position[];
}

/** Finds both river lines in the ward polygons; `allWards` is all 103 wards, `planWards` the plan's. */
export function findRiverLines(allWards: readonly WardFeature[], planWards: readonly WardFeature[]): RiverLines {
  const owners = new Map<string, Set<string>>();
  for (const f of allWards) {
    for (const ring of outerRings(f)) {
      for (const c of ring) {
        const k = key(c);
        const s = owners.get(k) ?? new Set<string>();
        s.add(f.properties.code);
        owners.set(k, s);
      }
    }
  }
  // Runs shorter than 3 vertices are stray T-junction vertices on internal boundaries.
  const hauRuns = planWards.flatMap((f) => outerRings(f).flatMap((r) => cyclicRuns(r, (c) => owners.get(key(c))?.size === 1, 3)));
  let hauEdge = assemble(hauRuns);
  const a = lonLatToPlanar(hauEdge[0]);
  const b = lonLatToPlanar(hauEdge[hauEdge.length - 1]);
  if (a[1] < b[1]) hauEdge = [...hauEdge].reverse();

  const south = planWards.filter((f) => CANTHO_RIVER_SOUTH_WARDS.includes(f.properties.code));
  const isShared = (c: Position): boolean => [...(owners.get(key(c)) ?? [])].some((w) => CANTHO_RIVER_NORTH_WARDS.includes(w));
  const ctRuns = south.flatMap((f) => outerRings(f).flatMap((r) => cyclicRuns(r, isShared, 2)));
  return {
    hauEdge: extend(hauEdge, 1500),
    canThoCentreline: extend(assemble(ctRuns), 300),
  };
}

/** Planar-metre buffer of a lon/lat polyline (Turf buffers in a local azimuthal projection: ample at these widths). */
export function bufferLine(line: Position[], metres: number): Feature<Polygon | MultiPolygon> {
  const f = buffer(lineString(line) as Feature<LineString>, metres / 1000, { units: 'kilometers', steps: 16 });
  if (!f) throw new Error('buffer failed');
  return f as Feature<Polygon | MultiPolygon>;
}
