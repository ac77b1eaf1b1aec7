// Writes the zoning edit checks' golden in/ files from their constructions in TM-3 metres (deterministic). Run: npx tsx test/checks/zoning/make-cases.ts
import path from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { landUseCodesByScheme } from '../../../geodata/land-use-codes.ts';
import type { ConstraintAttributes, EditCheckParams, ZoneAttributes } from '../../../api/checks/zoning/index.ts';
import { Plane, rect, socTrangPlane, type M } from '../case-builder.ts';
import { writeJson } from '../golden-io.ts';
import { ZONING_DIR, type ExpectedResult } from './zoning-golden-io.ts';

/*
 * Every case is drawn in metres east and north of its own origin on a 600 m grid north of the
 * compliance cases (lon ≈ 105.70–105.75, lat ≈ 10.07–10.09, EPSG:5897), one in the 105°30′ zone
 * (EPSG:9209). The expected areas are the construction's: two 100 m × 50 m lots overlapping by a
 * 10 m strip overlap by 10 × 50 = 500 m², whatever the checks compute.
 */

type Geom = Polygon | MultiPolygon;

/** The zone as edited, unless a case says otherwise: consistent indicators (2.5 ≤ 60 % × 5 ÷ 100 = 3). */
const ZONE: ZoneAttributes = {
  lot_code: 'HH-05',
  land_use_code: 'HH',
  name: 'Khu hỗn hợp ven sông',
  max_coverage_pct: 60,
  max_far: 2.5,
  max_floors: 5,
  max_height_m: 22,
  min_setback_m: 3,
  permitted_uses: ['ODT', 'TMD'],
  citation: 'Điều 8, Quy định quản lý theo đồ án QHPK Bình Thủy (demo)',
};
const EDITED_ID = 500;

const feat = (properties: Record<string, unknown>, geometry: unknown): Feature => ({ type: 'Feature', properties, geometry }) as Feature;
const zone = (g: unknown, a: Partial<ZoneAttributes> = {}, feature_id: number | null = EDITED_ID): Feature =>
  feat({ role: 'edited', subject: 'zone', feature_id, ...ZONE, ...a }, g);
const constraint = (g: unknown, a: Partial<ConstraintAttributes> = {}, feature_id: number | null = 900): Feature =>
  feat({ role: 'edited', subject: 'constraint', feature_id, kind: 'river_corridor', rule: 'setback_m', value: 20, tolerance_m: 0.1, name: 'Hành lang sông Bình Thủy', citation: null, ...a }, g);
const nb = (g: Geom, feature_id: number, lot_code: string): Feature => feat({ role: 'neighbour', feature_id, lot_code }, g);
const boundary = (g: Geom): Feature => feat({ role: 'plan_boundary' }, g);

interface Spec {
  check: string;
  name: string;
  description: string;
  features: Feature[];
  /** Replaces the default plan boundary (x, y from −200 to 400 m); null for none. */
  boundary?: Geom | null;
  params?: Partial<EditCheckParams>;
  results: ExpectedResult[];
}
type Def = (P: Plane) => Spec;

/** A rectangle w × h turned by `deg` about (x0, y0), as drawn in metres. */
const turned = (x0: number, y0: number, w: number, h: number, deg: number, dx = 0): M[] => {
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  return rect(dx, 0, w, h).map(([x, y]) => [x0 + x * c - y * s, y0 + x * s + y * c] as M);
};
const pt = (P: Plane, p: M): [number, number] => P.ll(p) as [number, number];

const DEFS: Def[] = [
  // geometry_valid
  (P) => ({
    check: 'geometry_valid',
    name: 'bow-tie-self-intersection',
    description: 'The zone is drawn as a bow tie whose edges cross at (20, 15) m',
    features: [zone(P.poly([[0, 0], [40, 30], [40, 0], [0, 30]]))],
    results: [{ id: 'geometry_valid', severity: 'error', code: 'self_intersection', evidence_point: pt(P, [20, 15]) }],
  }),
  (P) => {
    const ring = rect(0, 0, 50, 40).map((p) => P.ll(p));
    return {
      check: 'geometry_valid',
      name: 'unclosed-ring',
      description: 'The zone’s ring has four corners but does not return to its start',
      features: [zone({ type: 'Polygon', coordinates: [ring] })],
      results: [{ id: 'geometry_valid', severity: 'error', code: 'unclosed_ring', evidence_point: pt(P, [0, 0]) }],
    };
  },
  (P) => ({
    check: 'geometry_valid',
    name: 'ring-too-short',
    description: 'The zone’s ring has only three positions (a line there and back)',
    features: [zone({ type: 'Polygon', coordinates: [[P.ll([0, 0]), P.ll([30, 0]), P.ll([0, 0])]] })],
    results: [{ id: 'geometry_valid', severity: 'error', code: 'too_few_points' }],
  }),
  (P) => {
    const ring = [P.ll([0, 0]), P.ll([50, 0]), P.ll([50, 0]), P.ll([50, 40]), P.ll([0, 40]), P.ll([0, 0])];
    return {
      check: 'geometry_valid',
      name: 'repeated-points',
      description: 'The corner (50, 0) m of the zone is clicked twice; the duplicate is dropped and only warned about',
      features: [zone({ type: 'Polygon', coordinates: [ring] })],
      results: [{ id: 'geometry_valid', severity: 'warning', code: 'repeated_point', evidence_point: pt(P, [50, 0]) }],
    };
  },
  (P) => ({
    check: 'geometry_valid',
    name: 'spike',
    description: 'The zone’s top edge runs out 20 m to (30, 60) m and back on a base 0.2 m wide (an angle of 0.57°)',
    features: [zone(P.poly([[0, 0], [60, 0], [60, 40], [30.1, 40], [30, 60], [29.9, 40], [0, 40]]))],
    results: [{ id: 'geometry_valid', severity: 'error', code: 'spike', evidence_point: pt(P, [30, 60]) }],
  }),
  (P) => ({
    check: 'geometry_valid',
    name: 'constraint-bow-tie',
    description: 'A flood constraint area is drawn as a bow tie crossing at (50, 10) m',
    features: [constraint(P.poly([[0, 0], [100, 20], [100, 0], [0, 20]]), { kind: 'flood', rule: 'no_build', value: null, name: 'Vùng ngập Cái Sơn' })],
    results: [{ id: 'geometry_valid', severity: 'error', code: 'self_intersection', evidence_point: pt(P, [50, 10]) }],
  }),

  // overlap
  (P) => ({
    check: 'overlap',
    name: 'clean-zone-sharing-edge',
    description: 'The zone shares its edges exactly with three neighbours',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(100, 0, 100, 50), 11, 'HH-04'), nb(P.box(0, 50, 100, 50), 12, 'CX-01'), nb(P.box(-60, -30, 60, 80), 13, 'OM-02')],
    results: [],
  }),
  (P) => ({
    check: 'overlap',
    name: 'overlap-strip-10m',
    description: 'Two 100 m × 50 m zones overlap by a 10 m strip: 10 × 50 = 500 m²',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(90, 0, 100, 50), 11, 'HH-04')],
    results: [{ id: 'overlap', severity: 'error', code: 'overlap', area_m2: 500, other_feature_id: 11, evidence_point: pt(P, [90, 0]) }],
  }),
  (P) => ({
    check: 'overlap',
    name: 'overlap-corner',
    description: 'A neighbour’s corner reaches 5 m × 4 m into the zone: 20 m²',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(95, 46, 50, 50), 11, 'HH-04')],
    results: [{ id: 'overlap', severity: 'error', code: 'overlap', area_m2: 20, other_feature_id: 11, evidence_point: pt(P, [95, 46]) }],
  }),
  (P) => ({
    check: 'overlap',
    name: 'zone-inside-neighbour',
    description: 'A new 20 m × 20 m zone is drawn inside an existing 100 m × 100 m one: all 400 m² overlap',
    features: [zone(P.box(30, 30, 20, 20), {}, null), nb(P.box(0, 0, 100, 100), 11, 'HH-04')],
    results: [{ id: 'overlap', severity: 'error', code: 'inside_neighbour', area_m2: 400, other_feature_id: 11 }],
  }),
  (P) => ({
    check: 'overlap',
    name: 'multiple-overlaps-sum',
    description: 'The zone overlaps one neighbour by 6 m × 50 m = 300 m² and another by 50 m × 4 m = 200 m²: 500 m² in all',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(94, 0, 60, 50), 11, 'HH-04'), nb(P.box(20, 46, 50, 30), 12, 'CX-01')],
    results: [
      { id: 'overlap', severity: 'error', code: 'overlap', area_m2: 300, other_feature_id: 11 },
      { id: 'overlap', severity: 'error', code: 'overlap', area_m2: 200, other_feature_id: 12 },
    ],
  }),
  (P) => ({
    check: 'overlap',
    name: 'overlap-below-minimum',
    description: 'A neighbour’s corner reaches 5 cm × 15 cm into the zone: 0.0075 m², under the 0.01 m² that counts',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(99.95, 49.85, 50, 50), 11, 'HH-04')],
    results: [],
  }),
  (P) => ({
    check: 'overlap',
    name: 'hole-with-neighbour-inside',
    description: 'The zone has a 40 m × 40 m hole and the neighbour fills it exactly',
    features: [zone(P.poly(rect(0, 0, 100, 80), rect(30, 20, 40, 40))), nb(P.box(30, 20, 40, 40), 11, 'CX-02')],
    results: [],
  }),
  (P) => ({
    check: 'overlap',
    name: 'neighbour-in-hole-overlapping',
    description: 'The neighbour in the zone’s 40 m × 40 m hole is 2 m too wide: it overlaps the zone by 2 × 40 = 80 m²',
    features: [zone(P.poly(rect(0, 0, 100, 80), rect(30, 20, 40, 40))), nb(P.box(30, 20, 42, 40), 11, 'CX-02')],
    results: [{ id: 'overlap', severity: 'error', code: 'overlap', area_m2: 80, other_feature_id: 11 }],
  }),
  (P) => ({
    check: 'overlap',
    name: 'overlap-turned-30-degrees',
    description: 'Two 100 m × 50 m zones turned by 30° overlap by a 10 m strip along their length: 500 m²',
    features: [zone(P.poly(turned(0, 0, 100, 50, 30))), nb(P.poly(turned(0, 0, 100, 50, 30, 90)), 11, 'HH-04')],
    results: [{ id: 'overlap', severity: 'error', code: 'overlap', area_m2: 500, other_feature_id: 11 }],
  }),
  () => {
    const P = socTrangPlane();
    return {
      check: 'overlap',
      name: 'overlap-in-105-30-zone',
      description: 'Near Sóc Trăng (TM-3 zone 105°30′, EPSG:9209) two 60 m × 40 m zones overlap by 10 × 40 = 400 m²',
      features: [zone(P.box(0, 0, 60, 40)), nb(P.box(50, 0, 60, 40), 11, 'HH-04')],
      boundary: P.box(-200, -200, 600, 600),
      results: [{ id: 'overlap', severity: 'error', code: 'overlap', area_m2: 400, other_feature_id: 11, evidence_point: pt(P, [50, 0]) }],
    };
  },

  // gap
  (P) => ({
    check: 'gap',
    name: 'gap-30cm-between-neighbours',
    description: 'The neighbour above starts 0.30 m above the zone’s top edge: a gap of 0.30 × 100 = 30 m²',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(0, 50.3, 100, 50), 12, 'CX-01'), nb(P.box(100, 0, 100, 50), 11, 'HH-04')],
    results: [{ id: 'gap', severity: 'warning', code: 'gap', area_m2: 30, other_feature_id: 12, evidence_point: pt(P, [0, 50.3]) }],
  }),
  (P) => ({
    check: 'gap',
    name: 'touching-exactly-no-gap',
    description: 'The zone has a vertex on the neighbour’s edge and its corners on another neighbour’s edge: contact, no gap',
    features: [
      zone(P.poly([[0, 0], [100, 0], [100, 50], [60, 50], [0, 50]])),
      nb(P.box(0, 50, 100, 50), 12, 'CX-01'),
      nb(P.box(100, -20, 50, 100), 11, 'HH-04'),
    ],
    results: [],
  }),
  (P) => ({
    check: 'gap',
    name: 'gap-wider-than-tolerance',
    description: 'The neighbour above is 2 m away, wider than the 1 m tolerance: land between them, not a slip',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(0, 52, 100, 50), 12, 'CX-01')],
    results: [],
  }),
  (P) => ({
    check: 'gap',
    name: 'gap-tapering-to-50cm',
    description: 'The zone’s right edge leans 0.5 m off its neighbour’s over 50 m: a wedge of ½ × 0.5 × 50 = 12.5 m²',
    features: [zone(P.poly([[0, 0], [100, 0], [99.5, 50], [0, 50]])), nb(P.box(100, 0, 60, 50), 11, 'HH-04')],
    results: [{ id: 'gap', severity: 'warning', code: 'gap', area_m2: 12.5, other_feature_id: 11, evidence_point: pt(P, [99.5, 50]) }],
  }),
  (P) => ({
    check: 'gap',
    name: 'gaps-along-two-neighbours',
    description: 'Two neighbours above, each 50 m wide and 0.40 m off the zone: two gaps of 0.40 × 50 = 20 m²',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(0, 50.4, 50, 50), 12, 'CX-01'), nb(P.box(50, 50.4, 50, 50), 14, 'CX-03')],
    results: [
      { id: 'gap', severity: 'warning', code: 'gap', area_m2: 20, other_feature_id: 12 },
      { id: 'gap', severity: 'warning', code: 'gap', area_m2: 20, other_feature_id: 14 },
    ],
  }),
  (P) => ({
    check: 'gap',
    name: 'gap-with-tolerance-param',
    description: 'A 0.30 m gap under a 0.25 m gap tolerance is land between the zones, not a slip',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.box(0, 50.3, 100, 50), 12, 'CX-01')],
    params: { gap_tolerance_m: 0.25 },
    results: [],
  }),

  // sliver
  (P) => ({
    check: 'sliver',
    name: 'sliver-part-50cm',
    description: 'The zone’s second part is a strip 30 m long and 0.50 m wide: a sliver of 15 m²',
    features: [zone(P.multi([rect(0, 0, 60, 40)], [rect(0, 45, 30, 0.5)]))],
    results: [{ id: 'sliver', severity: 'warning', code: 'sliver_part', area_m2: 15 }],
  }),
  (P) => ({
    check: 'sliver',
    name: 'sliver-left-by-overlap',
    description: 'A 20 m wide zone overlaps its neighbour by 19.6 m: 980 m² overlap and a 0.40 m × 50 m = 20 m² sliver left',
    features: [zone(P.box(0, 0, 20, 50)), nb(P.box(0.4, 0, 60, 50), 11, 'HH-04')],
    results: [
      { id: 'overlap', severity: 'error', code: 'overlap', area_m2: 980, other_feature_id: 11 },
      { id: 'sliver', severity: 'warning', code: 'sliver_after_overlap', area_m2: 20 },
    ],
  }),
  (P) => ({
    check: 'sliver',
    name: 'multipolygon-parts',
    description: 'The zone has two solid 40 m × 30 m parts on either side of a neighbour it touches',
    features: [zone(P.multi([rect(0, 0, 40, 30)], [rect(60, 0, 40, 30)])), nb(P.box(40, 0, 20, 30), 11, 'CX-01')],
    results: [],
  }),

  // outside_plan
  (P) => ({
    check: 'outside_plan',
    name: 'outside-plan-boundary',
    description: 'A 40 m × 30 m zone is drawn 50 m beyond the plan boundary: all 1,200 m² outside',
    features: [zone(P.box(250, 0, 40, 30))],
    boundary: P.box(0, 0, 200, 200),
    results: [{ id: 'outside_plan', severity: 'error', code: 'entirely_outside_plan', area_m2: 1200 }],
  }),
  (P) => ({
    check: 'outside_plan',
    name: 'partly-outside-boundary',
    description: 'A 60 m × 30 m zone reaches 10 m beyond the plan boundary: 10 × 30 = 300 m² outside',
    features: [zone(P.box(150, 0, 60, 30))],
    boundary: P.box(0, 0, 200, 200),
    results: [{ id: 'outside_plan', severity: 'error', code: 'outside_plan', area_m2: 300, evidence_point: pt(P, [210, 30]) }],
  }),
  (P) => ({
    check: 'outside_plan',
    name: 'zone-on-plan-boundary-edge',
    description: 'The zone lies in the plan’s corner, sharing two of its edges with the boundary',
    features: [zone(P.box(100, 0, 100, 50))],
    boundary: P.box(0, 0, 200, 200),
    results: [],
  }),
  (P) => ({
    check: 'outside_plan',
    name: 'constraint-outside-plan',
    description: 'A 100 m × 40 m river corridor reaches past the plan’s corner: 50 × 40 + 50 × 20 = 3,000 m² outside',
    features: [constraint(P.box(150, -20, 100, 40))],
    boundary: P.box(0, 0, 200, 200),
    results: [{ id: 'outside_plan', severity: 'error', code: 'outside_plan', area_m2: 3000 }],
  }),
  (P) => ({
    check: 'outside_plan',
    name: 'no-plan-boundary',
    description: 'The plan has no boundary on record, so nothing is outside it',
    features: [zone(P.box(250, 0, 40, 30))],
    boundary: null,
    results: [],
  }),

  // indicators
  (P) => ({
    check: 'indicators',
    name: 'far-above-coverage-times-floors',
    description: 'FAR 3.5 exceeds 60 % × 5 storeys ÷ 100 = 3.0',
    features: [zone(P.box(0, 0, 100, 50), { max_far: 3.5 })],
    results: [{ id: 'indicators', severity: 'error', code: 'far_above_coverage_times_floors', field: 'max_far' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'far-equal-limit',
    description: 'FAR 3.0 equals 60 % × 5 storeys ÷ 100 exactly',
    features: [zone(P.box(0, 0, 100, 50), { max_far: 3 })],
    results: [],
  }),
  (P) => ({
    check: 'indicators',
    name: 'coverage-over-100',
    description: 'The maximum coverage is entered as 110 %',
    features: [zone(P.box(0, 0, 100, 50), { max_coverage_pct: 110 })],
    results: [{ id: 'indicators', severity: 'error', code: 'out_of_range', field: 'max_coverage_pct' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'fractional-floors',
    description: 'The maximum storeys are entered as 4.5',
    features: [zone(P.box(0, 0, 100, 50), { max_floors: 4.5 })],
    results: [{ id: 'indicators', severity: 'error', code: 'out_of_range', field: 'max_floors' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'missing-lot-code',
    description: 'A new zone is drawn without a lot code',
    features: [zone(P.box(0, 0, 100, 50), { lot_code: '' }, null)],
    results: [{ id: 'indicators', severity: 'error', code: 'lot_code_missing', field: 'lot_code' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'height-too-low-for-floors',
    description: 'A 20 m height limit cannot hold 9 storeys of 2.5 m (22.5 m)',
    features: [zone(P.box(0, 0, 100, 50), { max_floors: 9, max_height_m: 20 })],
    results: [{ id: 'indicators', severity: 'warning', code: 'height_too_low_for_floors', field: 'max_height_m' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'constraint-no-value',
    description: 'A river corridor with a setback rule has no setback distance',
    features: [constraint(P.box(0, 0, 100, 30), { value: null })],
    results: [{ id: 'indicators', severity: 'error', code: 'value_required', field: 'value' }],
  }),
  (P) => ({
    check: 'indicators',
    name: 'constraint-bad-tolerance',
    description: 'A heritage no-build area has an overlap tolerance of 12 m (at most 10 m)',
    features: [constraint(P.box(0, 0, 60, 60), { kind: 'heritage', rule: 'no_build', value: null, tolerance_m: 12, name: 'Đình Bình Thủy' })],
    results: [{ id: 'indicators', severity: 'error', code: 'out_of_range', field: 'tolerance_m' }],
  }),

  // land_use_code
  (P) => ({
    check: 'land_use_code',
    name: 'unknown-land-use-code',
    description: 'The zone’s land-use code XYZ is not in the plan legend',
    features: [zone(P.box(0, 0, 100, 50), { land_use_code: 'XYZ' })],
    results: [{ id: 'land_use_code', severity: 'error', code: 'unknown_land_use_code', field: 'land_use_code' }],
  }),

  // Added after the first set (appended, so that no case moves on the grid).
  (P) => ({
    check: 'gap',
    name: 'gap-turning-corner',
    description: 'An L-shaped neighbour wraps the zone’s top-right corner 0.30 m off: 0.30 × 100 + 0.30 × 50 + 0.30 × 0.30 = 45.09 m²',
    features: [zone(P.box(0, 0, 100, 50)), nb(P.poly([[0, 50.3], [100.3, 50.3], [100.3, 0], [150, 0], [150, 100], [0, 100]]), 11, 'CX-04')],
    results: [{ id: 'gap', severity: 'warning', code: 'gap', area_m2: 45.09, other_feature_id: 11, evidence_point: pt(P, [100.3, 50.3]) }],
  }),
  (P) => ({
    check: 'gap',
    name: 'neighbour-in-hole-with-gap-20cm',
    description: 'The neighbour in the zone’s 40 m × 40 m hole stops 0.20 m short on every side: 40² − 39.6² = 31.84 m²',
    features: [zone(P.poly(rect(0, 0, 100, 80), rect(30, 20, 40, 40))), nb(P.box(30.2, 20.2, 39.6, 39.6), 11, 'CX-02')],
    results: [{ id: 'gap', severity: 'warning', code: 'gap', area_m2: 31.84, other_feature_id: 11, evidence_point: pt(P, [30, 20]) }],
  }),
  (P) => ({
    check: 'gap',
    name: 'gap-rings-drawn-clockwise',
    description: 'The zone is drawn clockwise and its neighbour counter-clockwise, 0.30 m apart: the same 30 m² gap',
    features: [zone(P.poly([...rect(0, 0, 100, 50)].reverse())), nb(P.box(0, 50.3, 100, 50), 12, 'CX-01')],
    results: [{ id: 'gap', severity: 'warning', code: 'gap', area_m2: 30, other_feature_id: 12 }],
  }),
];

/** The case origin for the n-th case: a 600 m grid north of the compliance cases. */
export const zoningPlane = (n: number): Plane => new Plane(576_000 + (n % 10) * 600, 1_113_000 + Math.floor(n / 10) * 600);

export function zoningCases(): (FeatureCollection & { properties: object; check: string; name: string })[] {
  const codes = landUseCodesByScheme('plan_symbol').map((c) => c.code);
  return DEFS.map((def, i) => {
    const P = zoningPlane(i);
    const s = def(P);
    const b = s.boundary === undefined ? P.box(-200, -200, 600, 600) : s.boundary;
    return {
      type: 'FeatureCollection',
      check: s.check,
      name: s.name,
      properties: {
        description: s.description,
        land_use_codes: codes,
        ...(s.params ? { params: s.params } : {}),
        expected: { blocking: s.results.some((r) => r.severity === 'error'), results: s.results },
      },
      features: [...s.features, ...(b ? [boundary(b)] : [])],
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seen = new Set<string>();
  for (const c of zoningCases()) {
    const { check, name, ...fc } = c;
    if (seen.has(name)) throw new Error(`duplicate case ${name}`);
    seen.add(name);
    writeJson(path.join(ZONING_DIR, check, 'in', `${name}.geojson`), fc);
  }
  console.log(`wrote ${seen.size} cases under ${path.relative(process.cwd(), ZONING_DIR)}`);
}
