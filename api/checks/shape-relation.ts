// How two planar polygons lie to each other, decided without clipping where it can be: apart, one inside the other, or left to clipping.
import type { PlanarPolygon } from './planar.ts';
import { pointInPolygon, segmentsIntersect, type XY } from './segments.ts';

/**
 * - `apart`: the interiors share no area (they may touch along an edge or at a point);
 * - `a_inside_b` / `b_inside_a`: one lies wholly inside the other, so a ∩ b is that one;
 * - `unknown`: the boundaries meet or come close; only exact clipping can say.
 */
export type ShapeRelation = 'apart' | 'a_inside_b' | 'b_inside_a' | 'unknown';

/**
 * Boundaries closer than this (m) are left to exact clipping. The tests below are floating point,
 * good to ~1e-9 m at TM-3 magnitudes (E ~5e5, N ~1e6); a vertex on, or a hair from, the other's edge
 * (a parcel drawn onto a zone boundary, which is common) must never get a fast answer.
 */
export const CLEARANCE_M = 1e-6;
/** Above this many segment pairs, clipping's sweep line is cheaper than testing every pair. */
const MAX_PAIRS = 40_000;

interface Segment {
  a: XY;
  b: XY;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function segmentsOf(polys: readonly PlanarPolygon[]): Segment[] {
  const out: Segment[] = [];
  for (const rings of polys) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i];
        const b = ring[i + 1];
        out.push({ a, b, minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) });
      }
    }
  }
  return out;
}

function pointSegmentDistance(p: XY, s: Segment): number {
  const dx = s.b[0] - s.a[0];
  const dy = s.b[1] - s.a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - s.a[0]) * dx + (p[1] - s.a[1]) * dy) / len2));
  return Math.hypot(s.a[0] + dx * t - p[0], s.a[1] + dy * t - p[1]);
}

/** Whether two segments come within CLEARANCE_M of each other (touching and crossing included). */
function close(s: Segment, t: Segment): boolean {
  if (s.minX - CLEARANCE_M > t.maxX || t.minX - CLEARANCE_M > s.maxX || s.minY - CLEARANCE_M > t.maxY || t.minY - CLEARANCE_M > s.maxY) return false;
  if (segmentsIntersect(s.a, s.b, t.a, t.b)) return true;
  return Math.min(pointSegmentDistance(s.a, t), pointSegmentDistance(s.b, t), pointSegmentDistance(t.a, s), pointSegmentDistance(t.b, s)) < CLEARANCE_M;
}

function boxOf(segments: readonly Segment[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of segments) {
    if (s.minX < box[0]) box[0] = s.minX;
    if (s.minY < box[1]) box[1] = s.minY;
    if (s.maxX > box[2]) box[2] = s.maxX;
    if (s.maxY > box[3]) box[3] = s.maxY;
  }
  return box;
}

/** Whether p lies inside the region of polys (any part; holes are outside). */
const inside = (p: XY, polys: readonly PlanarPolygon[]): boolean => polys.some((rings) => pointInPolygon(p, rings));

/**
 * How a and b lie to each other. When no boundary of one comes near the other's, every ring lies
 * wholly inside or wholly outside the other's region, so one vertex per ring tells which; then
 * - no ring of b in a, every shell of a in b → a inside b (a hole of b inside a would cut it);
 * - the same the other way round → b inside a;
 * - no ring of either in the other → apart (a shared point of the interiors would put a ring of
 *   one inside the other: a path from it to the boundary of its part must cross the other's boundary).
 * Anything else (boundaries near, parts on both sides) is `unknown`.
 */
export function relateShapes(a: readonly PlanarPolygon[], b: readonly PlanarPolygon[]): ShapeRelation {
  if (a.length === 0 || b.length === 0) return 'apart';
  const sa = segmentsOf(a);
  const sb = segmentsOf(b);
  const [ax0, ay0, ax1, ay1] = boxOf(sa);
  const [bx0, by0, bx1, by1] = boxOf(sb);
  // Boxes that at most touch: the interiors cannot share area.
  if (bx0 >= ax1 || ax0 >= bx1 || by0 >= ay1 || ay0 >= by1) return 'apart';
  if (sa.length * sb.length > MAX_PAIRS) return 'unknown';
  for (const s of sa) {
    if (s.minX - CLEARANCE_M > bx1 || bx0 - CLEARANCE_M > s.maxX || s.minY - CLEARANCE_M > by1 || by0 - CLEARANCE_M > s.maxY) continue;
    for (const t of sb) if (close(s, t)) return 'unknown';
  }
  const ringIn = (polys: readonly PlanarPolygon[], other: readonly PlanarPolygon[]): boolean => polys.some((rings) => rings.some((r) => r.length > 0 && inside(r[0], other)));
  const shellsIn = (polys: readonly PlanarPolygon[], other: readonly PlanarPolygon[]): boolean => polys.every((rings) => rings.length > 0 && rings[0].length > 0 && inside(rings[0][0], other));
  const bInA = ringIn(b, a);
  const aInB = ringIn(a, b);
  if (!bInA && shellsIn(a, b)) return 'a_inside_b';
  if (!aInB && shellsIn(b, a)) return 'b_inside_a';
  if (!aInB && !bInA) return 'apart';
  return 'unknown';
}
