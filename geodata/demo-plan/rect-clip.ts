// Clips planar polygons (with holes) to an axis-aligned rectangle: the one boolean operation the generator runs thousands of times.
import { type Poly, type Pt, type Rect, type Ring, orient, pointInRing, ringBounds, signedArea } from './planar.ts';

/*
 * Weiler–Atherton specialised to a rectangle. Every ring crossing the rectangle is cut into chains
 * that run inside it, each from an entry to an exit on the rectangle's boundary. Because outer
 * rings are counter-clockwise and holes clockwise, the region always lies left of a chain, so
 * walking the rectangle boundary counter-clockwise from an exit to the next entry stays inside the
 * region; repeating that closes the result rings. Rings that do not cross are kept whole (inside) or
 * decide by an even-odd test whether the whole rectangle is covered.
 * General-purpose clippers (Turf's polyclip-ts) take 15–45 ms per call against a 2,000-vertex ward;
 * this is linear in the vertices and takes microseconds, which is what makes thousands of blocks,
 * zones and parcels possible in a few seconds. Degenerate input (a vertex exactly on the rectangle
 * boundary) is tolerated; the generator's jittered grid makes it practically absent.
 */

interface Chain {
  pts: Pt[];
  entry: number;
  exit: number;
  used: boolean;
}

function perimeterParam(p: Pt, r: Rect): [number, Pt] {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const clampX = Math.min(r.x1, Math.max(r.x0, p[0]));
  const clampY = Math.min(r.y1, Math.max(r.y0, p[1]));
  const d = [Math.abs(p[1] - r.y0), Math.abs(p[0] - r.x1), Math.abs(p[1] - r.y1), Math.abs(p[0] - r.x0)];
  let side = 0;
  for (let i = 1; i < 4; i++) if (d[i] < d[side]) side = i;
  switch (side) {
    case 0:
      return [clampX - r.x0, [clampX, r.y0]];
    case 1:
      return [w + (clampY - r.y0), [r.x1, clampY]];
    case 2:
      return [w + h + (r.x1 - clampX), [clampX, r.y1]];
    default: {
      const t = 2 * w + h + (r.y1 - clampY);
      return [t >= 2 * (w + h) ? 0 : t, [r.x0, clampY]];
    }
  }
}

const strictlyInside = (p: Pt, r: Rect): boolean => p[0] > r.x0 && p[0] < r.x1 && p[1] > r.y0 && p[1] < r.y1;

/** Liang–Barsky: the parameter interval of segment a→b inside the rectangle, or null. */
function segmentInterval(a: Pt, b: Pt, r: Rect): [number, number] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - r.x0],
    [dx, r.x1 - a[0]],
    [-dy, a[1] - r.y0],
    [dy, r.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return null;
    } else {
      const t = q / p;
      if (p < 0) {
        if (t > t0) t0 = t;
      } else if (t < t1) t1 = t;
    }
  }
  return t0 < t1 ? [t0, t1] : null;
}

function chainsOfRing(ring: Ring, r: Rect): Chain[] | null {
  const n = ring.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (!strictlyInside(ring[i], r)) {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  const chains: Chain[] = [];
  let cur: Pt[] | null = null;
  let entry = 0;
  for (let k = 0; k < n; k++) {
    const a = ring[(start + k) % n];
    const b = ring[(start + k + 1) % n];
    const aIn = strictlyInside(a, r);
    const bIn = strictlyInside(b, r);
    if (aIn && bIn) {
      cur?.push(b);
      continue;
    }
    const iv = segmentInterval(a, b, r);
    if (!iv) continue;
    const at = (t: number): Pt => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    if (!aIn || !cur) {
      const [t, p] = perimeterParam(at(iv[0]), r);
      cur = [p];
      entry = t;
    }
    if (bIn) {
      cur.push(b);
    } else {
      const [t, p] = perimeterParam(at(iv[1]), r);
      cur.push(p);
      chains.push({ pts: cur, entry, exit: t, used: false });
      cur = null;
    }
  }
  return chains;
}

function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

/** Clips polygons with disjoint interiors (outer CCW, holes CW) to a rectangle. */
export function clipPolysToRect(polys: readonly Poly[], r: Rect): Poly[] {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const perim = 2 * (w + h);
  const corners: [number, Pt][] = [
    [w, [r.x1, r.y0]],
    [w + h, [r.x1, r.y1]],
    [2 * w + h, [r.x0, r.y1]],
    [perim, [r.x0, r.y0]],
  ];
  const chains: Chain[] = [];
  const wholeOuter: Ring[] = [];
  const wholeHoles: Ring[] = [];
  const untouched: Ring[] = [];
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const b = ringBounds(ring);
      if (b.x1 <= r.x0 || b.x0 >= r.x1 || b.y1 <= r.y0 || b.y0 >= r.y1) {
        untouched.push(ring);
        return;
      }
      const cs = chainsOfRing(ring, r);
      if (cs === null) (i === 0 ? wholeOuter : wholeHoles).push(ring);
      else if (cs.length === 0) untouched.push(ring);
      else chains.push(...cs);
    });
  }

  const outers: Ring[] = [];
  if (chains.length === 0) {
    const corner: Pt = [r.x0, r.y0];
    let inside = false;
    for (const ring of untouched) if (pointInRing(corner, ring)) inside = !inside;
    if (inside) outers.push([[r.x0, r.y0], [r.x1, r.y0], [r.x1, r.y1], [r.x0, r.y1]]);
  } else {
    const byEntry = [...chains].sort((a, b) => a.entry - b.entry);
    const nextAfter = (t: number): Chain => byEntry.find((c) => c.entry > t) ?? byEntry[0];
    for (const first of chains) {
      if (first.used) continue;
      const ring: Ring = [];
      let cur = first;
      for (let guard = 0; guard <= chains.length; guard++) {
        cur.used = true;
        ring.push(...cur.pts);
        const next = nextAfter(cur.exit);
        let to = next.entry;
        if (to <= cur.exit) to += perim;
        const passed: [number, Pt][] = [];
        for (const [ct, cp] of corners) {
          for (const t of [ct, ct + perim]) if (t > cur.exit && t < to) passed.push([t, cp]);
        }
        passed.sort((a, b) => a[0] - b[0]);
        for (const [, cp] of passed) ring.push(cp);
        if (next === first) break;
        if (next.used) break;
        cur = next;
      }
      const clean = dedupe(ring);
      if (clean.length >= 3 && signedArea(clean) > 1e-9) outers.push(clean);
    }
  }
  outers.push(...wholeOuter);

  const result: Poly[] = outers.map((o) => [o]);
  for (const hole of wholeHoles) {
    const owner = result.find((p) => pointInRing(hole[0], p[0]));
    if (owner) owner.push(hole);
  }
  return result.map(orient);
}

interface Node {
  rect: Rect;
  polys: Poly[];
  vertices: number;
  children: Node[] | null;
}

const vertexCount = (polys: readonly Poly[]): number => polys.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);

/**
 * Lazy quadtree over a polygon set: each node keeps the polygons pre-clipped to its (slightly
 * enlarged) quadrant, so a query clips only the few vertices near it instead of a whole ward.
 * Quadrants overlap by a margin and a query descends only when it lies well inside one, so query
 * edges never coincide with the pre-clipping edges. The result equals `clipPolysToRect(polys, r)`.
 */
export class ClipIndex {
  private readonly root: Node;

  constructor(polys: Poly[], bounds: Rect) {
    this.root = { rect: { x0: bounds.x0 - 1, y0: bounds.y0 - 1, x1: bounds.x1 + 1, y1: bounds.y1 + 1 }, polys, vertices: vertexCount(polys), children: null };
  }

  clip(r: Rect): Poly[] {
    let node = this.root;
    for (let depth = 0; depth < 12; depth++) {
      if (node.vertices <= 48) break;
      if (!node.children) node.children = split(node);
      const child = node.children.find((c) => r.x0 > c.rect.x0 + 1 && r.x1 < c.rect.x1 - 1 && r.y0 > c.rect.y0 + 1 && r.y1 < c.rect.y1 - 1);
      if (!child) break;
      node = child;
    }
    return clipPolysToRect(node.polys, r);
  }
}

function split(node: Node): Node[] {
  const { x0, y0, x1, y1 } = node.rect;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const m = Math.max(5, (x1 - x0) * 0.04, (y1 - y0) * 0.04);
  return [
    { x0, y0, x1: mx + m, y1: my + m },
    { x0: mx - m, y0, x1, y1: my + m },
    { x0, y0: my - m, x1: mx + m, y1 },
    { x0: mx - m, y0: my - m, x1, y1 },
  ].map((rect) => {
    const polys = clipPolysToRect(node.polys, rect);
    return { rect, polys, vertices: vertexCount(polys), children: null };
  });
}
