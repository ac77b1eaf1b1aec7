// Converts between GeoJSON in EPSG:4326 and the generator's planar (u, v) polygons, with the rounding and winding the output promises.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { toVn2000, fromVn2000 } from '../crs.ts';
import { type Frame, type Poly, type Pt, type Ring, orient, signedArea } from './planar.ts';

/**
 * Output precision: 7 decimals of a degree is about 1 cm at Cần Thơ's latitude. Six decimals
 * (≈ 0.1 m) would move a 100 m² parcel's area by up to a few tenths of a square metre, which is
 * more than the 0.1 m² rounding of the legal area; at 7 decimals the change is a few hundredths.
 */
export const OUTPUT_DECIMALS = 7;
const SCALE = 10 ** OUTPUT_DECIMALS;
const round = (x: number): number => Math.round(x * SCALE) / SCALE;

/** The measuring CRS of the demo plan: VN-2000 / TM-3 105°00′ (EPSG:5897), the zone of the former Cần Thơ city. */
export const PLAN_SRID = 5897;

export function lonLatToPlanar(c: readonly number[]): Pt {
  return toVn2000(c, PLAN_SRID);
}

export function planarToLonLat(p: readonly number[]): Pt {
  return fromVn2000(p, PLAN_SRID);
}

const openRing = (ring: readonly Position[]): Position[] => {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return ring.slice(0, -1) as Position[];
  return [...ring];
};

/** Polygon/MultiPolygon (lon, lat) → planar polygons in the frame, outer rings CCW. */
export function geoToPolys(g: Polygon | MultiPolygon, frame: Frame): Poly[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.map((p) => orient(p.map((ring) => openRing(ring).map((c) => frame.toUv(lonLatToPlanar(c))))));
}

/** Grid units (1e-7°) between two rounded positions, per axis. */
const units = (a: Position, b: Position): number => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])) * SCALE;

/**
 * Drops repeated positions and collapses neighbours one grid step apart (two vertices a few mm
 * apart that rounded to adjacent grid points and would otherwise form a spike). Of such a pair the
 * lexicographically smaller position stays, so a neighbour that walks the shared edge the other way
 * makes the same choice.
 */
function closeAndClean(ring: Position[]): Position[] | null {
  let out: Position[] = ring.filter((p, i) => i === 0 || units(p, ring[i - 1]) > 0);
  for (let changed = true; changed && out.length >= 3; ) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      const a = out[i];
      const b = out[(i + 1) % out.length];
      if (units(a, b) <= 1.5) {
        const dropB = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]);
        out = out.filter((_, k) => k !== (dropB ? (i + 1) % out.length : i));
        changed = true;
        break;
      }
    }
  }
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  return out;
}

function ringSignedAreaLonLat(ring: Position[]): number {
  return signedArea(ring.slice(0, -1).map((c) => [c[0], c[1]] as Pt));
}

/**
 * Rounds and closes rings, drops rings that collapsed in rounding, and enforces RFC 7946 winding
 * (exterior counter-clockwise, holes clockwise) on the rounded coordinates.
 */
export function cleanMultiPolygon(coords: Position[][][]): MultiPolygon {
  const out: Position[][][] = [];
  for (const poly of coords) {
    const rings: Position[][] = [];
    for (const [i, ring] of poly.entries()) {
      const r = closeAndClean(ring.map((c) => [round(c[0]), round(c[1])]));
      if (!r) {
        if (i === 0) break;
        continue;
      }
      const ccw = ringSignedAreaLonLat(r) > 0;
      if ((i === 0) !== ccw) r.reverse();
      rings.push(r);
    }
    if (rings.length > 0) out.push(rings);
  }
  return { type: 'MultiPolygon', coordinates: out };
}

/** Planar (u, v) polygons → GeoJSON MultiPolygon in EPSG:4326, rounded to OUTPUT_DECIMALS. */
export function polysToGeo(polys: readonly Poly[], frame: Frame): MultiPolygon {
  return cleanMultiPolygon(polys.map((p) => p.map((ring: Ring) => ring.map((uv) => planarToLonLat(frame.fromUv(uv))))));
}

/** Any Polygon/MultiPolygon as a rounded, RFC 7946-wound MultiPolygon. */
export function toCleanMultiPolygon(g: Polygon | MultiPolygon): MultiPolygon {
  return cleanMultiPolygon(g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
}

/** Planar area in EPSG:5897 (m²) of a GeoJSON (Multi)Polygon in EPSG:4326: the official way to measure it. */
export function planarAreaM2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const a = Math.abs(signedArea(openRing(ring).map((c) => lonLatToPlanar(c))));
      total += i === 0 ? a : -a;
    });
  }
  return total;
}
