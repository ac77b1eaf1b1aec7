// Width of an overlap (diameter of its largest inscribed circle, planar TM-3): what tells a real overlap from a sliver.
import type { Polygonal } from './check.types.ts';
import { mergeShapes, planarPolygonsArea, shapeParts, type PlanarPolygon, type Shape } from './planar.ts';
import { pointInPolygon, segmentDistance, type XY } from './segments.ts';
import { CONTACT_AREA_M2, CONTACT_M } from './contact.ts';

/**
 * Tolerance semantics, used for every "overlap" in the engine: an overlap part counts only when it
 * is WIDER than the tolerance, i.e. a disc of that diameter fits inside it. Edges that merely touch
 * have no overlap at all; two edges traced a few centimetres apart make a long thin sliver whose
 * width is the gap, however long it is — so neither its area nor its length decides, its width does.
 * PostGIS equivalent: 2 × (ST_MaximumInscribedCircle(ST_Transform(part, srid))).radius > tolerance.
 * A width-based rule also means a small but solid intrusion (a 0.5 m × 0.5 m corner) counts.
 */

/** Widths are found to this precision (m): far below any tolerance in use (≥ 1 cm). */
const WIDTH_PRECISION_M = 1e-4;
/** Initial grid at most this many cells along the long side (a needle must not become a billion cells). */
const MAX_GRID_SIDE = 64;
/** Work bound for pathological shapes; the result is then a lower bound of the true width. */
const MAX_CELLS = 50_000;

type Seg = [XY, XY];

interface Cell {
  x: number;
  y: number;
  h: number;
  /** Signed distance of the centre to the outline (positive inside). */
  d: number;
  /** Upper bound of the distance anywhere in the cell. */
  max: number;
}

/**
 * Vertices closer than this (m) to the line through their neighbours add no width: collinear points
 * and spikes, where the ring runs out and comes straight back. Clipping shapes that share an edge
 * leaves such zero-width needles folded along the edge; left in, the width search would tile their
 * whole length with ever smaller cells (measured: 90–140 ms per needle) only to find 0.
 */
const SPIKE_M = 1e-6;

/** The ring without collinear vertices and spikes (closed in, closed out); fewer than 4 points = no area. */
export function removeSpikes(ring: readonly XY[]): XY[] {
  const pts = ring.slice(0, -1);
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const a = pts[(i + pts.length - 1) % pts.length];
      const b = pts[i];
      const c = pts[(i + 1) % pts.length];
      const abx = b[0] - a[0];
      const aby = b[1] - a[1];
      const bcx = c[0] - b[0];
      const bcy = c[1] - b[1];
      const longest = Math.max(Math.hypot(abx, aby), Math.hypot(bcx, bcy));
      // |cross| / longest edge: how far the shorter edge's end lies off the longer edge's line.
      if (longest === 0 || Math.abs(abx * bcy - aby * bcx) / longest < SPIKE_M) {
        pts.splice(i, 1);
        i--;
        changed = true;
      }
    }
  }
  return pts.length >= 3 ? [...pts, pts[0]] : [];
}

/** Convex shells up to this many edges get the exact answer below instead of the grid search. */
const EXACT_CONVEX_MAX_EDGES = 24;

/**
 * Largest inscribed circle of a convex polygon, exactly. Inside a convex polygon the distance to the
 * outline is the smallest distance to the edges' lines, so the best centre is where three edge lines
 * are equidistant (a small linear programme solved by its vertices: O(n³) for n ≤ 24 edges). The
 * grid search cannot do this cheaply for a thin strip: its square cells must shrink to the strip's
 * width all along its length (a 1 mm × 24 m sliver took 50,000 cells and 100 ms).
 */
function convexInscribed(ring: readonly XY[]): { width_m: number; centre: XY } | null {
  const n = ring.length - 1;
  if (n < 3 || n > EXACT_CONVEX_MAX_EDGES) return null;
  const [ox, oy] = ring[0];
  const pts = ring.map(([x, y]) => [x - ox, y - oy] as XY);
  let area2 = 0;
  for (let i = 0; i < n; i++) area2 += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
  const sign = area2 >= 0 ? 1 : -1;
  for (let i = 0; i < n; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    const c = pts[(i + 2) % n];
    if (sign * ((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])) < 0) return null; // a reflex corner
  }
  // Each edge as inward unit normal (nx, ny) and offset b: signed distance of p is nx·px + ny·py − b.
  const lines: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[i + 1];
    const len = Math.hypot(bx - ax, by - ay);
    if (len === 0) continue;
    const nx = (-sign * (by - ay)) / len;
    const ny = (sign * (bx - ax)) / len;
    lines.push([nx, ny, nx * ax + ny * ay]);
  }
  let best = { r: -Infinity, x: 0, y: 0 };
  const m = lines.length;
  for (let i = 0; i < m; i++)
    for (let j = i + 1; j < m; j++)
      for (let k = j + 1; k < m; k++) {
        // Solve nx·x + ny·y − r = b for the three lines (Cramer's rule).
        const [a1, b1, c1] = lines[i];
        const [a2, b2, c2] = lines[j];
        const [a3, b3, c3] = lines[k];
        const det = a1 * (b2 * -1 - -1 * b3) - b1 * (a2 * -1 - -1 * a3) + -1 * (a2 * b3 - b2 * a3);
        if (Math.abs(det) < 1e-12) continue;
        const x = (c1 * (b2 * -1 - -1 * b3) - b1 * (c2 * -1 - -1 * c3) + -1 * (c2 * b3 - b2 * c3)) / det;
        const y = (a1 * (c2 * -1 - -1 * c3) - c1 * (a2 * -1 - -1 * a3) + -1 * (a2 * c3 - c2 * a3)) / det;
        let r = Infinity;
        for (const [nx, ny, b] of lines) r = Math.min(r, nx * x + ny * y - b);
        if (r > best.r) best = { r, x, y };
      }
  if (!(best.r >= 0)) return null;
  return { width_m: 2 * best.r, centre: [best.x + ox, best.y + oy] };
}

/**
 * The circle around the shell's vertex mean, as wide as the mean's distance to the outline (0 when
 * the mean lies outside): a lower bound of the width in O(n). It settles "at least this wide?" for a
 * solid part, which is most of them, before any search.
 */
function vertexMeanWidth(rings: readonly XY[][]): { width_m: number; centre: XY } {
  const shell = rings[0];
  const n = shell.length - 1;
  const [ox, oy] = shell[0];
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += shell[i][0] - ox;
    my += shell[i][1] - oy;
  }
  const centre: XY = [ox + mx / n, oy + my / n];
  if (!pointInPolygon(centre, rings)) return { width_m: 0, centre };
  let d = Infinity;
  for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) d = Math.min(d, segmentDistance(centre, ring[i], ring[i + 1]));
  return { width_m: 2 * d, centre };
}

/** Edges looked at for the pair bound: the ones nearest to the cell's centre. */
const PAIR_EDGES = 4;

/**
 * Largest inscribed circle of one projected polygon (shell and holes), by the pole-of-inaccessibility
 * search (Agafonkin's polylabel): cover the bbox with square cells, keep splitting the cells that
 * could hold a wider circle than the best so far. Polylabel bounds a cell by d(centre) + h·√2, which
 * never prunes a flat ridge — the centre line of a parallel strip, exactly what a sliver is — and
 * then splits to the precision all along it. So a second bound is used: for any two edges e, f,
 * d ≤ min(d_e, d_f) ≤ (d_e + d_f) / 2, a convex function whose maximum over a square is at a corner;
 * between two parallel edges it is constant and equal to the half-width, so the ridge is pruned at
 * once. Returns the diameter in metres and the circle's centre. With `enough`, the search stops as
 * soon as a circle that wide is found, and the width returned is then only a lower bound.
 */
export function inscribedWidth(input: PlanarPolygon, enough = Infinity): { width_m: number; centre: XY } {
  const cleaned = input.map(removeSpikes);
  const shell = cleaned[0] ?? [];
  if (shell.length < 4) return { width_m: 0, centre: input[0]?.[0] ?? [NaN, NaN] };
  const rings = [shell, ...cleaned.slice(1).filter((r) => r.length >= 4)];
  if (enough < Infinity) {
    const quick = vertexMeanWidth(rings);
    if (quick.width_m >= enough) return quick;
  }
  if (rings.length === 1) {
    const exact = convexInscribed(shell);
    if (exact) return exact;
  }
  // Rotate so that the longest shell edge lies along x: a sliver is then covered by cells along its
  // length instead of a staircase of ever smaller cells. Distances do not change under rotation.
  let angle = 0;
  let longest = -1;
  for (let i = 0; i + 1 < shell.length; i++) {
    const len = Math.hypot(shell[i + 1][0] - shell[i][0], shell[i + 1][1] - shell[i][1]);
    if (len > longest) {
      longest = len;
      angle = Math.atan2(shell[i + 1][1] - shell[i][1], shell[i + 1][0] - shell[i][0]);
    }
  }
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  // Relative to the first vertex too: TM-3 coordinates are ~1e6 and cells get down to 1e-5 m.
  const [ox, oy] = shell[0];
  const turned: XY[][] = rings.map((ring) => ring.map(([x, y]) => [(x - ox) * cos - (y - oy) * sin, (x - ox) * sin + (y - oy) * cos] as XY));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of turned[0]) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const narrow = Math.min(maxX - minX, maxY - minY);
  // The inscribed circle fits in the bbox, so a bbox this thin settles the width without a search.
  if (!(narrow > WIDTH_PRECISION_M)) return { width_m: Math.max(0, narrow), centre: shell[0] };
  const size = Math.max(narrow, Math.max(maxX - minX, maxY - minY) / MAX_GRID_SIDE);
  const local: XY[][] = turned.map((ring) => ring.map(([x, y]) => [x - minX, y - minY] as XY));
  const segs: Seg[] = [];
  for (const ring of local) for (let i = 0; i + 1 < ring.length; i++) segs.push([ring[i], ring[i + 1]]);
  const w = maxX - minX;
  const hgt = maxY - minY;
  const nearest = new Int32Array(PAIR_EDGES);
  const nearestD = new Float64Array(PAIR_EDGES);

  const make = (x: number, y: number, h: number): Cell => {
    // The PAIR_EDGES nearest edges, by insertion into a small sorted buffer.
    let n = 0;
    for (let i = 0; i < segs.length; i++) {
      const v = segmentDistance([x, y], segs[i][0], segs[i][1]);
      if (n < PAIR_EDGES || v < nearestD[n - 1]) {
        let j = n < PAIR_EDGES ? n++ : n - 1;
        while (j > 0 && nearestD[j - 1] > v) {
          nearestD[j] = nearestD[j - 1];
          nearest[j] = nearest[j - 1];
          j--;
        }
        nearestD[j] = v;
        nearest[j] = i;
      }
    }
    let d = nearestD[0];
    if (!pointInPolygon([x, y], local)) d = -d;
    let max = d + h * Math.SQRT2;
    if (h > 0) {
      const corners: XY[] = [[x - h, y - h], [x + h, y - h], [x - h, y + h], [x + h, y + h]];
      const at: number[][] = [];
      for (let e = 0; e < n; e++) at.push(corners.map((c) => segmentDistance(c, segs[nearest[e]][0], segs[nearest[e]][1])));
      for (let e = 0; e < at.length; e++) {
        for (let f = e + 1; f < at.length; f++) {
          let m = -Infinity;
          for (let k = 0; k < 4; k++) m = Math.max(m, (at[e][k] + at[f][k]) / 2);
          if (m < max) max = m;
        }
      }
    }
    return { x, y, h, d, max };
  };
  // A max-heap on the cell's bound keeps the search best-first.
  const heap: Cell[] = [];
  const push = (c: Cell): void => {
    heap.push(c);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent].max >= heap[i].max) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const pop = (): Cell => {
    const top = heap[0];
    const last = heap.pop() as Cell;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].max > heap[m].max) m = l;
        if (r < heap.length && heap[r].max > heap[m].max) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const h = size / 2;
  for (let x = 0; x < w; x += size) for (let y = 0; y < hgt; y += size) push(make(x + h, y + h, h));
  let best = make(w / 2, hgt / 2, 0);
  // The vertex mean is often inside a convex sliver, where the bbox centre is not.
  const mean = local[0].reduce<XY>((acc, [x, y]) => [acc[0] + x / local[0].length, acc[1] + y / local[0].length], [0, 0]);
  const meanCell = make(mean[0], mean[1], 0);
  if (meanCell.d > best.d) best = meanCell;
  let cells = heap.length;
  while (heap.length > 0 && cells < MAX_CELLS) {
    const cell = pop();
    if (cell.d > best.d) best = cell;
    // A caller asking only "at least this wide?" has its answer (the result is then a lower bound).
    if (2 * best.d >= enough) break;
    if (cell.max - best.d <= WIDTH_PRECISION_M) continue;
    const q = cell.h / 2;
    push(make(cell.x - q, cell.y - q, q));
    push(make(cell.x + q, cell.y - q, q));
    push(make(cell.x - q, cell.y + q, q));
    push(make(cell.x + q, cell.y + q, q));
    cells += 4;
  }
  const bx = best.x + minX;
  const by = best.y + minY;
  return { width_m: Math.max(0, 2 * best.d), centre: [ox + bx * cos + by * sin, oy - bx * sin + by * cos] };
}

/** One part of an overlap with its planar area and width. */
export interface OverlapPart {
  shape: Shape;
  area_m2: number;
  width_m: number;
}

/** An overlap split into parts, with what survives the tolerance. */
export interface Overlap {
  /** Every part, slivers included (contact needles no wider than CONTACT_M are not parts). */
  parts: OverlapPart[];
  area_m2: number;
  /** Parts wider than the tolerance: the ones that count. */
  significant: OverlapPart[];
  significant_area_m2: number;
  /** Widest part (m), 0 without overlap. */
  width_m: number;
}

/**
 * Measures an overlap part by part (TM-3) and keeps the parts wider than tolerance_m. With
 * `widthsNeeded: false` a part's width is searched only until it is known to pass the tolerance (and
 * contact): width_m is then a lower bound, for callers that read areas and geometry only — a wide
 * L-shaped part settles in a few cells instead of a search to 0.1 mm.
 */
export function measureOverlap(shape: Shape, tolerance_m: number, widthsNeeded = true): Overlap {
  const parts: OverlapPart[] = [];
  const enough = widthsNeeded ? Infinity : Math.max(tolerance_m, CONTACT_M) + WIDTH_PRECISION_M;
  for (const part of shapeParts(shape)) {
    const area_m2 = planarPolygonsArea(part.xy);
    if (area_m2 <= CONTACT_AREA_M2) continue;
    const width_m = inscribedWidth(part.xy[0], enough).width_m;
    if (width_m > CONTACT_M) parts.push({ shape: part, area_m2, width_m });
  }
  const significant = parts.filter((p) => p.width_m > tolerance_m);
  const sum = (ps: OverlapPart[]): number => ps.reduce((s, p) => s + p.area_m2, 0);
  return {
    parts,
    area_m2: sum(parts),
    significant,
    significant_area_m2: sum(significant),
    width_m: parts.reduce((m, p) => Math.max(m, p.width_m), 0),
  };
}

/** The significant parts as one shape. */
export const significantShape = (o: Overlap): Shape => mergeShapes(o.significant.map((p) => p.shape));
/** Every part (slivers included) as one shape. */
export const wholeShape = (o: Overlap): Shape => mergeShapes(o.parts.map((p) => p.shape));
/** The significant parts in lon/lat, or null. */
export const significantGeometry = (o: Overlap): Polygonal | null => significantShape(o).lonlat;
