// Width of an overlap (diameter of its largest inscribed circle, planar TM-3): what tells a real overlap from a sliver.
import type { Polygonal } from './check.types.ts';
import { mergeShapes, planarPolygonsArea, pointInPolygon, shapeParts, type PlanarPolygon, type Shape, type XY } from './planar.ts';

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
/**
 * Overlap parts at most this wide (m) are contact, not overlap, and are dropped. Edges that touch in
 * lon/lat — a vertex snapped onto a neighbour's edge on the map — are a few nanometres apart in
 * TM-3, because a straight lon/lat edge is not exactly straight there: clipping leaves needles of
 * ~1e-9 m. Features closer than this also count as touching (distance ≤ CONTACT_M).
 */
export const CONTACT_M = 0.001;
/** Initial grid at most this many cells along the long side (a needle must not become a billion cells). */
const MAX_GRID_SIDE = 64;
/** Work bound for pathological shapes; the result is then a lower bound of the true width. */
const MAX_CELLS = 50_000;

type Seg = [XY, XY];

function segDistance(p: XY, [a, b]: Seg): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(a[0] + dx * t - p[0], a[1] + dy * t - p[1]);
}

interface Cell {
  x: number;
  y: number;
  h: number;
  /** Signed distance of the centre to the outline (positive inside). */
  d: number;
  /** Upper bound of the distance anywhere in the cell. */
  max: number;
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
 * once. Returns the diameter in metres and the circle's centre.
 */
export function inscribedWidth(rings: PlanarPolygon): { width_m: number; centre: XY } {
  const shell = rings[0] ?? [];
  if (shell.length < 3) return { width_m: 0, centre: shell[0] ?? [NaN, NaN] };
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
      const v = segDistance([x, y], segs[i]);
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
      for (let e = 0; e < n; e++) at.push(corners.map((c) => segDistance(c, segs[nearest[e]])));
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

/** Measures an overlap part by part (TM-3) and keeps the parts wider than tolerance_m. */
export function measureOverlap(shape: Shape, tolerance_m: number): Overlap {
  const parts: OverlapPart[] = [];
  for (const part of shapeParts(shape)) {
    const area_m2 = planarPolygonsArea(part.xy);
    // A disc of diameter w has area π w²/4, so a part this small is contact whatever its shape.
    if (2 * Math.sqrt(Math.max(0, area_m2) / Math.PI) <= CONTACT_M) continue;
    const width_m = inscribedWidth(part.xy[0]).width_m;
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
