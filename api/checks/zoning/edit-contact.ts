// Fast exact-enough tests of whether two projected polygons can share area, or one reach beyond the other, before clipping them.
import { type PlanarPolygon } from '../planar.ts';
import { pointInPolygon, type XY } from '../segments.ts';

/*
 * Why: exact clipping (polyclip-ts) costs ~1–3 ms per pair, and a zone touches ten neighbours along
 * shared edges on every edit, where the answer is "no overlap". These predicates say "certainly
 * nothing beyond DELTA_M of the boundary" in microseconds; only a "maybe" goes to clipping, which
 * then decides and measures. What they can miss lies within DELTA_M of both boundaries: an area of
 * at most DELTA_M × perimeter (1e-4 m² for a 100 m perimeter), far below min_overlap_m2.
 */

/** Points closer than this (m) to a boundary are on it: lon/lat vertices shared by two zones land within nanometres in TM-3. */
export const DELTA_M = 1e-6;

interface Seg {
  a: XY;
  b: XY;
  /** Outward unit normal (interior on the other side). */
  n: XY;
  len: number;
}

function segsOf(polys: readonly PlanarPolygon[]): Seg[] {
  const out: Seg[] = [];
  for (const rings of polys) {
    rings.forEach((ring, ri) => {
      let s = 0;
      const [x0, y0] = ring[0] ?? [0, 0];
      for (let i = 0; i + 1 < ring.length; i++) s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
      const outwardRight = ri === 0 ? s > 0 : s < 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i];
        const b = ring[i + 1];
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (len === 0) continue;
        const ux = (b[0] - a[0]) / len;
        const uy = (b[1] - a[1]) / len;
        out.push({ a, b, n: outwardRight ? [uy, -ux] : [-uy, ux], len });
      }
    });
  }
  return out;
}

function distToSeg(p: XY, s: Seg): number {
  const dx = s.b[0] - s.a[0];
  const dy = s.b[1] - s.a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / (s.len * s.len)));
  return Math.hypot(s.a[0] + dx * t - p[0], s.a[1] + dy * t - p[1]);
}

/** Signed distance of p from the line of s, positive on the outer side. */
const side = (p: XY, s: Seg): number => s.n[0] * (p[0] - s.a[0]) + s.n[1] * (p[1] - s.a[1]);

/** Where p is relative to a polygon: -1 strictly inside, 1 strictly outside, 0 within DELTA_M of its boundary. */
function locate(p: XY, polys: readonly PlanarPolygon[], segs: readonly Seg[]): -1 | 0 | 1 {
  for (const s of segs) if (distToSeg(p, s) <= DELTA_M) return 0;
  return polys.some((rings) => pointInPolygon(p, rings)) ? -1 : 1;
}

/** Vertices and the points at ¼, ½ and ¾ of every edge: what a boundary passing through the other polygon must show. */
function samples(segs: readonly Seg[]): XY[] {
  const out: XY[] = [];
  for (const { a, b } of segs) for (const t of [0, 0.25, 0.5, 0.75]) out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  return out;
}

/** Whether two segments cross at a point inside both, each one's ends clearly on either side of the other. */
function crossProperly(s: Seg, t: Seg): boolean {
  const c = side(t.a, s);
  const d = side(t.b, s);
  if (!((c > DELTA_M && d < -DELTA_M) || (c < -DELTA_M && d > DELTA_M))) return false;
  const a = side(s.a, t);
  const b = side(s.b, t);
  return (a > DELTA_M && b < -DELTA_M) || (a < -DELTA_M && b > DELTA_M);
}

/** Whether t runs along s (both ends within DELTA_M of s's line, their projections overlapping by more than DELTA_M). */
function runAlong(s: Seg, t: Seg): boolean {
  if (Math.abs(side(t.a, s)) > DELTA_M || Math.abs(side(t.b, s)) > DELTA_M) return false;
  const ux = (s.b[0] - s.a[0]) / s.len;
  const uy = (s.b[1] - s.a[1]) / s.len;
  const p = (q: XY): number => (q[0] - s.a[0]) * ux + (q[1] - s.a[1]) * uy;
  const lo = Math.max(0, Math.min(p(t.a), p(t.b)));
  const hi = Math.min(s.len, Math.max(p(t.a), p(t.b)));
  return hi - lo > DELTA_M;
}

function bbox(polys: readonly PlanarPolygon[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polys) for (const [x, y] of rings[0] ?? []) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [x0, y0, x1, y1];
}

/**
 * Whether a and b may share area: an edge of one crossing an edge of the other, a vertex or edge
 * point of one strictly inside the other, or edges running along each other with both interiors on
 * the same side. False means they are apart or only touch.
 */
export function mayOverlap(a: readonly PlanarPolygon[], b: readonly PlanarPolygon[]): boolean {
  const sa = segsOf(a);
  const sb = segsOf(b);
  for (const s of sa) {
    for (const t of sb) {
      if (crossProperly(s, t)) return true;
      if ((runAlong(s, t) || runAlong(t, s)) && s.n[0] * t.n[0] + s.n[1] * t.n[1] > 0) return true;
    }
  }
  const [ax0, ay0, ax1, ay1] = bbox(a);
  const [bx0, by0, bx1, by1] = bbox(b);
  for (const p of samples(sa)) if (p[0] > bx0 && p[0] < bx1 && p[1] > by0 && p[1] < by1 && locate(p, b, sb) < 0) return true;
  for (const p of samples(sb)) if (p[0] > ax0 && p[0] < ax1 && p[1] > ay0 && p[1] < ay1 && locate(p, a, sa) < 0) return true;
  return false;
}

/**
 * Whether a may reach beyond b (a minus b may have area): an edge of a crossing one of b, a point
 * of a strictly outside b, a point of b strictly inside a (b's boundary, a hole of b, passes through
 * a), or an edge of a running along one of b with a's interior on b's outer side.
 */
export function mayExceed(a: readonly PlanarPolygon[], b: readonly PlanarPolygon[]): boolean {
  const sa = segsOf(a);
  const sb = segsOf(b);
  for (const s of sa) {
    for (const t of sb) {
      if (crossProperly(s, t)) return true;
      if ((runAlong(s, t) || runAlong(t, s)) && s.n[0] * t.n[0] + s.n[1] * t.n[1] < 0) return true;
    }
  }
  for (const p of samples(sa)) if (locate(p, b, sb) > 0) return true;
  const [ax0, ay0, ax1, ay1] = bbox(a);
  for (const p of samples(sb)) if (p[0] > ax0 && p[0] < ax1 && p[1] > ay0 && p[1] < ay1 && locate(p, a, sa) < 0) return true;
  return false;
}
