// Small builder for golden cases: geometry drawn in VN-2000 / TM-3 metres around an origin, written as lon/lat features.
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { fromVn2000, toVn2000 } from '../../geodata/crs.ts';
import type { BuildingProposal, CheckConstraint, CheckParams, CheckZone } from '../../api/checks/check.types.ts';
import type { CaseKind, Expected } from './golden-io.ts';

/** A point in metres east and north of the case origin. */
export type M = [number, number];

/**
 * A metric drawing plane. Cases are drawn in the TM-3 zone they are measured in, so lengths and
 * areas in the drawing are the official ones (up to proj4's ~0.1 mm inverse, which shifts every
 * vertex of a case almost equally and so changes no area or distance measurably).
 */
export class Plane {
  constructor(
    readonly E0: number,
    readonly N0: number,
    readonly srid: 5897 | 9209 = 5897,
  ) {}

  ll([x, y]: M): Position {
    return fromVn2000([this.E0 + x, this.N0 + y], this.srid);
  }

  /** A closed lon/lat ring. */
  ring(pts: M[]): Position[] {
    const ring = pts.map((p) => this.ll(p));
    return [...ring, ring[0]];
  }

  poly(...rings: M[][]): Polygon {
    return { type: 'Polygon', coordinates: rings.map((r) => this.ring(r)) };
  }

  multi(...polys: M[][][]): MultiPolygon {
    return { type: 'MultiPolygon', coordinates: polys.map((rings) => rings.map((r) => this.ring(r))) };
  }

  box(x: number, y: number, w: number, h: number): Polygon {
    return this.poly(rect(x, y, w, h));
  }
}

/** Corners of an axis-parallel rectangle (counter-clockwise). */
export function rect(x: number, y: number, w: number, h: number): M[] {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ];
}

/** The case origin for the n-th case: a 400 m grid over Ninh Kiều and Bình Thủy (lon 105.72–105.76, lat 10.00–10.04). */
export function planeFor(n: number): Plane {
  return new Plane(579_000 + (n % 10) * 400, 1_106_500 + Math.floor(n / 10) * 400);
}

/** A plane in the 105°30′ zone near Sóc Trăng (lon ≈ 105.97, lat ≈ 9.60). */
export function socTrangPlane(): Plane {
  const [E, N] = toVn2000([105.97, 9.6], 9209);
  return new Plane(Math.round(E), Math.round(N), 9209);
}

export const DEMO_CITATION = 'Điều 12, Quy định quản lý theo đồ án QHPK Ninh Kiều (demo)';

export const ZONE_DEFAULTS: Omit<CheckZone, 'geometry'> = {
  id: 1,
  lot_code: 'HH-03',
  land_use_code: 'HH',
  max_coverage_pct: 60,
  max_far: 3,
  max_floors: 5,
  max_height_m: 22,
  min_setback_m: 3,
  permitted_uses: ['ODT', 'TMD'],
  citation: DEMO_CITATION,
};

export const RED_LINE_DEFAULTS: Omit<CheckConstraint, 'geometry'> = {
  id: 101,
  kind: 'red_line',
  rule: 'no_build',
  value: null,
  tolerance_m: 0.1,
  name: 'Đường 3 Tháng 2',
  citation: 'Chỉ giới đường đỏ theo QHPK Ninh Kiều (demo)',
};

export const PROPOSAL_DEFAULTS: Omit<BuildingProposal, 'site' | 'footprint'> = { use: 'ODT', floors: 4, height_m: 15, gfa_m2: 1000 };

type Geom = Polygon | MultiPolygon;
const feat = (properties: Record<string, unknown>, geometry: Geom | unknown): Feature =>
  ({ type: 'Feature', properties, geometry }) as Feature;

export const site = (g: Geom | unknown): Feature => feat({ role: 'site' }, g);
export const footprint = (g: Geom | unknown): Feature => feat({ role: 'footprint' }, g);
export const zone = (g: Geom, p: Partial<Omit<CheckZone, 'geometry'>> = {}): Feature => feat({ role: 'zone', ...ZONE_DEFAULTS, ...p }, g);
export const redLine = (g: Geom, p: Partial<Omit<CheckConstraint, 'geometry'>> = {}): Feature => feat({ role: 'constraint', ...RED_LINE_DEFAULTS, ...p }, g);
export const constraint = (g: Geom, p: Omit<CheckConstraint, 'geometry' | 'tolerance_m' | 'citation' | 'name'> & Partial<CheckConstraint>): Feature =>
  feat({ role: 'constraint', tolerance_m: 0.1, name: null, citation: null, ...p }, g);
export const parcel = (g: Geom, id = 'T12/345'): Feature => feat({ role: 'parcel', id }, g);

export interface CaseSpec {
  kind: CaseKind;
  name: string;
  description: string;
  proposal?: Partial<Omit<BuildingProposal, 'site' | 'footprint'>>;
  params?: Partial<CheckParams>;
  expected: Expected;
  features: Feature[];
}

/** A case-defining function gets its own plane. */
export type CaseDef = (P: Plane) => CaseSpec;
