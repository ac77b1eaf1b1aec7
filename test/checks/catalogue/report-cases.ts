// Whole-report golden cases run through runCompliance: compliant, non-compliant and incomplete proposals.
import { Plane, constraint, footprint, parcel, rect, redLine, site, socTrangPlane, zone, type CaseDef } from '../case-builder.ts';
import { splitZones } from './zone-cases.ts';

const SITE = (P: Plane) => site(P.box(0, 0, 20, 30));
const ZONE = (P: Plane, p: object = {}) => zone(P.box(-100, -100, 300, 300), p);
const ROAD = (P: Plane, d: number) => redLine(P.box(-100, -25, 300, 25 + d));

export const REPORT_CASES: CaseDef[] = [
  (P) => ({
    kind: 'report',
    name: 'compliant-townhouse',
    description: 'A four-storey house on its parcel behind a 2 m road-widening take, 3 m back from the red line.',
    proposal: { gfa_m2: 1000 },
    expected: {
      status: 'compliant',
      report_status: 'compliant',
      computed: { site_area_m2: 600, footprint_area_m2: 280, red_line_take_m2: 40, net_site_area_m2: 560, max_gfa_m2: 1680, coverage_pct: 50, red_line_distance_m: 3 },
    },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), parcel(P.box(0, 0, 20, 30)), ZONE(P), ROAD(P, 2)],
  }),
  (P) => ({
    kind: 'report',
    name: 'non-compliant-several-breaches',
    description: 'Too much coverage, over the red line and into a heritage area: non-compliant.',
    proposal: { gfa_m2: 2000, floors: 6, height_m: 24 },
    expected: { status: 'non_compliant', report_status: 'non_compliant', computed: { site_area_m2: 600, footprint_area_m2: 450, red_line_take_m2: 40 } },
    features: [
      SITE(P),
      footprint(P.box(1, 1, 18, 25)),
      ZONE(P),
      ROAD(P, 2),
      constraint(P.box(15, 20, 30, 30), { id: 201, kind: 'heritage', rule: 'no_build', value: null, name: 'Đình Bình Thủy' }),
    ],
  }),
  (P) => ({
    kind: 'report',
    name: 'incomplete-no-zone',
    description: 'Nothing is breached, but no zone covers the site: the assessment is incomplete.',
    expected: { status: 'incomplete', report_status: 'incomplete', computed: { site_area_m2: 600 } },
    features: [SITE(P), footprint(P.box(3, 5, 14, 20)), ROAD(P, 0)],
  }),
  (P) => ({
    kind: 'report',
    name: 'non-compliant-without-zone',
    description: 'No zone covers the site, but the footprint crosses the red line: a breach is certain, so non-compliant.',
    expected: { status: 'non_compliant', report_status: 'non_compliant' },
    features: [SITE(P), footprint(P.box(3, 1, 14, 20)), ROAD(P, 2)],
  }),
  (P) => ({
    kind: 'report',
    name: 'incomplete-bow-tie-footprint',
    description: 'A self-crossing footprint cannot be measured: every other check is skipped.',
    expected: { status: 'incomplete', report_status: 'incomplete', evidence_point: P.ll([10, 15]) as [number, number] },
    features: [SITE(P), footprint({ type: 'Polygon', coordinates: [P.ring([[3, 5], [17, 25], [17, 5], [3, 25]])] }), ZONE(P)],
  }),
  (P) => ({
    kind: 'report',
    name: 'multipolygon-site-across-two-zones',
    description: 'A site of two parts on both sides of a zone boundary (600 + 300 m²): the strictest limits apply (CX-01: 45 %, FAR 1.5, 3 storeys, 12 m), and are met.',
    proposal: { gfa_m2: 1200, floors: 3, height_m: 11 },
    expected: { status: 'compliant', report_status: 'compliant', zone_rule: 'strictest', computed: { site_area_m2: 900, footprint_area_m2: 280 + 120, max_gfa_m2: 1350 } },
    features: [site(P.multi([rect(0, 0, 20, 30)], [rect(30, 0, 10, 30)])), footprint(P.multi([rect(3, 5, 14, 20)], [rect(32, 5, 6, 20)])), ...splitZones(P, 25, {}, { max_coverage_pct: 45 })],
  }),
  () => {
    const P = socTrangPlane();
    return {
      kind: 'report',
      name: 'parcel-in-105-30-zone',
      description: 'A compliant lot near Sóc Trăng, measured in EPSG:9209 (105°30′).',
      expected: { status: 'compliant', report_status: 'compliant', crs: 'EPSG:9209', computed: { site_area_m2: 600, red_line_take_m2: 40, net_site_area_m2: 560 } },
      features: [
        SITE(P),
        footprint(P.box(3, 5, 14, 20)),
        parcel(P.box(0, 0, 20, 30), 'ST-T4/112'),
        ZONE(P, { lot_code: 'ST-HH-01', citation: 'Điều 8, Quy định quản lý theo đồ án QHPK phường Sóc Trăng (demo)' }),
        redLine(P.box(-100, -25, 300, 27), { name: 'Quốc lộ 1A', citation: null }),
      ],
    };
  },
];
