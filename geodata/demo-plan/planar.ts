// Planar geometry primitives for the demo-plan generator: points, open rings, rectangles, areas, containment and the river-aligned (u, v) frame.

/** A planar point in metres. */
export type Pt = [number, number];
/** A ring without the repeated closing point. Outer rings counter-clockwise, holes clockwise. */
export type Ring = Pt[];
/** A polygon: outer ring first, then holes. */
export type Poly = Ring[];

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Shoelace signed area: positive for counter-clockwise rings. */
export function signedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** Area centroid of a ring. */
export function ringCentroid(ring: Ring): Pt {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = ring[0];
  for (let i = 0, n = ring.length; i < n; i++) {
    const x1 = ring[i][0] - ox;
    const y1 = ring[i][1] - oy;
    const x2 = ring[(i + 1) % n][0] - ox;
    const y2 = ring[(i + 1) % n][1] - oy;
    const c = x1 * y2 - x2 * y1;
    a += c;
    cx += (x1 + x2) * c;
    cy += (y1 + y2) * c;
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

/** Area of a polygon (outer minus holes). */
export function polyArea(poly: Poly): number {
  let a = Math.abs(signedArea(poly[0]));
  for (let i = 1; i < poly.length; i++) a -= Math.abs(signedArea(poly[i]));
  return a;
}

export function polysArea(polys: readonly Poly[]): number {
  return polys.reduce((s, p) => s + polyArea(p), 0);
}

/** Outer rings counter-clockwise, holes clockwise (RFC 7946 winding). */
export function orient(poly: Poly): Poly {
  return poly.map((ring, i) => {
    const ccw = signedArea(ring) > 0;
    return (i === 0) === ccw ? ring : [...ring].reverse();
  });
}

/** Even-odd ray test; points on the boundary may go either way. */
export function pointInRing(p: Pt, ring: Ring): boolean {
  let inside = false;
  const [x, y] = p;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPoly(p: Pt, poly: Poly): boolean {
  if (!pointInRing(p, poly[0])) return false;
  for (let i = 1; i < poly.length; i++) if (pointInRing(p, poly[i])) return false;
  return true;
}

export function ringBounds(ring: Ring): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

export function polysBounds(polys: readonly Poly[]): Rect {
  const r: Rect = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of polys) {
    const b = ringBounds(p[0]);
    r.x0 = Math.min(r.x0, b.x0);
    r.y0 = Math.min(r.y0, b.y0);
    r.x1 = Math.max(r.x1, b.x1);
    r.y1 = Math.max(r.y1, b.y1);
  }
  return r;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

export function rectRing(r: Rect): Ring {
  return [
    [r.x0, r.y0],
    [r.x1, r.y0],
    [r.x1, r.y1],
    [r.x0, r.y1],
  ];
}

export function rectArea(r: Rect): number {
  return (r.x1 - r.x0) * (r.y1 - r.y0);
}

export function rectCentre(r: Rect): Pt {
  return [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2];
}

/** Shrinks a rectangle by d on every side (negative d grows it). */
export function insetRect(r: Rect, d: number): Rect {
  return { x0: r.x0 + d, y0: r.y0 + d, x1: r.x1 - d, y1: r.y1 - d };
}

/** Distance from a point to a polyline. */
export function distanceToLine(p: Pt, line: readonly Pt[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const [ax, ay] = line[i];
    const [bx, by] = line[i + 1];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / len2));
    const d = Math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy));
    if (d < best) best = d;
  }
  return best;
}

/**
 * A rotation of the projected plane so that u runs along the Hậu River (north-west → south-east)
 * and v across it (towards the river). Rotation keeps lengths, areas and ring orientation, so
 * areas measured in (u, v) are EPSG:5897 planar areas.
 */
export class Frame {
  readonly cos: number;
  readonly sin: number;

  constructor(
    readonly origin: Pt,
    readonly angle: number,
  ) {
    this.cos = Math.cos(angle);
    this.sin = Math.sin(angle);
  }

  toUv([x, y]: readonly number[]): Pt {
    const dx = x - this.origin[0];
    const dy = y - this.origin[1];
    return [dx * this.cos + dy * this.sin, -dx * this.sin + dy * this.cos];
  }

  fromUv([u, v]: readonly number[]): Pt {
    return [this.origin[0] + u * this.cos - v * this.sin, this.origin[1] + u * this.sin + v * this.cos];
  }
}
