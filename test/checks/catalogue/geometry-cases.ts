// Golden cases for geometry_valid and within_parcel.
import { Plane, footprint, parcel, rect, site, zone, type CaseDef } from '../case-builder.ts';

const big = (P: Plane) => zone(P.box(-100, -100, 300, 300));

export const GEOMETRY_CASES: CaseDef[] = [
  (P) => ({
    kind: 'geometry_valid',
    name: 'valid-site-and-footprint',
    description: 'A 20 m × 30 m site with a 14 m × 20 m footprint inside it.',
    expected: { status: 'pass', measured: 0 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(3, 5, 14, 20)), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'bow-tie-footprint',
    description: 'The footprint is drawn as a bow-tie: its diagonals cross at (10 m, 15 m).',
    expected: { status: 'fail', measured: 1, evidence_point: P.ll([10, 15]) as [number, number] },
    features: [
      site(P.box(0, 0, 20, 30)),
      footprint({ type: 'Polygon', coordinates: [P.ring([[3, 5], [17, 25], [17, 5], [3, 25]])] }),
      big(P),
    ],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'unclosed-ring',
    description: 'The footprint ring does not repeat its first position at the end.',
    expected: { status: 'fail', measured: 1 },
    features: [site(P.box(0, 0, 20, 30)), footprint({ type: 'Polygon', coordinates: [rect(3, 5, 14, 20).map((p) => P.ll(p))] }), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'ring-with-three-positions',
    description: 'The footprint ring has only three positions (a closed ring needs four).',
    expected: { status: 'fail', measured: 1 },
    features: [site(P.box(0, 0, 20, 30)), footprint({ type: 'Polygon', coordinates: [[P.ll([3, 5]), P.ll([17, 5]), P.ll([3, 5])]] }), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'repeated-consecutive-points',
    description: 'The footprint repeats its second corner (a double click): a warning, measured without the duplicate.',
    expected: { status: 'warn', measured: 1 },
    features: [
      site(P.box(0, 0, 20, 30)),
      footprint({ type: 'Polygon', coordinates: [[P.ll([3, 5]), P.ll([17, 5]), P.ll([17, 5]), P.ll([17, 25]), P.ll([3, 25]), P.ll([3, 5])]] }),
      big(P),
    ],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'vn2000-metres-as-lonlat',
    description: 'The site was sent in VN-2000 / TM-3 metres (E, N) instead of lon/lat.',
    expected: { status: 'fail', measured: 1 },
    features: [
      site({ type: 'Polygon', coordinates: [[...rect(0, 0, 20, 30), [0, 0]].map(([x, y]) => [P.E0 + x, P.N0 + y])] }),
      footprint(P.box(3, 5, 14, 20)),
      big(P),
    ],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'lat-lon-swapped',
    description: 'The site positions are written [lat, lon].',
    expected: { status: 'fail', measured: 1 },
    features: [
      site({ type: 'Polygon', coordinates: [P.ring(rect(0, 0, 20, 30)).map(([lon, lat]) => [lat, lon])] }),
      footprint(P.box(3, 5, 14, 20)),
      big(P),
    ],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'non-finite-coordinate',
    description: 'A footprint position holds null (NaN does not survive JSON).',
    expected: { status: 'fail', measured: 1 },
    features: [
      site(P.box(0, 0, 20, 30)),
      footprint({ type: 'Polygon', coordinates: [[P.ll([3, 5]), P.ll([17, 5]), [null, null], P.ll([3, 25]), P.ll([3, 5])]] }),
      big(P),
    ],
  }),
  () => {
    // Đà Nẵng, 108.2 E: far outside the TM-3 zones of Cần Thơ.
    const ring = [[108.2, 16.05], [108.2002, 16.05], [108.2002, 16.0503], [108.2, 16.0503], [108.2, 16.05]];
    return {
      kind: 'geometry_valid',
      name: 'site-outside-tm3-zone',
      description: 'A site in Đà Nẵng (108.2° E) cannot be measured in the 105°00′ or 105°30′ zone.',
      expected: { status: 'fail', measured: 2 },
      features: [site({ type: 'Polygon', coordinates: [ring] }), footprint({ type: 'Polygon', coordinates: [ring] })],
    };
  },
  (P) => ({
    kind: 'geometry_valid',
    name: 'footprint-outside-site',
    description: 'The footprint reaches 4 m beyond the east edge of the site over 20 m: 80 m² outside.',
    expected: { status: 'fail', measured: 1 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(10, 5, 14, 20)), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'footprint-sharing-site-edges',
    description: 'The footprint fills the south third of the site, on three of its edges: within the site.',
    expected: { status: 'pass', measured: 0 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(0, 0, 20, 10)), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'footprint-sliver-outside-site',
    description: 'The footprint overshoots the east edge by 5 cm (tracing noise), under the 10 cm tolerance.',
    expected: { status: 'pass', measured: 0 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(6.05, 5, 14, 20)), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'hole-outside-shell',
    description: "The site's hole lies outside its outer ring.",
    expected: { status: 'fail', measured: 1 },
    features: [site(P.poly(rect(0, 0, 20, 30), rect(30, 5, 5, 5))), footprint(P.box(3, 5, 14, 20)), big(P)],
  }),
  (P) => ({
    kind: 'geometry_valid',
    name: 'multipolygon-parts-overlap',
    description: 'The two parts of a MultiPolygon site overlap each other.',
    expected: { status: 'fail', measured: 1 },
    features: [site(P.multi([rect(0, 0, 20, 30)], [rect(15, 10, 20, 10)])), footprint(P.box(3, 5, 10, 20)), big(P)],
  }),
  (P) => ({
    kind: 'within_parcel',
    name: 'site-within-parcel',
    description: 'The site is the parcel itself.',
    expected: { status: 'pass', measured: 0 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(3, 5, 14, 20)), parcel(P.box(0, 0, 20, 30)), big(P)],
  }),
  (P) => ({
    kind: 'within_parcel',
    name: 'site-beyond-parcel',
    description: 'The parcel is 18.5 m wide, the site 20 m: a 1.5 m × 30 m strip (45 m²) lies on the neighbour.',
    expected: { status: 'fail', measured: 45 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(3, 5, 14, 20)), parcel(P.box(0, 0, 18.5, 30)), big(P)],
  }),
  (P) => ({
    kind: 'within_parcel',
    name: 'site-sliver-beyond-parcel',
    description: 'The site was traced 5 cm wider than the parcel: a sliver under the 10 cm tolerance.',
    expected: { status: 'pass', measured: 0 },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(3, 5, 14, 20)), parcel(P.box(0, 0, 19.95, 30)), big(P)],
  }),
  (P) => ({
    kind: 'within_parcel',
    name: 'no-parcel-given',
    description: 'A site drawn freely on the map, with no parcel.',
    expected: { status: 'not_applicable', measured: null },
    features: [site(P.box(0, 0, 20, 30)), footprint(P.box(3, 5, 14, 20)), big(P)],
  }),
];
