// Clipping of convex polygons in floating point (Sutherland–Hodgman): the common case of a lot and a zone or a road strip, without the exact clipper's cost.
import type { PlanarPolygon } from './planar.ts';
import { segmentDistance, type XY } from './segments.ts';

/**
 * Why not always the exact clipper (polyclip-ts, arbitrary-precision decimals): it costs 1–2 ms per
 * pair of five-vertex polygons, most of a rule card's time. Two convex rings intersect in one convex
 * ring, which clipping one by each edge line of the other gives directly; computed relative to a
 * local origin, its new vertices are good to ~1e-12 m, far below anything the engine reports.
 */

/** Output vertices this close (m) to an input vertex are that vertex. */
export const SAME_M = 1e-9;

const cross = (o: XY, a: XY, b: XY): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** +1 or −1 when the closed ring is convex (collinear vertices allowed) with that orientation, else 0. */
export function convexOrientation(ring: readonly XY[]): number {
  const n = ring.length - 1;
  if (n < 3) return 0;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const c = cross(ring[i], ring[(i + 1) % n], ring[(i + 2) % n]);
    if (c === 0) continue;
    const s = c > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return 0;
  }
  // Turning the same way at every corner is not enough: a ring may wind around twice.
  let turned = 0;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const c = ring[(i + 2) % n];
    const t = Math.atan2(cross(a, b, c), (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]));
    turned += t;
  }
  return Math.abs(Math.abs(turned) - 2 * Math.PI) < 1e-6 ? sign : 0;
}

/** The single ring of a one-part polygon without holes, or null. */
export function singleRing(polys: readonly PlanarPolygon[]): XY[] | null {
  return polys.length === 1 && polys[0].length === 1 ? polys[0][0] : null;
}

/**
 * subject ∩ clipper for a convex clipper of orientation `sign` (convexOrientation): a closed ring,
 * or [] when they share no area. Points on the clipper's edges count as inside, so shapes that
 * share an edge give a zero-area ring, which the caller drops.
 */
export function clipByConvex(subject: readonly XY[], clipper: readonly XY[], sign: number): XY[] {
  const edges: [XY, XY][] = [];
  for (let i = 0; i + 1 < clipper.length; i++) edges.push([clipper[i], clipper[i + 1]]);
  return clipByHalfPlanes(subject, edges, sign, clipper);
}

/**
 * The part of a convex subject on the outer side of the edge a→b of a convex polygon of
 * orientation `sign`: subject minus that polygon when this edge is the only one of it that runs
 * through the subject (see PlanarFrame.difference).
 */
export function cutOffByEdge(subject: readonly XY[], a: XY, b: XY, sign: number): XY[] {
  return clipByHalfPlanes(subject, [[b, a]], sign, [a, b]);
}

/**
 * subject − cutter for a convex subject and a convex cutter of orientation `sign`, as disjoint convex
 * pieces: piece i is the part of the subject beyond edge i of the cutter and inside edges 0…i−1, so
 * the pieces tile the difference (closed rings, as clipByConvex gives them).
 */
export function convexDifferencePieces(subject: readonly XY[], cutter: readonly XY[], sign: number): XY[][] {
  const pieces: XY[][] = [];
  let rest: XY[] = [...subject];
  for (let i = 0; i + 1 < cutter.length && rest.length > 0; i++) {
    const a = cutter[i];
    const b = cutter[i + 1];
    if (a[0] === b[0] && a[1] === b[1]) continue;
    const beyond = clipByHalfPlanes(rest, [[b, a]], sign, cutter);
    if (beyond.length > 0) pieces.push(beyond);
    rest = clipByHalfPlanes(rest, [[a, b]], sign, cutter);
  }
  return pieces;
}

/**
 * Largest distance (m) from a vertex of `ring` to the convex polygon `convex` (orientation `sign`),
 * 0 when every vertex lies inside it. The distance to a convex region is a convex function, so no
 * point of the ring's convex hull is farther than this.
 */
export function farthestVertexFromConvex(ring: readonly XY[], convex: readonly XY[], sign: number): number {
  let far = 0;
  for (const p of ring) {
    let outside = false;
    for (let i = 0; i + 1 < convex.length && !outside; i++) outside = sign * cross(convex[i], convex[i + 1], p) < 0;
    if (!outside) continue;
    let d = Infinity;
    for (let i = 0; i + 1 < convex.length; i++) d = Math.min(d, segmentDistance(p, convex[i], convex[i + 1]));
    far = Math.max(far, d);
  }
  return far;
}

/**
 * Whether two rings that do not cross (pieces of convexDifferencePieces) keep more than `clearance`
 * (m) between them: their distance is then that of a vertex of one to an edge of the other.
 */
export function ringsClearOf(a: readonly XY[], b: readonly XY[], clearance: number): boolean {
  for (const [ring, other] of [[a, b], [b, a]] as const) {
    for (const p of ring) for (let i = 0; i + 1 < other.length; i++) if (segmentDistance(p, other[i], other[i + 1]) <= clearance) return false;
  }
  return true;
}

/**
 * Whether the segment a→b runs through the interior of the convex ring (orientation `sign`) for
 * more than a trace: some stretch of it lies deeper than SAME_M inside every edge.
 */
export function crossesInterior(a: XY, b: XY, ring: readonly XY[], sign: number): boolean {
  let t0 = 0;
  let t1 = 1;
  for (let i = 0; i + 1 < ring.length; i++) {
    const c = ring[i];
    const d = ring[i + 1];
    const len = Math.hypot(d[0] - c[0], d[1] - c[1]);
    if (len === 0) continue;
    // Signed depth inside this edge along the segment: fa + (fb − fa)·t must exceed SAME_M.
    const fa = (sign * cross(c, d, a)) / len - SAME_M;
    const fb = (sign * cross(c, d, b)) / len - SAME_M;
    if (fa <= 0 && fb <= 0) return false;
    if (fa < 0) t0 = Math.max(t0, fa / (fa - fb));
    else if (fb < 0) t1 = Math.min(t1, fa / (fa - fb));
    if (t1 - t0 <= 0) return false;
  }
  return Math.hypot(b[0] - a[0], b[1] - a[1]) * (t1 - t0) > SAME_M;
}

/** Whether two points are the same to SAME_M in each coordinate. */
export function sameToSameM(p: XY, q: XY): boolean {
  return Math.abs(p[0] - q[0]) <= SAME_M && Math.abs(p[1] - q[1]) <= SAME_M;
}

/** A coordinate in whole micrometres. */
function micrometres(v: number): number {
  return Math.round(v * 1e6);
}

/** The vertex of `ring` within SAME_M of the local point (x, y) about origin (ox, oy), compared in local coordinates. */
function inputVertexAt(ring: readonly XY[], ox: number, oy: number, x: number, y: number): XY | undefined {
  for (const q of ring) if (Math.abs(q[0] - ox - x) <= SAME_M && Math.abs(q[1] - oy - y) <= SAME_M) return q;
  return undefined;
}

/**
 * A ring computed about the local origin (ox, oy), back in world coordinates and closed. Vertices of
 * the inputs come back bit for bit: PlanarFrame finds their lon/lat by value, and an input corner is
 * otherwise recomputed from two edge lines (off by ~1e-12 m). It starts at the south-west-most
 * vertex (to the micrometre): which vertex comes first must not hang on whether a point a few ulps
 * off an edge counted as on it, which differs with the last bit of the projection between engines.
 */
export function worldRing(local: readonly XY[], ox: number, oy: number, inputs: readonly (readonly XY[])[]): XY[] {
  const world: XY[] = [];
  for (const [x, y] of local) {
    let v: XY | undefined;
    for (const input of inputs) if ((v = inputVertexAt(input, ox, oy, x, y))) break;
    world.push(v ?? [x + ox, y + oy]);
  }
  let first = 0;
  for (let i = 1; i < world.length; i++) {
    const [x, y] = world[i];
    const [fx, fy] = world[first];
    if (micrometres(x) < micrometres(fx) || (micrometres(x) === micrometres(fx) && micrometres(y) < micrometres(fy))) first = i;
  }
  const rotated = [...world.slice(first), ...world.slice(0, first)];
  return [...rotated, rotated[0]];
}

/*
 * The helpers above are module functions, not local arrows: clipping runs thousands of times a
 * second, and a local arrow is a new function object (given its name again by the TypeScript
 * loader) on every call.
 */

/** Sutherland–Hodgman: the subject clipped to the inner side (sign · cross ≥ 0) of each edge; `anchors` are vertices output points snap back to. */
function clipByHalfPlanes(subject: readonly XY[], edges: readonly [XY, XY][], sign: number, anchors: readonly XY[]): XY[] {
  if (edges.length === 0) return [];
  const [ox, oy] = edges[0][0];
  // Relative to a local origin (the first edge's start): products of ~1e2 m instead of ~1e6.
  let out: XY[] = [];
  for (let j = 0; j + 1 < subject.length; j++) out.push([subject[j][0] - ox, subject[j][1] - oy]);
  for (let i = 0; i < edges.length && out.length > 0; i++) {
    const a: XY = [edges[i][0][0] - ox, edges[i][0][1] - oy];
    const b: XY = [edges[i][1][0] - ox, edges[i][1][1] - oy];
    if (a[0] === b[0] && a[1] === b[1]) continue;
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j];
      const q = input[(j + 1) % input.length];
      const sp = sign * cross(a, b, p);
      const sq = sign * cross(a, b, q);
      if (sp >= 0) out.push(p);
      if ((sp > 0 && sq < 0) || (sp < 0 && sq > 0)) {
        const t = sp / (sp - sq);
        out.push([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]);
      }
    }
  }
  const ring: XY[] = [];
  for (const p of out) if (ring.length === 0 || !sameToSameM(ring[ring.length - 1], p)) ring.push(p);
  while (ring.length > 1 && sameToSameM(ring[0], ring[ring.length - 1])) ring.pop();
  if (ring.length < 3) return [];
  let area2 = 0;
  for (let i = 0; i < ring.length; i++) area2 += cross([0, 0], ring[i], ring[(i + 1) % ring.length]);
  if (area2 === 0) return [];
  // Counter-clockwise like the exact clipper's output (and RFC 7946 shells).
  if (area2 < 0) ring.reverse();
  return worldRing(ring, ox, oy, [subject, anchors]);
}
