// Golden cases for zone_found and land_use, including sites across several zones.
import { Plane, footprint, site, zone, type CaseDef } from '../case-builder.ts';

const SITE = (P: Plane) => site(P.box(0, 0, 20, 30));
const FOOTPRINT = (P: Plane) => footprint(P.box(3, 5, 14, 20));
/** Zone A west of x = split, zone B east of it (the site spans x = 0…20). */
const split = (P: Plane, x: number, a: object = {}, b: object = {}) => [
  zone(P.box(-100, -100, 100 + x, 300), a),
  zone(P.box(x, -100, 200 - x, 300), {
    id: 2,
    lot_code: 'CX-01',
    land_use_code: 'CX',
    max_coverage_pct: 40,
    max_far: 1.5,
    max_floors: 3,
    max_height_m: 12,
    min_setback_m: 6,
    permitted_uses: ['ODT'],
    citation: 'Điều 15, Quy định quản lý theo đồ án QHPK Ninh Kiều (demo)',
    ...b,
  }),
];

export const ZONE_CASES: CaseDef[] = [
  (P) => ({
    kind: 'zone_found',
    name: 'site-in-one-zone',
    description: 'The site lies wholly in zone HH-03.',
    expected: { status: 'pass', measured: 100, zone_rule: 'single' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 300, 300))],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'no-zone-found',
    description: 'The only zone nearby lies 480 m away.',
    expected: { status: 'fail', measured: 0, zone_rule: 'none' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(500, 500, 100, 100))],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'site-across-two-zones-strictest-rule',
    description: 'The zone boundary runs at x = 12 m: HH-03 holds 60 % of the site, CX-01 40 %; the strictest limits apply.',
    expected: { status: 'pass', measured: 100, zone_rule: 'strictest' },
    features: [SITE(P), FOOTPRINT(P), ...split(P, 12)],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'site-95-percent-in-one-zone',
    description: 'The zone boundary runs at x = 19.2 m: HH-03 holds 96 % of the site and governs alone.',
    expected: { status: 'pass', measured: 100, zone_rule: 'dominant' },
    features: [SITE(P), footprint(P.box(3, 5, 12, 20)), ...split(P, 19.2)],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'site-exactly-95-percent-in-one-zone',
    description: 'The boundary at x = 19 m gives HH-03 exactly 95 %: the dominance share is inclusive.',
    expected: { status: 'pass', measured: 100, zone_rule: 'dominant' },
    features: [SITE(P), footprint(P.box(3, 5, 12, 20)), ...split(P, 19)],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'site-partly-outside-zones',
    description: 'The only zone ends at x = 15 m: a quarter of the site (150 m²) lies in no zone.',
    expected: { status: 'warn', measured: 75, zone_rule: 'single' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 115, 300))],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'zone-touching-site-edge',
    description: 'Zone CX-01 starts exactly at the east edge of the site: touching is not taking part.',
    expected: { status: 'pass', measured: 100, zone_rule: 'single' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 120, 300)), split(P, 20)[1]],
  }),
  (P) => ({
    kind: 'zone_found',
    name: 'zone-sliver-under-tolerance',
    description: 'Zone CX-01 shaves 5 cm off the east edge of the site: a digitising sliver, ignored.',
    expected: { status: 'pass', zone_rule: 'single' },
    features: [SITE(P), FOOTPRINT(P), ...split(P, 19.95)],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'use-permitted',
    description: 'Urban housing (ODT) in the mixed-use zone HH-03, which permits ODT and TMD.',
    expected: { status: 'pass' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 300, 300))],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'use-not-permitted',
    description: 'Commercial services (TMD) in the housing zone NO-02, which permits only ODT.',
    proposal: { use: 'TMD' },
    expected: { status: 'fail' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 300, 300), { lot_code: 'NO-02', land_use_code: 'NO', permitted_uses: ['ODT'] })],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'use-not-permitted-in-second-zone',
    description: 'TMD is permitted in HH-03 (60 %) but not in CX-01 (40 %): under the strictest rule it fails.',
    proposal: { use: 'TMD' },
    expected: { status: 'fail' },
    features: [SITE(P), FOOTPRINT(P), ...split(P, 12)],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'use-permitted-in-dominant-zone',
    description: 'TMD is permitted in HH-03, which holds 96 %: the 4 % in CX-01 does not matter.',
    proposal: { use: 'tmd' },
    expected: { status: 'pass' },
    features: [SITE(P), footprint(P.box(3, 5, 12, 20)), ...split(P, 19.2)],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'zone-lists-no-uses',
    description: 'The zone record has no permitted uses: a warning to check the regulation by hand.',
    expected: { status: 'warn' },
    features: [SITE(P), FOOTPRINT(P), zone(P.box(-100, -100, 300, 300), { permitted_uses: [] })],
  }),
  (P) => ({
    kind: 'land_use',
    name: 'land-use-without-zone',
    description: 'No zone covers the site: the use cannot be checked.',
    expected: { status: 'not_applicable' },
    features: [SITE(P), FOOTPRINT(P)],
  }),
];

export { split as splitZones };
