// Union of two convex polygons in floating point: two red lines meeting at a junction, without the exact clipper's cost.
import { clipByConvex, SAME_M, sameToSameM as near, worldRing } from './convex-clip.ts';
import { orient as cross, type XY } from './segments.ts';

/**
 * Why: the road-widening take of a corner lot is the union of its overlaps with two red lines, two
 * convex pieces that overlap at the corner. The exact clipper (polyclip-ts on bignumber.js) spent a
 * quarter of such a rule card on it. The union's outline is made of the parts of each boundary that
 * lie outside the other polygon, and of the stretches both boundaries share running the same way;
 * cut every edge where the other boundary meets it, keep those fragments and chain them. The result
 * is checked against area(A) + area(B) − area(A ∩ B); whatever does not chain into simple closed
 * rings or fails that check is left to the exact clipper (null).
 */

interface Fragment {
  from: XY;
  to: XY;
}

function ringArea(ring: readonly XY[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) s += cross([0, 0], ring[i], ring[(i + 1) % ring.length]);
  return s / 2;
}

/** Open ring (no repeated closing vertex), counter-clockwise, relative to (ox, oy). */
function localCcw(ring: readonly XY[], sign: number, ox: number, oy: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i + 1 < ring.length; i++) out.push([ring[i][0] - ox, ring[i][1] - oy]);
  return sign < 0 ? out.reverse() : out;
}

/** Where each edge of `ring` is cut: parameters along the edge with their points, ends included. */
type Cuts = { t: number; p: XY }[][];

function edgeCuts(ring: readonly XY[]): Cuts {
  return ring.map((p, i) => [
    { t: 0, p },
    { t: 1, p: ring[(i + 1) % ring.length] },
  ]);
}

/** Parameter of p along a→b (p assumed on its line). */
function along(a: XY, b: XY, p: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  return ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
}

/** Distance of p from the line through a and b. */
function lineDistance(a: XY, b: XY, p: XY): number {
  return Math.abs(cross(a, b, p)) / Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Records where edge a→b of A and edge c→d of B meet, one shared point for both (or the ends of a collinear overlap). */
function cutPair(a: XY, b: XY, c: XY, d: XY, onA: { t: number; p: XY }[], onB: { t: number; p: XY }[]): void {
  if (lineDistance(a, b, c) <= SAME_M && lineDistance(a, b, d) <= SAME_M) {
    // Collinear: each edge is cut where the other's ends lie on it.
    for (const p of [c, d]) {
      const t = along(a, b, p);
      if (t > 0 && t < 1) onA.push({ t, p });
    }
    for (const p of [a, b]) {
      const u = along(c, d, p);
      if (u > 0 && u < 1) onB.push({ t: u, p });
    }
    return;
  }
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (den === 0) return;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / den;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / den;
  const lenA = Math.hypot(rx, ry);
  const lenB = Math.hypot(sx, sy);
  if (t * lenA < -SAME_M || (t - 1) * lenA > SAME_M || u * lenB < -SAME_M || (u - 1) * lenB > SAME_M) return;
  const p: XY = [a[0] + rx * t, a[1] + ry * t];
  // An end of either edge stays that end (bit for bit), so fragments chain on it.
  const q = near(p, a) ? a : near(p, b) ? b : near(p, c) ? c : near(p, d) ? d : p;
  onA.push({ t: q === a ? 0 : q === b ? 1 : t, p: q });
  onB.push({ t: q === c ? 0 : q === d ? 1 : u, p: q });
}

/** The fragments of each edge between its cuts, in order, without zero-length ones. */
function fragments(cuts: Cuts): Fragment[] {
  const out: Fragment[] = [];
  for (const edge of cuts) {
    edge.sort((x, y) => x.t - y.t);
    let from = edge[0].p;
    for (let k = 1; k < edge.length; k++) {
      const to = edge[k].p;
      if (near(from, to)) continue;
      out.push({ from, to });
      from = to;
    }
  }
  return out;
}

/** +1 inside the convex ccw ring by more than SAME_M, −1 outside by more, 0 on its boundary (with the edge it lies on). */
function side(ring: readonly XY[], p: XY): { side: number; edge: number } {
  let least = Infinity;
  let edge = -1;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len === 0) continue;
    const d = cross(a, b, p) / len;
    if (d < least) {
      least = d;
      edge = i;
    }
  }
  return { side: least > SAME_M ? 1 : least < -SAME_M ? -1 : 0, edge };
}

const localCcwClosed = (ring: XY[]): XY[] => [...ring, ring[0]];

const midpoint = (f: Fragment): XY => [(f.from[0] + f.to[0]) / 2, (f.from[1] + f.to[1]) / 2];

/** Chains fragments into closed rings; null when a point has no single way on. */
function chain(kept: Fragment[]): XY[][] | null {
  const rings: XY[][] = [];
  const used = new Array<boolean>(kept.length).fill(false);
  for (let start = 0; start < kept.length; start++) {
    if (used[start]) continue;
    const ring: XY[] = [];
    let at = start;
    for (;;) {
      used[at] = true;
      ring.push(kept[at].from);
      const end = kept[at].to;
      if (near(end, kept[start].from)) break;
      let next = -1;
      for (let k = 0; k < kept.length; k++) {
        if (used[k] || !near(kept[k].from, end)) continue;
        if (next >= 0) return null;
        next = k;
      }
      if (next < 0) return null;
      at = next;
    }
    rings.push(ring);
  }
  return rings;
}

/** Drops vertices lying on the segment between their neighbours (where a cut left an edge in two). */
function withoutStraightVertices(ring: XY[]): XY[] {
  let out = ring;
  for (let changed = true; changed && out.length > 3; ) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      const prev = out[(i + out.length - 1) % out.length];
      const next = out[(i + 1) % out.length];
      if (lineDistance(prev, next, out[i]) <= SAME_M && along(prev, next, out[i]) > 0 && along(prev, next, out[i]) < 1) {
        out = [...out.slice(0, i), ...out.slice(i + 1)];
        changed = true;
        break;
      }
    }
  }
  return out;
}

/**
 * a ∪ b for two convex closed rings of orientations sa and sb (non-zero): closed counter-clockwise
 * rings, one per part, starting at the south-west-most vertex, whose vertices are those of the
 * inputs (the same arrays) where they keep one; null when the exact clipper must decide.
 */
export function convexUnion(a: readonly XY[], sa: number, b: readonly XY[], sb: number): XY[][] | null {
  if (a.length < 4 || b.length < 4 || sa === 0 || sb === 0) return null;
  const [ox, oy] = a[0];
  const la = localCcw(a, sa, ox, oy);
  const lb = localCcw(b, sb, ox, oy);
  const cutsA = edgeCuts(la);
  const cutsB = edgeCuts(lb);
  for (let i = 0; i < la.length; i++) {
    for (let j = 0; j < lb.length; j++) cutPair(la[i], la[(i + 1) % la.length], lb[j], lb[(j + 1) % lb.length], cutsA[i], cutsB[j]);
  }
  const kept: Fragment[] = [];
  for (const f of fragments(cutsA)) {
    const s = side(lb, midpoint(f));
    if (s.side < 0) kept.push(f);
    else if (s.side === 0) {
      // On B's boundary: the outline once if both run the same way, inside the union if they face each other.
      const c = lb[s.edge];
      const d = lb[(s.edge + 1) % lb.length];
      if ((f.to[0] - f.from[0]) * (d[0] - c[0]) + (f.to[1] - f.from[1]) * (d[1] - c[1]) > 0) kept.push(f);
    }
  }
  for (const f of fragments(cutsB)) if (side(la, midpoint(f)).side < 0) kept.push(f);
  const rings = chain(kept)?.map(withoutStraightVertices);
  if (!rings || rings.length === 0 || rings.some((r) => r.length < 3 || ringArea(r) <= 0)) return null;
  // The outline must enclose exactly A + B − A ∩ B.
  const both = clipByConvex(localCcwClosed(la), localCcwClosed(lb), 1);
  const expected = ringArea(la) + ringArea(lb) - (both.length > 0 ? Math.abs(ringArea(both.slice(0, -1))) : 0);
  const got = rings.reduce((s, r) => s + ringArea(r), 0);
  if (Math.abs(got - expected) > Math.max(1e-6, 1e-9 * expected)) return null;
  return rings.map((ring) => worldRing(ring, ox, oy, [a, b]));
}
