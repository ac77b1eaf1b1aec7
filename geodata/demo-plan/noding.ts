// Inserts the vertices of neighbouring features into shared edges, so that features which touch in the plane still touch after rounding to 7 decimals.
import type { Poly, Pt, Ring } from './planar.ts';

/*
 * Why: a zone edge along a street runs between two block corners, while the road reserve's edge
 * along the same line runs between two street ends kilometres apart. Each vertex is rounded to
 * 1e-7° (about 5 mm) on its own, so after rounding the two edges are no longer the same line and
 * leave slivers of up to a square metre of overlap or gap. With the vertices of one inserted into
 * the other, both edges pass through the same rounded points and stay coincident.
 */

/** Points bucketed in a square grid, for "which points lie near this segment". */
export class PointIndex {
  private readonly cells = new Map<string, Pt[]>();

  constructor(
    points: Iterable<Pt>,
    private readonly cell = 50,
  ) {
    for (const p of points) {
      const k = this.key(Math.floor(p[0] / cell), Math.floor(p[1] / cell));
      const list = this.cells.get(k);
      if (list) list.push(p);
      else this.cells.set(k, [p]);
    }
  }

  private key(i: number, j: number): string {
    return `${i},${j}`;
  }

  /** Points in the cells touching the segment's bounding box grown by `pad`. */
  nearSegment(a: Pt, b: Pt, pad: number): Pt[] {
    const out: Pt[] = [];
    const i0 = Math.floor((Math.min(a[0], b[0]) - pad) / this.cell);
    const i1 = Math.floor((Math.max(a[0], b[0]) + pad) / this.cell);
    const j0 = Math.floor((Math.min(a[1], b[1]) - pad) / this.cell);
    const j1 = Math.floor((Math.max(a[1], b[1]) + pad) / this.cell);
    // Long diagonal edges would scan a large box; walk only the cells near the segment.
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const reach = this.cell * Math.SQRT2 + pad;
    for (let i = i0; i <= i1; i++) {
      for (let j = j0; j <= j1; j++) {
        const list = this.cells.get(this.key(i, j));
        if (!list) continue;
        const cx = (i + 0.5) * this.cell;
        const cy = (j + 0.5) * this.cell;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((cx - a[0]) * dx + (cy - a[1]) * dy) / len2));
        if (Math.hypot(cx - a[0] - t * dx, cy - a[1] - t * dy) > reach) continue;
        out.push(...list);
      }
    }
    return out;
  }
}

export function verticesOf(polys: readonly Poly[]): Pt[] {
  return polys.flatMap((p) => p.flatMap((r) => r));
}

function nodeRing(ring: Ring, index: PointIndex, tol: number): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    out.push(a);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const found: [number, Pt][] = [];
    for (const p of index.nearSegment(a, b, tol)) {
      const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (len * len);
      if (t * len <= 1e-6 || (1 - t) * len <= 1e-6) continue;
      const off = Math.abs((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / len;
      if (off <= tol) found.push([t, p]);
    }
    found.sort((x, y) => x[0] - y[0]);
    for (const [, p] of found) {
      const last = out[out.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-6) out.push(p);
    }
  }
  return out;
}

/** Adds to every edge of `polys` the indexed points lying on it (within `tol` metres). */
export function nodePolys(polys: readonly Poly[], index: PointIndex, tol = 1e-4): Poly[] {
  return polys.map((p) => p.map((r) => nodeRing(r, index, tol)));
}
