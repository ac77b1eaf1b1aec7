// Independent planar geometry for the geodata tests: projection to EPSG:5897 with its own proj4 string, shoelace areas, ring validity, exact overlap areas and point-in-polygon.
import proj4 from 'proj4';
import type { MultiPolygon, Position } from 'geojson';

/*
 * Deliberately not importing the generator's geometry code: these helpers check its output with a
 * second implementation. The proj4 string is the EPSG:5897 definition (PostGIS's EPSG:15966 shift;
 * the shift does not change planar areas).
 */
const EPSG_5897 =
  '+proj=tmerc +lat_0=0 +lon_0=105 +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ' +
  '+towgs84=-192.873,-39.382,-111.202,-0.00205,-0.0005,0.00335,0.0188 +units=m +no_defs';
const toPlanar = proj4('EPSG:4326', EPSG_5897);

export type XY = [number, number];
/** A polygon as projected open rings (no closing point), outer first. */
export type PRing = XY[];
export type PPoly = PRing[];

export function project(c: Position): XY {
  const [x, y] = toPlanar.forward([c[0], c[1]]);
  return [x, y];
}

export function projectMulti(g: MultiPolygon): PPoly[] {
  return g.coordinates.map((p) => p.map((ring) => ring.slice(0, -1).map(project)));
}

export function shoelace(ring: PRing): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

export function areaOf(polys: PPoly[]): number {
  return polys.reduce((s, p) => s + p.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * Math.abs(shoelace(r)), 0), 0);
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boxOf(polys: PPoly[]): Box {
  const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of polys) for (const [x, y] of p[0]) {
    b.x0 = Math.min(b.x0, x);
    b.y0 = Math.min(b.y0, y);
    b.x1 = Math.max(b.x1, x);
    b.y1 = Math.max(b.y1, y);
  }
  return b;
}

export const boxesOverlap = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function segmentsCross(a: XY, b: XY, c: XY, d: XY): boolean {
  const o = (p: XY, q: XY, r: XY): number => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = o(a, b, c);
  const o2 = o(a, b, d);
  const o3 = o(c, d, a);
  const o4 = o(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return true;
  const on = (p: XY, q: XY, r: XY): boolean =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (o1 === 0 && on(a, b, c)) || (o2 === 0 && on(a, b, d)) || (o3 === 0 && on(c, d, a)) || (o4 === 0 && on(c, d, b));
}

/** Problems of a GeoJSON MultiPolygon: unclosed or short rings, RFC 7946 winding, self-intersections. */
export function multiPolygonProblems(g: MultiPolygon): string[] {
  const problems: string[] = [];
  if (g.type !== 'MultiPolygon' || g.coordinates.length === 0) return ['not a non-empty MultiPolygon'];
  g.coordinates.forEach((poly, pi) => {
    const edges: [XY, XY, number, number][] = [];
    poly.forEach((ring, ri) => {
      const n = ring.length;
      if (n < 4) problems.push(`polygon ${pi} ring ${ri}: ${n} positions`);
      const [f, l] = [ring[0], ring[n - 1]];
      if (f[0] !== l[0] || f[1] !== l[1]) problems.push(`polygon ${pi} ring ${ri}: not closed`);
      if (ring.some((c) => !Number.isFinite(c[0]) || !Number.isFinite(c[1]))) problems.push(`polygon ${pi} ring ${ri}: non-finite`);
      const open = ring.slice(0, -1).map((c) => [c[0], c[1]] as XY);
      const a = shoelace(open);
      if (ri === 0 && !(a > 0)) problems.push(`polygon ${pi}: exterior ring not counter-clockwise`);
      if (ri > 0 && !(a < 0)) problems.push(`polygon ${pi} ring ${ri}: hole not clockwise`);
      for (let i = 0; i < open.length; i++) edges.push([open[i], open[(i + 1) % open.length], ri, i]);
    });
    // Non-adjacent edges must not meet (a simple ring; holes apart from their shell).
    const sorted = [...edges].sort((e, f) => Math.min(e[0][0], e[1][0]) - Math.min(f[0][0], f[1][0]));
    for (let i = 0; i < sorted.length; i++) {
      const [a, b, ra, ia] = sorted[i];
      const maxX = Math.max(a[0], b[0]);
      for (let j = i + 1; j < sorted.length && Math.min(sorted[j][0][0], sorted[j][1][0]) <= maxX; j++) {
        const [c, d, rc, ic] = sorted[j];
        if (ra === rc) {
          const len = poly[ra].length - 1;
          if (Math.abs(ia - ic) === 1 || Math.abs(ia - ic) === len - 1) continue;
        }
        if (segmentsCross(a, b, c, d)) {
          problems.push(`polygon ${pi}: edges ${ra}/${ia} and ${rc}/${ic} meet`);
          if (problems.length > 5) return;
        }
      }
    }
  });
  return problems;
}

/**
 * Ear-clipping triangulation of a simple ring (any orientation). Ear tests only look at reflex
 * vertices, which keeps nearly convex rings (the usual case) close to linear. A ring where no ear
 * is found (numerically degenerate) loses its flattest vertex, an error below that vertex's triangle.
 */
export function triangulate(ring: PRing): PRing[] {
  const pts = shoelace(ring) > 0 ? [...ring] : [...ring].reverse();
  const cross = (a: XY, b: XY, c: XY): number => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const inside = (p: XY, a: XY, b: XY, c: XY): boolean => cross(a, b, p) > 0 && cross(b, c, p) > 0 && cross(c, a, p) > 0;
  const out: PRing[] = [];
  const idx = pts.map((_, i) => i);
  let guard = 0;
  while (idx.length > 3 && guard++ < 100000) {
    const n = idx.length;
    const reflex = idx.filter((v, k) => cross(pts[idx[(k + n - 1) % n]], pts[v], pts[idx[(k + 1) % n]]) <= 0);
    let cut = -1;
    for (let k = 0; k < n && cut < 0; k++) {
      const [a, b, c] = [pts[idx[(k + n - 1) % n]], pts[idx[k]], pts[idx[(k + 1) % n]]];
      if (cross(a, b, c) <= 0) continue;
      if (reflex.every((r) => r === idx[(k + n - 1) % n] || r === idx[k] || r === idx[(k + 1) % n] || !inside(pts[r], a, b, c))) cut = k;
    }
    if (cut < 0) {
      let flattest = 0;
      let best = Infinity;
      for (let k = 0; k < n; k++) {
        const f = Math.abs(cross(pts[idx[(k + n - 1) % n]], pts[idx[k]], pts[idx[(k + 1) % n]]));
        if (f < best) [best, flattest] = [f, k];
      }
      idx.splice(flattest, 1);
      continue;
    }
    out.push([pts[idx[(cut + n - 1) % n]], pts[idx[cut]], pts[idx[(cut + 1) % n]]]);
    idx.splice(cut, 1);
  }
  if (idx.length === 3) out.push(idx.map((i) => pts[i]));
  return out;
}

/**
 * Area of `subject ∩ convex` by Sutherland–Hodgman. Exact for any simple subject ring when the clip
 * ring is convex: where the subject leaves and re-enters, the clipped ring gains zero-area bridges.
 */
export function clipArea(subject: PRing, convex: PRing): number {
  const ccw = shoelace(convex) > 0 ? convex : [...convex].reverse();
  let out = subject;
  for (let i = 0; i < ccw.length && out.length > 0; i++) {
    const [a, b] = [ccw[i], ccw[(i + 1) % ccw.length]];
    const side = (p: XY): number => (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
    const input = out;
    out = [];
    for (let k = 0; k < input.length; k++) {
      const p = input[k];
      const q = input[(k + 1) % input.length];
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
  }
  return out.length < 3 ? 0 : Math.abs(shoelace(out));
}

/**
 * Exact overlap area of two polygon sets: `cutter` (polygons without holes) is triangulated and each
 * triangle clips every ring of `subject` (holes subtract). Returns null if `cutter` has holes.
 */
export function overlapArea(subject: PPoly[], cutter: PPoly[]): number | null {
  if (cutter.some((p) => p.length > 1)) return null;
  const sb = boxOf(subject);
  let s = 0;
  for (const c of cutter) {
    for (const tri of triangulate(c[0])) {
      const tb = boxOf([[tri]]);
      if (!boxesOverlap(tb, sb)) continue;
      for (const p of subject) p.forEach((ring, i) => (s += (i === 0 ? 1 : -1) * clipArea(ring, tri)));
    }
  }
  return s;
}

/** Even-odd point in a polygon set. */
export function pointIn(p: XY, polys: PPoly[]): boolean {
  let inside = false;
  for (const poly of polys) for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Edges of a polygon set bucketed in horizontal bands: fast point-in-polygon and near-edge tests. */
export class EdgeBands {
  private readonly bands = new Map<number, [XY, XY][]>();

  constructor(
    polys: PPoly[],
    private readonly height = 50,
  ) {
    for (const poly of polys) for (const ring of poly) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        for (let k = Math.floor(Math.min(a[1], b[1]) / height); k <= Math.floor(Math.max(a[1], b[1]) / height); k++) {
          const list = this.bands.get(k) ?? [];
          list.push([a, b]);
          this.bands.set(k, list);
        }
      }
    }
  }

  contains(p: XY): boolean {
    let inside = false;
    for (const [a, b] of this.bands.get(Math.floor(p[1] / this.height)) ?? []) {
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside;
  }

  /** Distance to the nearest edge, exact when below the band height. */
  distance(p: XY): number {
    let best = Infinity;
    const k = Math.floor(p[1] / this.height);
    for (const band of [k - 1, k, k + 1]) {
      for (const [a, b] of this.bands.get(band) ?? []) {
        const dx = b[0] - a[0];
        const dy = b[1] - a[1];
        const l2 = dx * dx + dy * dy;
        const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
        best = Math.min(best, Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy));
      }
    }
    return best;
  }
}
