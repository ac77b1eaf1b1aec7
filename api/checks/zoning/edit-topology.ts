// Checks overlap, gap, sliver and outside_plan of an edited zone against its neighbours and the plan boundary (planar, TM-3).
import type { Polygonal } from '../check.types.ts';
import { en, vi } from '../format.ts';
import { CONTACT_M } from '../contact.ts';
import { inscribedWidth, measureOverlap, wholeShape } from '../overlap-width.ts';
import { measurementSrid, PlanarFrame, ringSignedArea, shapeArea, shapeParts, type PlanarPolygon, type Shape, type XY } from '../planar.ts';
import type { EditCheckContext, EditCheckParams, EditCheckResult } from './edit-check.types.ts';
import { mayExceed, mayOverlap } from './edit-contact.ts';
import { cap, editResult, zoneName, type Text } from './edit-text.ts';

type Box = [number, number, number, number];

function bboxOf(polys: readonly PlanarPolygon[]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polys) for (const [x, y] of rings[0] ?? []) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

/** Width and height of the overlap of two boxes grown by `grow` (negative when apart). */
const boxOverlap = (a: Box, b: Box, grow = 0): [number, number] => [
  Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + grow,
  Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + grow,
];

/** One edge of a ring with its unit direction and the unit normal pointing out of the polygon. */
interface Edge {
  a: XY;
  b: XY;
  u: XY;
  n: XY;
  len: number;
  box: Box;
}

/** A vertex with the edge that ends there and the edge that starts there. */
interface Corner {
  p: XY;
  prev: Edge;
  next: Edge;
}

interface Outline {
  edges: Edge[];
  corners: Corner[];
}

/**
 * Every edge with its outward normal, and every vertex with its two edges. Orientation is not
 * relied upon (GeoJSON's right-hand rule is not enforced on input): a shell's interior is on the
 * left when it runs counter-clockwise, a hole's on the right.
 */
function outlineOf(polys: readonly PlanarPolygon[]): Outline {
  const edges: Edge[] = [];
  const corners: Corner[] = [];
  for (const rings of polys) {
    rings.forEach((ring, ri) => {
      const ccw = ringSignedArea(ring) > 0;
      const outwardRight = ri === 0 ? ccw : !ccw;
      const own: Edge[] = [];
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i];
        const b = ring[i + 1];
        const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (len === 0) continue;
        const u: XY = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
        const n: XY = outwardRight ? [u[1], -u[0]] : [-u[1], u[0]];
        own.push({ a, b, u, n, len, box: [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])] });
      }
      own.forEach((next, j) => corners.push({ p: next.a, prev: own[(j + own.length - 1) % own.length], next }));
      edges.push(...own);
    });
  }
  return { edges, corners };
}

/** Narrows [lo, hi] to where the linear function v0 + s (v1 − v0) lies within [min, max]. */
function clipLinear(range: [number, number], v0: number, v1: number, min: number, max: number): void {
  const dv = v1 - v0;
  if (dv === 0) {
    if (v0 < min || v0 > max) range[1] = -1;
    return;
  }
  let s0 = (min - v0) / dv;
  let s1 = (max - v0) / dv;
  if (s0 > s1) [s0, s1] = [s1, s0];
  range[0] = Math.max(range[0], s0);
  range[1] = Math.min(range[1], s1);
}

/** The part [lo, hi] (parameters along `of`) of edge `of` on the outer side of `from`, within t of its line and alongside it. */
function alongside(of: Edge, from: Edge, t: number): [number, number] | null {
  const [ax, ay] = from.a;
  const h = (p: XY): number => from.n[0] * (p[0] - ax) + from.n[1] * (p[1] - ay);
  const tau = (p: XY): number => (from.u[0] * (p[0] - ax) + from.u[1] * (p[1] - ay)) / from.len;
  const range: [number, number] = [0, 1];
  clipLinear(range, h(of.a), h(of.b), 0, t);
  clipLinear(range, tau(of.a), tau(of.b), 0, 1);
  // Edges on each other (shared, or a vertex snapped onto the other edge) are contact, not a gap.
  const at = (s: number): number => h([of.a[0] + (of.b[0] - of.a[0]) * s, of.a[1] + (of.b[1] - of.a[1]) * s]);
  if (!(range[1] - range[0] > 1e-12) || Math.max(at(range[0]), at(range[1])) <= CONTACT_M) return null;
  return range;
}

/**
 * The strip between edge e and a facing edge f where they are less than t apart: the part of each
 * that lies alongside the other, on its outer side and within t of its line, joined into a
 * quadrilateral. Exact for parallel edges (a rectangle) and for edges that diverge from a common
 * point (a triangle, up to where the gap reaches t).
 */
function strip(e: Edge, f: Edge, t: number): XY[] | null {
  const re = alongside(e, f, t);
  const rf = alongside(f, e, t);
  if (!re || !rf) return null;
  const on = (g: Edge, s: number): XY => [g.a[0] + (g.b[0] - g.a[0]) * s, g.a[1] + (g.b[1] - g.a[1]) * s];
  // Around the quadrilateral, e's far end is followed by the end of f that faces it: f's start when
  // the edges run in opposite directions (both rings oriented alike), f's end when they run the
  // same way (a hole, or rings drawn in opposite orientations).
  const opposite = e.u[0] * f.u[0] + e.u[1] * f.u[1] < 0;
  const corners: XY[] = opposite ? [on(e, re[0]), on(e, re[1]), on(f, rf[0]), on(f, rf[1])] : [on(e, re[0]), on(e, re[1]), on(f, rf[1]), on(f, rf[0])];
  // Diverging edges from a common point give a triangle: drop the repeated corner.
  const quad = corners.filter((q, i) => i === 0 || q[0] !== corners[i - 1][0] || q[1] !== corners[i - 1][1]);
  if (quad.length > 3 && quad[quad.length - 1][0] === quad[0][0] && quad[quad.length - 1][1] === quad[0][1]) quad.pop();
  if (quad.length < 3) return null;
  quad.push(quad[0]);
  // A strip of (almost) no area: edges meeting at a point.
  return Math.abs(ringSignedArea(quad)) > 1e-9 ? quad : null;
}

/**
 * Where a gap turns a corner — a neighbour's corner c inside a concave corner v of the zone, or the
 * other way round — the strips along the two sides leave the square between c and v uncovered: the
 * quadrilateral c, its foot on the edge ending at v, v, its foot on the edge starting at v. Only
 * when c lies outside both of v's edges, within t of both, and its feet fall on them.
 */
function cornerPatch(c: XY, v: Corner, t: number): XY[] | null {
  const dx = c[0] - v.p[0];
  const dy = c[1] - v.p[1];
  if (dx * dx + dy * dy >= 2 * t * t) return null;
  const feet: XY[] = [];
  for (const e of [v.prev, v.next]) {
    const h = e.n[0] * (c[0] - e.a[0]) + e.n[1] * (c[1] - e.a[1]);
    const k = e.u[0] * (c[0] - e.a[0]) + e.u[1] * (c[1] - e.a[1]);
    if (!(h > CONTACT_M && h < t) || k < 0 || k > e.len) return null;
    feet.push([e.a[0] + e.u[0] * k, e.a[1] + e.u[1] * k]);
  }
  const quad: XY[] = [c, feet[0], v.p, feet[1], c];
  return Math.abs(ringSignedArea(quad)) > 1e-9 ? quad : null;
}

/**
 * Strips between the zone's edges and facing, nearly parallel neighbour edges closer than t, and
 * the patches where such a gap turns a corner.
 */
function gapStrips(zone: Outline, other: Outline, t: number, maxAngleDeg: number): XY[][] {
  const facing = -Math.cos((maxAngleDeg * Math.PI) / 180);
  const out: XY[][] = [];
  for (const e of zone.edges) {
    for (const f of other.edges) {
      if (e.n[0] * f.n[0] + e.n[1] * f.n[1] > facing) continue;
      const [w, h] = boxOverlap(e.box, f.box, t);
      if (w < 0 || h < 0) continue;
      const s = strip(e, f, t);
      if (s) out.push(s);
    }
  }
  if (out.length === 0) return out;
  for (const [cs, vs] of [[other.corners, zone.corners], [zone.corners, other.corners]]) {
    for (const c of cs) {
      for (const v of vs) {
        const patch = cornerPatch(c.p, v, t);
        if (patch) out.push(patch);
      }
    }
  }
  return out;
}

/**
 * The gap between the zone and one neighbour: the strips and corner patches joined, without what
 * lies in the zone, the neighbour or another zone. Clipping (~1–10 ms) runs only when there is
 * something to join or the cheap tests say a zone reaches into the gap.
 */
function gapBetween(frame: PlanarFrame, strips: XY[][], others: readonly Shape[]): Shape {
  const polys: PlanarPolygon[] = strips.map((s) => [s]);
  // Several pieces are joined (they overlap at a reflex corner, or share sides with corner patches):
  // the evidence must be one valid geometry, not parts lying along each other.
  const joined = polys.length > 1 ? frame.union(polys.map((s) => frame.fromPlanar([s]))) : frame.fromPlanar(polys);
  const reached = others.filter((o) => mayOverlap(joined.xy, o.xy));
  return reached.length > 0 ? frame.difference(joined, reached) : joined;
}

interface Neighbour {
  feature_id: number | string;
  name: Text;
  shape: Shape;
  box: Box;
  outline: Outline | null;
}

const ha = (a: number, d = 2): Text => ({ en: en(a, d), vi: vi(a, d) });

/**
 * overlap, gap, sliver and outside_plan of a measurable zone (geometry_valid found nothing blocking):
 * - overlap (error, per neighbour): zone ∩ neighbour of at least min_overlap_m2, with its area, its
 *   width (largest inscribed circle) and the overlap polygon;
 * - gap (warning, per neighbour): the strips between facing, nearly parallel edges (directions within
 *   gap_max_angle_deg) of the zone and the neighbour that are less than gap_tolerance_m apart, with
 *   the squares where such a gap turns a corner, minus every zone — a zone nearly but not exactly
 *   touching its neighbour — when their area exceeds min_overlap_m2. Edges meeting at a wider angle
 *   bound open space (a junction), which is not a gap; edges within CONTACT_M touch;
 * - sliver (warning): a part of the zone, or of what the zone keeps once its overlaps are taken
 *   away, narrower than sliver_width_m (diameter of the largest inscribed circle);
 * - outside_plan (error): zone minus plan boundary larger than min_overlap_m2.
 * Everything is clipped and measured in the TM-3 zone of the edited zone's centroid.
 */
export function zoneTopologyResults(
  zone: { feature_id: number | string | null; geometry: Polygonal },
  name: Text,
  ctx: EditCheckContext,
  p: EditCheckParams,
): EditCheckResult[] {
  const out: EditCheckResult[] = [];
  const frame = new PlanarFrame(measurementSrid(zone.geometry));
  const z = frame.shape(zone.geometry);
  const zBox = bboxOf(z.xy);
  const zArea = shapeArea(z);
  const reach = Math.max(p.gap_tolerance_m, 0) + 1e-6;
  const near: Neighbour[] = [];
  for (const n of ctx.neighbours) {
    if (zone.feature_id !== null && n.feature_id === zone.feature_id) continue;
    const shape = frame.shape(n.geometry);
    const box = bboxOf(shape.xy);
    const [w, h] = boxOverlap(zBox, box, reach);
    if (w < 0 || h < 0) continue;
    near.push({ feature_id: n.feature_id, name: zoneName(n.lot_code, n.feature_id), shape, box, outline: null });
  }

  // Overlaps.
  const overlapping: Neighbour[] = [];
  for (const n of near) {
    const [w, h] = boxOverlap(zBox, n.box);
    // The overlap lies within both boxes: if their common box is smaller than min_overlap_m2, so is it.
    if (w <= 0 || h <= 0 || w * h < p.min_overlap_m2 || !mayOverlap(z.xy, n.shape.xy)) continue;
    let inter: Shape;
    try {
      inter = frame.intersection(z, n.shape);
    } catch {
      out.push(unmeasurable(name, n));
      continue;
    }
    const area = shapeArea(inter);
    if (area <= 0) continue;
    if (area > 1e-6) overlapping.push(n);
    if (area < p.min_overlap_m2) continue;
    const m = measureOverlap(inter, 0);
    const a = ha(area);
    const width = ha(m.width_m);
    const whole = area >= zArea * (1 - 1e-6);
    out.push(editResult('overlap', {
      severity: 'error',
      code: whole ? 'inside_neighbour' : 'overlap',
      area_m2: area,
      other_feature_id: n.feature_id,
      evidence: (m.parts.length > 0 ? wholeShape(m) : inter).lonlat,
      text: whole
        ? {
            en: `${cap(name.en)} lies entirely inside ${n.name.en}: the whole ${a.en} m² overlaps it.`,
            vi: `${cap(name.vi)} nằm trọn trong ${n.name.vi}: toàn bộ ${a.vi} m² chồng lấn.`,
          }
        : {
            en: `${cap(name.en)} overlaps ${n.name.en} by ${a.en} m² (up to ${width.en} m wide).`,
            vi: `${cap(name.vi)} chồng lấn ${n.name.vi} ${a.vi} m² (rộng tới ${width.vi} m).`,
          },
    }));
  }

  // Gaps.
  if (p.gap_tolerance_m > 0 && near.length > 0) {
    const zOutline = outlineOf(z.xy);
    const others = [z, ...near.map((n) => n.shape)];
    for (const n of near) {
      n.outline ??= outlineOf(n.shape.xy);
      const strips = gapStrips(zOutline, n.outline, p.gap_tolerance_m, p.gap_max_angle_deg);
      if (strips.length === 0) continue;
      let gap: Shape;
      try {
        gap = gapBetween(frame, strips, others);
      } catch {
        out.push(unmeasurable(name, n));
        continue;
      }
      const m = measureOverlap(gap, 0);
      if (!(m.area_m2 > p.min_overlap_m2)) continue;
      const a = ha(m.area_m2);
      const width = ha(m.width_m);
      const tol = ha(p.gap_tolerance_m);
      out.push(editResult('gap', {
        severity: 'warning',
        code: 'gap',
        area_m2: m.area_m2,
        other_feature_id: n.feature_id,
        evidence: wholeShape(m).lonlat,
        text: {
          en: `A gap of ${a.en} m² (up to ${width.en} m wide, under the ${tol.en} m tolerance) lies between ${name.en} and ${n.name.en}: snap the edges together, or widen the gap if the land between is meant.`,
          vi: `Có khe hở ${a.vi} m² (rộng tới ${width.vi} m, dưới dung sai ${tol.vi} m) giữa ${name.vi} và ${n.name.vi}: hãy bắt dính hai cạnh, hoặc nới rộng nếu phần đất giữa là có chủ ý.`,
        },
      }));
    }
  }

  // Slivers: thin parts of the zone, then thin remains once the overlaps are taken away.
  if (p.sliver_width_m > 0) {
    const parts = shapeParts(z);
    const multi = parts.length > 1;
    parts.forEach((part, i) => {
      const partName: Text = multi ? { en: `part ${i + 1} of ${name.en}`, vi: `phần ${i + 1} của ${name.vi}` } : name;
      const width = inscribedWidth(part.xy[0], p.sliver_width_m).width_m;
      if (width < p.sliver_width_m) {
        out.push(sliverResult('sliver_part', partName, part, width, p));
        return;
      }
      if (overlapping.length === 0) return;
      let rest: Shape;
      try {
        rest = frame.difference(part, overlapping.map((n) => n.shape));
      } catch {
        return; // the overlaps themselves are reported; what remains of the zone is a detail
      }
      for (const piece of shapeParts(rest)) {
        const area = shapeArea(piece);
        if (!(area > p.min_overlap_m2)) continue;
        const w = inscribedWidth(piece.xy[0], p.sliver_width_m).width_m;
        if (w < p.sliver_width_m) out.push(sliverResult('sliver_after_overlap', partName, piece, w, p));
      }
    });
  }

  // Outside the plan boundary.
  if (ctx.plan_boundary) {
    const b = frame.shape(ctx.plan_boundary);
    let outside: Shape | null = null;
    try {
      outside = mayExceed(z.xy, b.xy) ? frame.difference(z, [b]) : null;
    } catch {
      out.push(editResult('outside_plan', {
        severity: 'warning',
        code: 'boundary_not_measured',
        text: { en: `Whether ${name.en} lies within the plan boundary could not be measured: the boundary is not a valid polygon.`, vi: `Không xác định được ${name.vi} có nằm trong ranh giới đồ án hay không: ranh giới không phải đa giác hợp lệ.` },
      }));
    }
    const area = outside ? shapeArea(outside) : 0;
    if (outside && area > p.min_overlap_m2) {
      const m = measureOverlap(outside, 0);
      const share = (100 * area) / zArea;
      const whole = share >= 100 - 1e-4;
      const a = ha(area);
      out.push(editResult('outside_plan', {
        severity: 'error',
        code: whole ? 'entirely_outside_plan' : 'outside_plan',
        area_m2: area,
        evidence: (m.parts.length > 0 ? wholeShape(m) : outside).lonlat,
        text: whole
          ? { en: `${cap(name.en)} (${a.en} m²) lies entirely outside the plan boundary.`, vi: `${cap(name.vi)} (${a.vi} m²) nằm hoàn toàn ngoài ranh giới đồ án.` }
          : {
              en: `${a.en} m² of ${name.en} (${en(share, 1)} % of it) lies outside the plan boundary.`,
              vi: `${a.vi} m² của ${name.vi} (${vi(share, 1)} % diện tích) nằm ngoài ranh giới đồ án.`,
            },
      }));
    }
  }
  return out;
}

/**
 * A neighbour whose geometry the clipping cannot handle (in the plan in force every zone is valid,
 * but another edit of the same change set may not be yet): said, not silently skipped.
 */
function unmeasurable(name: Text, n: Neighbour): EditCheckResult {
  return editResult('overlap', {
    severity: 'warning',
    code: 'neighbour_not_measured',
    other_feature_id: n.feature_id,
    text: {
      en: `Overlaps and gaps between ${name.en} and ${n.name.en} could not be measured: the geometry of ${n.name.en} is not a valid polygon.`,
      vi: `Không đo được chồng lấn và khe hở giữa ${name.vi} và ${n.name.vi}: hình học của ${n.name.vi} không phải đa giác hợp lệ.`,
    },
  });
}

function sliverResult(code: 'sliver_part' | 'sliver_after_overlap', name: Text, piece: Shape, width: number, p: EditCheckParams): EditCheckResult {
  const a = ha(shapeArea(piece));
  const w = ha(width);
  const lim = ha(p.sliver_width_m);
  return editResult('sliver', {
    severity: 'warning',
    code,
    area_m2: shapeArea(piece),
    evidence: piece.lonlat,
    text:
      code === 'sliver_part'
        ? {
            en: `${cap(name.en)} is a sliver: ${a.en} m² but only ${w.en} m wide (under ${lim.en} m).`,
            vi: `${cap(name.vi)} là một dải mỏng: ${a.vi} m² nhưng chỉ rộng ${w.vi} m (dưới ${lim.vi} m).`,
          }
        : {
            en: `Once its overlaps are taken away, ${name.en} leaves a sliver of ${a.en} m² only ${w.en} m wide (under ${lim.en} m).`,
            vi: `Sau khi bỏ phần chồng lấn, ${name.vi} còn lại một dải mỏng ${a.vi} m² chỉ rộng ${w.vi} m (dưới ${lim.vi} m).`,
          },
  });
}

/** outside_plan for any polygonal feature (constraints too): the part beyond the plan boundary. */
export function outsidePlanResults(g: Polygonal, name: Text, boundary: Polygonal | null, p: EditCheckParams): EditCheckResult[] {
  return zoneTopologyResults({ feature_id: null, geometry: g }, name, { neighbours: [], plan_boundary: boundary, land_use_codes: [] }, { ...p, gap_tolerance_m: 0, sliver_width_m: 0 });
}
