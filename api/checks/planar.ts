// Planar measurement in VN-2000 / TM-3 (the CRS of official Vietnamese areas): projection, shoelace areas, segment distances and polygon clipping.
import { difference } from '@turf/difference';
import { feature, featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { union } from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { fromVn2000, tm3SridForLongitude, toVn2000, type CanThoTm3Srid } from '../../geodata/crs.ts';
import type { Polygonal } from './check.types.ts';
import { nearestT, onSegment, pointInPolygon, segmentsIntersect, type XY } from './segments.ts';
import {
  clipByConvex,
  convexDifferencePieces,
  convexOrientation,
  crossesInterior,
  cutOffByEdge,
  farthestVertexFromConvex,
  ringsClearOf,
  singleRing,
} from './convex-clip.ts';
import { CONTACT_AREA_M2, CONTACT_M } from './contact.ts';
import { convexUnion } from './convex-union.ts';
import { CLEARANCE_M, relateShapes } from './shape-relation.ts';

/**
 * Why planar: cadastral and plan areas in Viet Nam are planar areas in the provincial TM-3 zone, and
 * PostGIS reproduces them as ST_Area(ST_Transform(g, srid)). Geodesic (ellipsoidal) areas differ
 * from them by the square of the zone's scale factor — linear scale 0.9999 on the central meridian,
 * about 1.0002 at 1.5° from it, so −0.02 % to +0.05 % in area — more than the 0.01 % the engine may
 * differ from PostGIS. One zone per report: the site's (see measurementSrid).
 */
export type Srid = CanThoTm3Srid;
export type { XY };
/** A polygon as rings of projected [E, N] metres, shell first (orientation not relied upon). */
export type PlanarPolygon = XY[][];

/** The parts of a Polygon or MultiPolygon as MultiPolygon coordinates. */
export function polygonsOf(g: Polygonal): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** A Polygon for one part, a MultiPolygon for several, null for none. */
export function polygonalOf(parts: Position[][][]): Polygonal | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

/**
 * Area-weighted centroid in lon/lat (shells only; a planar centroid of a lot-sized polygon is
 * exact enough to pick a zone). Falls back to the vertex mean for a degenerate geometry.
 */
export function lonLatCentroid(g: Polygonal): XY {
  let a = 0;
  let cx = 0;
  let cy = 0;
  let n = 0;
  let mx = 0;
  let my = 0;
  for (const poly of polygonsOf(g)) {
    const ring = poly[0] ?? [];
    const [x0, y0] = ring[0] ?? [0, 0];
    for (let i = 0; i + 1 < ring.length; i++) {
      const x1 = ring[i][0] - x0;
      const y1 = ring[i][1] - y0;
      const x2 = ring[i + 1][0] - x0;
      const y2 = ring[i + 1][1] - y0;
      const cross = x1 * y2 - x2 * y1;
      a += cross;
      cx += (x1 + x2) * cross + 3 * x0 * cross;
      cy += (y1 + y2) * cross + 3 * y0 * cross;
      mx += ring[i][0];
      my += ring[i][1];
      n++;
    }
  }
  if (a !== 0 && Number.isFinite(a)) return [cx / (3 * a), cy / (3 * a)];
  return n > 0 ? [mx / n, my / n] : [NaN, NaN];
}

/** The TM-3 zone a report measures in: chosen once, by the site's centroid longitude, for every geometry. */
export function measurementSrid(site: Polygonal): Srid {
  return tm3SridForLongitude(lonLatCentroid(site)[0]);
}

export function crsName(srid: Srid): 'EPSG:5897' | 'EPSG:9209' {
  return srid === 5897 ? 'EPSG:5897' : 'EPSG:9209';
}

/** Projects every part of a polygonal geometry to TM-3 metres, keeping the ring structure (and so indices). */
export function projectPolygons(g: Polygonal, srid: Srid): PlanarPolygon[] {
  return polygonsOf(g).map((rings) => rings.map((ring) => ring.map((p) => toVn2000(p, srid))));
}

/**
 * Shoelace area of a ring, in the units of its coordinates squared, sign by orientation.
 * Coordinates are shifted to the first vertex first: TM-3 eastings (~5e5) and northings (~1e6) make
 * products of ~1e12, where a double keeps only ~1e-4 m², the same trick PostGIS uses.
 */
export function ringSignedArea(ring: readonly (readonly number[])[]): number {
  if (ring.length < 3) return 0;
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    s += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  // An open ring needs no closing term: its closing edge ends at the origin and adds zero.
  return s / 2;
}

/** Area of projected polygons: shells minus holes (absolute values, so ring orientation does not matter). */
export function planarPolygonsArea(polys: readonly PlanarPolygon[]): number {
  let total = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      const a = Math.abs(ringSignedArea(ring));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}

/** The nearest pair of points of two shapes: the distance in m and both points in lon/lat. */
export interface Nearest {
  distance_m: number;
  from: Position;
  to: Position;
}

function segmentsOf(planar: readonly PlanarPolygon[]): [XY, XY][] {
  const out: [XY, XY][] = [];
  for (const rings of planar) for (const ring of rings) for (let i = 0; i + 1 < ring.length; i++) out.push([ring[i], ring[i + 1]]);
  return out;
}

/** A geometry in both CRSs: TM-3 metres to measure and clip, lon/lat to show as evidence. */
export interface Shape {
  xy: PlanarPolygon[];
  lonlat: Polygonal | null;
}

export const EMPTY_SHAPE: Shape = { xy: [], lonlat: null };

/**
 * WGS 84 lon/lat of a TM-3 point. proj4's inverse datum shift is approximate (a round trip drifts
 * ~0.1 mm); one Newton step on the forward transform brings it to a few nanometres.
 */
export function toLonLat(p: XY, srid: Srid): Position {
  const first = fromVn2000(p, srid);
  const back = toVn2000(first, srid);
  return fromVn2000([2 * p[0] - back[0], 2 * p[1] - back[1]], srid);
}

const key = (p: XY): string => `${p[0]},${p[1]}`;

/** A clipped shape whose lon/lat geometry is computed on first use (see PlanarFrame.fromPlanar). */
class ClippedShape implements Shape {
  private geometry: Polygonal | null | undefined;
  constructor(
    readonly xy: PlanarPolygon[],
    private readonly frame: PlanarFrame,
  ) {}

  get lonlat(): Polygonal | null {
    if (this.geometry === undefined) this.geometry = polygonalOf(this.xy.map((rings) => rings.map((ring) => ring.map((p) => this.frame.point(p)))));
    return this.geometry;
  }
}

/**
 * Clipping happens in TM-3 metres, where official boundaries are straight: a parcel corner is a
 * VN-2000 E/N pair and its edges are straight lines in that plane, and PostGIS clips the same way on
 * ST_Transform(g, srid). Clipping in lon/lat instead moves every crossing off the TM-3 edge: a
 * straight east–west lon/lat edge sags from the TM-3 one by up to L²·tanφ/(8R) — 0.14 mm on a 200 m
 * red-line edge at Cần Thơ — which already moves a 20 m × 1 m road-widening take by 0.012 %, more
 * than the engine may differ from PostGIS. ("TM-3 is conformal and lots are small" holds for a lot,
 * not for the roads and zones it is clipped with.) Turf's clipping (polyclip-ts, exact decimal arithmetic) does not care
 * which plane it works in. Results go back to lon/lat vertex by vertex: a vertex of an input keeps
 * its original lon/lat bit for bit; a new vertex (an edge crossing) is inverse-projected.
 */
export class PlanarFrame {
  private readonly book = new Map<string, Position>();
  constructor(readonly srid: Srid) {}

  /** Projects a lon/lat geometry and remembers its vertices. */
  shape(g: Polygonal): Shape {
    const lonlat = polygonsOf(g);
    const xy = lonlat.map((rings) =>
      rings.map((ring) =>
        ring.map((p) => {
          const q = toVn2000(p, this.srid);
          this.book.set(key(q), p);
          return q;
        }),
      ),
    );
    return { xy, lonlat: g };
  }

  /**
   * Lon/lat of a TM-3 point: the original vertex if it is one, else its inverse projection, which is
   * remembered too (a crossing is often a vertex of several clipped shapes).
   */
  point(p: XY): Position {
    const k = key(p);
    let ll = this.book.get(k);
    if (!ll) {
      ll = toLonLat(p, this.srid);
      this.book.set(k, ll);
    }
    return ll;
  }

  /**
   * A shape for clipped TM-3 polygons. Its lon/lat geometry is worked out when first read: most
   * clipped shapes are only measured (intermediate cuts, overlaps tested for width), and the
   * inverse projection of their new vertices would be most of their cost.
   */
  fromPlanar(xy: PlanarPolygon[]): Shape {
    return new ClippedShape(xy, this);
  }

  /** a ∩ b; empty when they share no area (touching edges share none). */
  intersection(a: Shape, b: Shape): Shape {
    if (a.xy.length === 0 || b.xy.length === 0) return EMPTY_SHAPE;
    // Most clippings are a lot inside one zone, or shapes far apart: answered without clipping
    // (shape-relation.ts), which is most of a rule card's time otherwise.
    const relation = relateShapes(a.xy, b.xy);
    if (relation === 'apart') return EMPTY_SHAPE;
    if (relation === 'a_inside_b') return a;
    if (relation === 'b_inside_a') return b;
    const ra = singleRing(a.xy);
    const rb = singleRing(b.xy);
    const sa = ra ? convexOrientation(ra) : 0;
    const sb = rb ? convexOrientation(rb) : 0;
    if (ra && rb && sa !== 0 && sb !== 0) {
      const ring = clipByConvex(ra, rb, sb);
      return ring.length > 0 ? this.fromPlanar([[ring]]) : EMPTY_SHAPE;
    }
    if (ra && rb && onlyTouch(ra, sa, rb, sb)) return EMPTY_SHAPE;
    return this.fromPlanar(clip(intersect, [a.xy, b.xy]));
  }

  /**
   * a minus every shape of `minus`, one at a time: the exact clipper given several operands whose
   * edges coincide (a red line and the setback strips built on its edges) has returned an empty
   * result where PostGIS finds 350 m²; two operands at a time it agrees.
   */
  difference(a: Shape, minus: readonly Shape[]): Shape {
    return this.subtract(a, minus, false);
  }

  /**
   * a minus every shape of `minus`, like difference, except that parts of the result no wider than
   * contact (CONTACT_M) may be left out: for callers that measure the result with measureOverlap,
   * which drops such parts anyway. A lot whose vertices, rounded in lon/lat, stand a few micrometres
   * beyond its zone's or a red line's edge leaves such needles along it; knowing they are contact
   * spares the exact clipper (see cut).
   */
  differenceBeyondContact(a: Shape, minus: readonly Shape[]): Shape {
    return this.subtract(a, minus, true);
  }

  private subtract(a: Shape, minus: readonly Shape[], beyondContact: boolean): Shape {
    let rest = a;
    for (const m of minus) {
      if (rest.xy.length === 0) return EMPTY_SHAPE;
      if (m.xy.length === 0) continue;
      // a ∩ zone of a lot inside the zone is the lot itself (see intersection): nothing is left.
      if (m.xy === rest.xy) return EMPTY_SHAPE;
      const relation = relateShapes(rest.xy, m.xy);
      if (relation === 'a_inside_b') return EMPTY_SHAPE;
      if (relation === 'apart') continue;
      // Parts of rest are disjoint: beyond contact, each is cut on its own, so a convex one keeps its shortcuts.
      if (beyondContact && rest.xy.length > 1) rest = mergeShapes(shapeParts(rest).map((part) => this.cut(part, m, true)));
      else rest = this.cut(rest, m, beyondContact);
    }
    return rest;
  }

  /**
   * rest − m. Both convex (a lot and a setback strip, most often): nothing when they only touch,
   * and when a single edge of m runs through rest, rest cut by that edge's line — m ∩ rest is then
   * exactly rest on m's side of it, so what is left is the other side. With `beyondContact`, the
   * difference is also taken in convex pieces (convexDifferencePieces): pieces lying within
   * CONTACT_M / 4 of m are needles and left out, the others kept — provided no needle touches a kept
   * piece, nor kept pieces each other (the exact difference would join them into one part, needle
   * and all). Otherwise the exact clipper.
   */
  private cut(rest: Shape, m: Shape, beyondContact = false): Shape {
    const rr = singleRing(rest.xy);
    const rm = singleRing(m.xy);
    const sr = rr ? convexOrientation(rr) : 0;
    const sm = rm ? convexOrientation(rm) : 0;
    if (rr && rm && onlyTouch(rr, sr, rm, sm)) return rest;
    if (rr && rm && sr !== 0 && sm !== 0) {
      let chord = -1;
      for (let i = 0; i + 1 < rm.length; i++) {
        if (!crossesInterior(rm[i], rm[i + 1], rr, sr)) continue;
        if (chord >= 0) {
          chord = -2;
          break;
        }
        chord = i;
      }
      if (chord >= 0) {
        const left = cutOffByEdge(rr, rm[chord], rm[chord + 1], sm);
        return left.length > 0 ? this.fromPlanar([[left]]) : EMPTY_SHAPE;
      }
      if (beyondContact) {
        const kept: XY[][] = [];
        const needles: XY[][] = [];
        for (const ring of convexDifferencePieces(rr, rm, sm)) (farthestVertexFromConvex(ring, rm, sm) <= CONTACT_M / 4 ? needles : kept).push(ring);
        const apart = (x: XY[], y: XY[]): boolean => ringsClearOf(x, y, CLEARANCE_M);
        const separate = kept.every((k, i) => needles.every((n) => apart(k, n)) && kept.slice(i + 1).every((o) => apart(k, o)));
        if (separate) return kept.length > 0 ? this.fromPlanar(kept.map((ring) => [ring])) : EMPTY_SHAPE;
      }
    }
    return this.fromPlanar(clip(difference, [rest.xy, m.xy]));
  }

  /** The union of shapes: two convex ones (a corner lot's overlaps with two red lines) in floating point when it can, else exactly. */
  union(shapes: readonly Shape[]): Shape {
    const some = shapes.filter((s) => s.xy.length > 0);
    if (some.length <= 1) return some[0] ?? EMPTY_SHAPE;
    if (some.length === 2) {
      const ra = singleRing(some[0].xy);
      const rb = singleRing(some[1].xy);
      const rings = ra && rb ? convexUnion(ra, convexOrientation(ra), rb, convexOrientation(rb)) : null;
      if (rings) return this.fromPlanar(rings.map((ring) => [ring]));
    }
    return this.fromPlanar(clip(union, some.map((s) => s.xy)));
  }

  /**
   * Smallest planar distance (m) between two shapes, between projected vertices and segments
   * exactly as PostGIS ST_Distance on ST_Transform(g, srid); 0 when they touch, cross or one lies
   * inside the other. The nearest points come back in lon/lat.
   */
  distance(a: Shape, b: Shape): Nearest {
    const sa = segmentsOf(a.xy);
    const sb = segmentsOf(b.xy);
    for (const [p, q] of sa) {
      for (const [r, s] of sb) {
        if (segmentsIntersect(p, q, r, s)) {
          const c = this.point(contactPoint(p, q, r, s));
          return { distance_m: 0, from: c, to: c };
        }
      }
    }
    // No boundary contact: one may still contain the other.
    for (const [inner, outer] of [[a.xy, b.xy], [b.xy, a.xy]] as const) {
      for (const rings of inner) {
        const v = rings[0][0];
        if (outer.some((o) => pointInPolygon(v, o))) {
          const c = this.point(v);
          return { distance_m: 0, from: c, to: c };
        }
      }
    }
    let best = { d: Infinity, from: [NaN, NaN] as XY, to: [NaN, NaN] as XY };
    const consider = (p: XY, [s, t]: [XY, XY], reverse: boolean): void => {
      const u = nearestT(s, t, p);
      const q: XY = [s[0] + (t[0] - s[0]) * u, s[1] + (t[1] - s[1]) * u];
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d < best.d) best = reverse ? { d, from: q, to: p } : { d, from: p, to: q };
    };
    for (const s of sa) {
      for (const t of sb) {
        consider(s[0], t, false);
        consider(s[1], t, false);
        consider(t[0], s, true);
        consider(t[1], s, true);
      }
    }
    if (!Number.isFinite(best.d)) return { distance_m: Infinity, from: [NaN, NaN], to: [NaN, NaN] };
    return { distance_m: best.d, from: this.point(best.from), to: this.point(best.to) };
  }
}

/** Where two touching segments meet: the crossing point, or for collinear overlaps an endpoint on the other. */
function contactPoint(a: XY, b: XY, c: XY, d: XY): XY {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const qx = d[0] - c[0];
  const qy = d[1] - c[1];
  const den = rx * qy - ry * qx;
  if (den !== 0) {
    const t = Math.max(0, Math.min(1, ((c[0] - a[0]) * qy - (c[1] - a[1]) * qx) / den));
    return [a[0] + rx * t, a[1] + ry * t];
  }
  for (const p of [c, d]) if (onSegment(a, b, p)) return p;
  return a;
}

/**
 * Whether two rings (one of them convex: its orientation non-zero) share at most contact, found by
 * clipping the other ring to the convex one in floating point. For a concave subject that clipping
 * may join separate pieces by zero-width bridges, which is why only its area is used here: the
 * area of the intersection is exact all the same. A red line that a lot only touches (most lots
 * along a road) so costs no exact clipping; its overlap would have been needles that measureOverlap
 * drops anyway (CONTACT_AREA_M2).
 */
function onlyTouch(a: XY[], sa: number, b: XY[], sb: number): boolean {
  if (sa === 0 && sb === 0) return false;
  const ring = sb !== 0 ? clipByConvex(a, b, sb) : clipByConvex(b, a, sa);
  return ring.length === 0 || Math.abs(ringSignedArea(ring)) <= CONTACT_AREA_M2;
}

type ClipFn = (fc: FeatureCollection<Polygon | MultiPolygon>) => Feature<Polygon | MultiPolygon> | null;

/**
 * Grids (m) to snap operands to when exact clipping fails, finest first. polyclip-ts can fail to
 * close an output ring ("Unable to complete output ring") when edges are collinear to ~1e-10 m —
 * exactly what edges that coincide in lon/lat become once projected. Snapping moves a vertex by at
 * most half a cell (≤ 5 µm), which changes no reported area or distance at the precision shown.
 */
const SNAP_GRIDS_M = [1e-9, 1e-8, 1e-7, 1e-6, 1e-5];

const snapTo = (parts: PlanarPolygon[], g: number): PlanarPolygon[] =>
  parts.map((rings) => rings.map((ring) => ring.map(([x, y]) => [Math.round(x / g) * g, Math.round(y / g) * g] as XY)));

/** Runs a Turf clipping function on TM-3 polygons (Turf's clipping is plane geometry on any coordinates). */
function clip(fn: ClipFn, operands: PlanarPolygon[][]): PlanarPolygon[] {
  const run = (ops: PlanarPolygon[][]): PlanarPolygon[] => {
    const fc = featureCollection(ops.map((parts) => feature<MultiPolygon>({ type: 'MultiPolygon', coordinates: parts })));
    const out = fn(fc)?.geometry;
    if (!out) return [];
    const parts = out.type === 'Polygon' ? [out.coordinates] : out.coordinates;
    return parts.map((rings) => rings.map((ring) => ring.map((p) => [p[0], p[1]] as XY)));
  };
  try {
    return run(operands);
  } catch (exact) {
    for (const g of SNAP_GRIDS_M) {
      try {
        return run(operands.map((parts) => snapTo(parts, g)));
      } catch {
        // try the next, coarser grid
      }
    }
    throw exact;
  }
}

/** Planar TM-3 area of a shape in m². */
export const shapeArea = (s: Shape): number => planarPolygonsArea(s.xy);

/** Planar TM-3 area in m² of a lon/lat geometry (= PostGIS ST_Area(ST_Transform(g, srid))). */
export function planarArea(g: Polygonal | null, srid: Srid): number {
  return g ? planarPolygonsArea(projectPolygons(g, srid)) : 0;
}

/** Planar TM-3 distance in m between two lon/lat geometries (= PostGIS ST_Distance on ST_Transform). */
export function planarDistance(a: Polygonal, b: Polygonal, srid: Srid): Nearest {
  const frame = new PlanarFrame(srid);
  return frame.distance(frame.shape(a), frame.shape(b));
}

/**
 * A shape whose lon/lat geometry is taken from other shapes' when first read. Parts and merges are
 * made of intermediate shapes (a lot cut part by part, the needles of an overlap left out) whose
 * lon/lat is mostly never read; reading it early would inverse-project every new vertex.
 */
class DerivedShape implements Shape {
  private geometry: Polygonal | null | undefined;
  constructor(
    readonly xy: PlanarPolygon[],
    private readonly derive: () => Polygonal | null,
  ) {}

  get lonlat(): Polygonal | null {
    if (this.geometry === undefined) this.geometry = this.derive();
    return this.geometry;
  }
}

/** Each part of a shape as a shape of its own. */
export function shapeParts(s: Shape): Shape[] {
  return s.xy.map((rings, i) => new DerivedShape([rings], () => (s.lonlat ? { type: 'Polygon', coordinates: polygonsOf(s.lonlat)[i] } : null)));
}

/** Shapes gathered into one (parts side by side, no dissolving). */
export function mergeShapes(shapes: readonly Shape[]): Shape {
  return new DerivedShape(
    shapes.flatMap((s) => s.xy),
    () => polygonalOf(shapes.flatMap((s) => (s.lonlat ? polygonsOf(s.lonlat) : []))),
  );
}
