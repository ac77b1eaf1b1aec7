// Golden cases for setback, red_line and constraints: touching, slivers, takes and the 105°30′ zone.
import { Plane, constraint, footprint, redLine, site, socTrangPlane, zone, type CaseDef } from '../case-builder.ts';

const SITE = (P: Plane) => site(P.box(0, 0, 20, 30));
const ZONE = (P: Plane, p: object = {}) => zone(P.box(-100, -100, 300, 300), p);
/** The road south of the site, its red line at y = d (d > 0 takes a strip of the site). */
const ROAD = (P: Plane, d: number, p: object = {}) => redLine(P.box(-100, -25, 300, 25 + d), p);

export const RED_LINE_CASES: CaseDef[] = [
  (P) => ({
    kind: 'setback',
    name: 'footprint-3m-from-red-line',
    description: 'The footprint stands exactly 3.00 m behind the red line; 3 m are required.',
    expected: { status: 'pass', measured: 3 },
    features: [SITE(P), footprint(P.box(3, 3, 14, 20)), ZONE(P), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'setback',
    name: 'setback-too-small',
    description: 'The footprint stands 2.00 m behind the red line; 3 m are required.',
    expected: { status: 'fail', measured: 2 },
    features: [SITE(P), footprint(P.box(3, 2, 14, 20)), ZONE(P), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'setback',
    name: 'footprint-on-red-line',
    description: 'The footprint is built right on the red line: 0 m where 3 m are required.',
    expected: { status: 'fail', measured: 0 },
    features: [SITE(P), footprint(P.box(3, 0, 14, 20)), ZONE(P), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'setback',
    name: 'red-line-own-setback-larger',
    description: 'The red line carries its own 6 m setback (larger than the zone’s 3 m); the footprint is 4 m behind it.',
    expected: { status: 'fail', measured: 4 },
    features: [SITE(P), footprint(P.box(3, 4, 14, 20)), ZONE(P), ROAD(P, 0, { rule: 'setback_m', value: 6 })],
  }),
  (P) => ({
    kind: 'setback',
    name: 'setback-to-diagonal-red-line',
    description: 'A diagonal road (red line x + y = −10 m): the nearest footprint corner (3, 5) is 18/√2 = 12.728 m away.',
    expected: { status: 'pass', measured: 18 / Math.SQRT2 },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P), redLine(P.poly([[-60, 50], [-75, 35], [35, -75], [50, -60]]))],
  }),
  (P) => ({
    kind: 'setback',
    name: 'setback-not-required',
    description: 'Neither the zone nor the red line requires a setback: the 5 m distance is reported only.',
    expected: { status: 'not_applicable', measured: 5 },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P, { min_setback_m: null }), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'setback',
    name: 'no-red-line-nearby',
    description: 'No red line in the context.',
    expected: { status: 'not_applicable', measured: null },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'footprint-touches-red-line',
    description: 'The footprint’s south edge lies on the red line: touching is not crossing.',
    expected: { status: 'pass', measured: 0 },
    features: [SITE(P), footprint(P.box(3, 0, 14, 20)), ZONE(P), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'footprint-crosses-red-line',
    description: 'The red line runs 2 m inside the site; the footprint starts 1 m inside: 1 m × 14 m = 14 m² beyond the line.',
    expected: { status: 'fail', measured: 14, computed: { red_line_take_m2: 40, net_site_area_m2: 560 } },
    features: [SITE(P), footprint(P.box(3, 1, 14, 20)), ZONE(P), ROAD(P, 2)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'sliver-overlap-under-tolerance',
    description: 'The footprint reaches 5 cm beyond the red line along 14 m (0.7 m²): narrower than the 10 cm tolerance.',
    expected: { status: 'pass', measured: 0 },
    features: [SITE(P), footprint(P.box(3, 0, 14, 20)), ZONE(P), ROAD(P, 0.05)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'overlap-just-over-tolerance',
    description: 'The footprint reaches 15 cm beyond the red line along 14 m: 2.1 m², wider than the tolerance.',
    expected: { status: 'fail', measured: 2.1 },
    features: [SITE(P), footprint(P.box(3, 0, 14, 20)), ZONE(P), ROAD(P, 0.15)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'site-taken-by-road-widening',
    description: 'The red line runs 2 m inside the site: 40 m² are taken for the road, 560 m² remain; the footprint is behind the line.',
    expected: { status: 'pass', measured: 0, computed: { red_line_take_m2: 40, net_site_area_m2: 560, site_area_m2: 600 } },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P), ROAD(P, 2)],
  }),
  (P) => ({
    kind: 'red_line',
    name: 'two-red-lines-at-a-corner',
    description: 'A corner lot: 2 m taken along the south road and 2 m along the west road; the 2 × 2 m corner is counted once (96 m²).',
    expected: { status: 'pass', measured: 0, computed: { red_line_take_m2: 96, net_site_area_m2: 504 } },
    features: [
      SITE(P),
      footprint(P.box(5, 5, 12, 20)),
      ZONE(P),
      ROAD(P, 2),
      redLine(P.box(-25, -100, 27, 300), { id: 102, name: 'Đường Trần Hưng Đạo' }),
    ],
  }),
  () => {
    const P = socTrangPlane();
    return {
      kind: 'red_line',
      name: 'parcel-in-105-30-zone',
      description: 'A lot near Sóc Trăng (105.97° E), measured in VN-2000 / TM-3 105°30′ (EPSG:9209); the red line takes 40 m².',
      expected: { status: 'pass', measured: 0, crs: 'EPSG:9209', computed: { red_line_take_m2: 40, site_area_m2: 600 } },
      features: [
        SITE(P),
        footprint(P.box(3, 5, 14, 20)),
        ZONE(P, { lot_code: 'ST-HH-01', citation: 'Điều 8, Quy định quản lý theo đồ án QHPK phường Sóc Trăng (demo)' }),
        ROAD(P, 2, { name: 'Quốc lộ 1A', citation: null }),
      ],
    };
  },
  (P) => ({
    kind: 'red_line',
    name: 'no-red-line-near-site',
    description: 'No red line in the context: the whole site is buildable.',
    expected: { status: 'not_applicable', measured: 0 },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P)],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'heritage-area-overlap',
    description: 'The footprint overlaps a heritage protection area by 7 m × 10 m = 70 m².',
    expected: { status: 'fail', measured: 1 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(10, 15, 30, 30), { id: 201, kind: 'heritage', rule: 'no_build', value: null, name: 'Đình Bình Thủy', citation: 'Khu vực bảo vệ II (demo)' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'flood-area-touching-footprint',
    description: 'A no-build flood area starts exactly at the footprint’s east edge: touching, not overlapping.',
    expected: { status: 'pass', measured: 0 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(17, 5, 20, 20), { id: 202, kind: 'flood', rule: 'no_build', value: null, name: 'Vùng trũng rạch Cái Khế' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'river-corridor-setback-breach',
    description: 'A river corridor requires 20 m; the footprint’s east edge is 15 m from it.',
    expected: { status: 'fail', measured: 1 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(32, -100, 50, 300), { id: 203, kind: 'river_corridor', rule: 'setback_m', value: 20, name: 'Sông Cần Thơ', citation: 'Hành lang bảo vệ bờ sông (demo)' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'height-limit-area-exceeded',
    description: 'The site lies in a 12 m height-limit area; the building is 15 m high.',
    expected: { status: 'fail', measured: 1 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(-50, -50, 200, 200), { id: 204, kind: 'height_limit', rule: 'max_height_m', value: 12, name: 'Tĩnh không sân bay (demo)' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'height-limit-area-respected',
    description: 'The same 12 m height-limit area; the building is 10 m high.',
    proposal: { height_m: 10, floors: 3 },
    expected: { status: 'pass', measured: 0 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(-50, -50, 200, 200), { id: 204, kind: 'height_limit', rule: 'max_height_m', value: 12, name: 'Tĩnh không sân bay (demo)' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'sliver-overlap-with-no-build-area',
    description: 'The footprint overlaps a heritage area by a 5 cm × 20 m sliver: within the 10 cm tolerance.',
    expected: { status: 'pass', measured: 0 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(16.95, 0, 30, 40), { id: 205, kind: 'heritage', rule: 'no_build', value: null, name: 'Chùa Ông' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'corner-intrusion-over-tolerance',
    description: 'A footprint corner reaches 0.5 m × 0.5 m (0.25 m²) into a no-build area: small but wider than the tolerance.',
    expected: { status: 'fail', measured: 1 },
    features: [
      SITE(P),
      footprint(P.box(3, 5, 14, 20)),
      ZONE(P),
      constraint(P.box(16.5, 24.5, 30, 30), { id: 206, kind: 'heritage', rule: 'no_build', value: null, name: 'Chùa Ông' }),
    ],
  }),
  (P) => ({
    kind: 'constraints',
    name: 'no-constraints',
    description: 'No constraint area near the site (a red line is not one: red_line checks it).',
    expected: { status: 'not_applicable', measured: 0 },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ZONE(P), ROAD(P, 0)],
  }),
];
