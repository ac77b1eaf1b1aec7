// Checks the demo plan's geometry in EPSG:5897 with an independent implementation: validity, containment, overlaps, areas.
import { expect } from 'chai';
import { area as geodesicArea } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { DemoPlan } from '../../../geodata/demo-plan/generate-demo-plan.ts';
import { planarAreaM2 } from '../../../geodata/demo-plan/geo-convert.ts';
import { demoPlan } from './demo-plan-fixture.ts';
import {
  EdgeBands, type Box, type PPoly, type XY, areaOf, boxOf, boxesOverlap, multiPolygonProblems, overlapArea, pointIn, project, projectMulti, shoelace,
} from './planar-test-geometry.ts';

interface Item {
  id: string;
  polys: PPoly[];
  box: Box;
  vertices: number;
}

const item = (id: string, g: MultiPolygon): Item => {
  const polys = projectMulti(g);
  return { id, polys, box: boxOf(polys), vertices: polys.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0) };
};

/** Candidate pairs by a 500 m grid over bounding boxes. */
function pairs(a: Item[], b: Item[], visit: (x: Item, y: Item) => void, same = false): void {
  const cell = 500;
  const grid = new Map<string, Item[]>();
  for (const y of b) {
    for (let i = Math.floor(y.box.x0 / cell); i <= Math.floor(y.box.x1 / cell); i++) {
      for (let j = Math.floor(y.box.y0 / cell); j <= Math.floor(y.box.y1 / cell); j++) grid.set(`${i},${j}`, [...(grid.get(`${i},${j}`) ?? []), y]);
    }
  }
  for (const x of a) {
    const seen = new Set<Item>();
    for (let i = Math.floor(x.box.x0 / cell); i <= Math.floor(x.box.x1 / cell); i++) {
      for (let j = Math.floor(x.box.y0 / cell); j <= Math.floor(x.box.y1 / cell); j++) {
        for (const y of grid.get(`${i},${j}`) ?? []) {
          if (seen.has(y) || y === x || (same && y.id <= x.id) || !boxesOverlap(x.box, y.box)) continue;
          seen.add(y);
          visit(x, y);
        }
      }
    }
  }
}

/** Exact overlap area; the side with fewer vertices is triangulated. */
function overlap(x: Item, y: Item): number {
  const [small, large] = x.vertices <= y.vertices ? [x, y] : [y, x];
  const a = overlapArea(large.polys, small.polys) ?? overlapArea(small.polys, large.polys);
  if (a === null) throw new Error(`${x.id} and ${y.id} both have holes`);
  return a;
}

describe('demo plan: geometry in EPSG:5897', function () {
  this.timeout(120_000);
  let plan: DemoPlan;
  let zones: Item[];
  let parcels: Item[];
  let boundary: PPoly[];
  before(() => {
    plan = demoPlan().plan;
    zones = plan.zones.map((z) => item(z.lot_code, z.geometry));
    parcels = plan.parcels.map((p) => item(`${p.sheet_no}/${p.parcel_no}`, p.geometry));
    boundary = projectMulti(plan.plan.boundary);
  });

  it('writes only valid MultiPolygons: closed rings, RFC 7946 winding, no self-intersection', () => {
    const all: [string, MultiPolygon][] = [
      ['plan boundary', plan.plan.boundary],
      ...plan.zones.map((z) => [`zone ${z.lot_code}`, z.geometry] as [string, MultiPolygon]),
      ...plan.constraints.map((c) => [`constraint ${c.ref}`, c.geometry] as [string, MultiPolygon]),
      ...plan.parcels.map((p) => [`parcel ${p.sheet_no}/${p.parcel_no}`, p.geometry] as [string, MultiPolygon]),
      ...plan.permits.flatMap((p) => [[`site ${p.number}`, p.site], [`footprint ${p.number}`, p.footprint]] as [string, MultiPolygon][]),
    ];
    const bad = all.map(([name, g]) => [name, multiPolygonProblems(g)] as const).filter(([, problems]) => problems.length > 0);
    expect(bad.slice(0, 5), `${bad.length} invalid geometries`).to.deep.equal([]);
  });

  it('writes coordinates with at most 7 decimals', () => {
    const decimals = (x: number) => (String(x).split('.')[1] ?? '').length;
    for (const z of plan.zones.slice(0, 300)) for (const p of z.geometry.coordinates) for (const r of p) for (const c of r) {
      expect(decimals(c[0])).to.be.at.most(7);
      expect(decimals(c[1])).to.be.at.most(7);
    }
  });

  it('keeps zones and parcels inside the plan boundary (vertices inside or within 5 cm of it)', () => {
    const bands = new EdgeBands(boundary);
    const outside: string[] = [];
    for (const it of [...zones, ...parcels]) {
      for (const p of it.polys) for (const [x, y] of p[0]) {
        if (!bands.contains([x, y]) && bands.distance([x, y]) > 0.05) {
          outside.push(it.id);
          break;
        }
      }
    }
    expect(outside.slice(0, 10), `${outside.length} outside`).to.deep.equal([]);
  });

  it('has no two zones overlapping by more than 0.5 m²', () => {
    const bad: string[] = [];
    let pairsChecked = 0;
    pairs(zones, zones, (x, y) => {
      pairsChecked++;
      const a = overlap(x, y);
      if (a > 0.5) bad.push(`${x.id} × ${y.id}: ${a.toFixed(2)} m²`);
    }, true);
    expect(bad.slice(0, 10), `${bad.length} overlapping pairs`).to.deep.equal([]);
    expect(pairsChecked).to.be.above(plan.zones.length);
  });

  it('keeps zones off the road reserves (red lines)', () => {
    const reserves = plan.constraints
      .filter((c) => c.kind === 'red_line')
      .flatMap((c) => c.geometry.coordinates.map((p, i) => item(`${c.ref}.${i}`, { type: 'MultiPolygon', coordinates: [p] })));
    const bad: string[] = [];
    pairs(zones, reserves, (z, r) => {
      const a = overlap(z, r);
      if (a > 0.5) bad.push(`${z.id} × ${r.id}: ${a.toFixed(2)} m²`);
    });
    expect(bad.slice(0, 10), `${bad.length} zones on a road reserve`).to.deep.equal([]);
  });

  it('puts every parcel inside a zone (at least 99.9 % of its area, in at most 3 zones)', () => {
    const bad: string[] = [];
    const shares = new Map<Item, { total: number; zones: number }>();
    pairs(parcels, zones, (p, z) => {
      const a = overlap(z, p);
      const s = shares.get(p) ?? { total: 0, zones: 0 };
      if (a > 0.5) s.zones++;
      s.total += a;
      shares.set(p, s);
    });
    for (const p of parcels) {
      const s = shares.get(p) ?? { total: 0, zones: 0 };
      const area = areaOf(p.polys);
      if (s.total < 0.999 * area || s.zones < 1 || s.zones > 3) bad.push(`${p.id}: ${s.total.toFixed(1)} of ${area.toFixed(1)} m² in ${s.zones} zones`);
    }
    expect(bad.slice(0, 10), `${bad.length} parcels outside zones`).to.deep.equal([]);
  });

  it('records legal areas equal to the planar area to 0.1 m², a few (≤ 5 %) off by at most 2 %', () => {
    let off = 0;
    for (const [i, p] of plan.parcels.entries()) {
      const area = areaOf(parcels[i].polys);
      const diff = Math.abs(p.legal_area_m2 - area);
      if (diff > 0.06) {
        off++;
        expect(diff / area, `${p.sheet_no}/${p.parcel_no}`).to.be.at.most(0.02);
      }
    }
    expect(off).to.be.above(0);
    expect(off).to.be.below(0.05 * plan.parcels.length);
  });

  it('has lot sizes of 60–400 m² for housing parcels with street frontage', () => {
    const housing = plan.parcels.filter((p) => p.land_law_code === 'ODT' && !p.address.includes('/'));
    const areas = housing.map((p) => p.legal_area_m2).sort((a, b) => a - b);
    expect(areas.length).to.be.above(1000);
    expect(areas[Math.floor(areas.length * 0.02)]).to.be.at.least(55);
    expect(areas[Math.floor(areas.length * 0.98)]).to.be.at.most(1500);
    const median = areas[Math.floor(areas.length / 2)];
    expect(median).to.be.within(60, 400);
  });

  it('measures zone areas in the TM-3 plane plausibly; one zone checked by an independent shoelace', () => {
    const total = plan.zones.filter((z) => z.land_use_code !== 'MN').reduce((s, z) => s + planarAreaM2(z.geometry), 0);
    // Seven wards cover 125 km²; the river water and the road reserves are not zones.
    expect(total / 1e6).to.be.within(60, 110);
    const z = plan.zones.find((x) => x.land_use_code === 'TH') ?? plan.zones[0];
    const ring = z.geometry.coordinates[0][0].slice(0, -1).map((c) => project(c) as XY);
    const independent = Math.abs(shoelace(ring));
    expect(planarAreaM2(z.geometry)).to.be.closeTo(independent, 0.01);
    expect(independent).to.be.within(2000, 40000);
    // Turf's area is spherical (R = 6,371,008.8 m). At 10° N the ellipsoid's M·N/R² is 0.99593 and the
    // TM-3 scale 0.785° off its central meridian gives k² = 0.99998, so planar/spherical ≈ 0.9959.
    expect(independent / geodesicArea(z.geometry)).to.be.closeTo(0.9959, 3e-4);
  });

  it('places each permit footprint inside its site', () => {
    for (const p of plan.permits) {
      const site = projectMulti(p.site);
      for (const poly of projectMulti(p.footprint)) for (const v of poly[0]) expect(pointIn(v, site), p.number).to.equal(true);
      expect(areaOf(projectMulti(p.footprint)), p.number).to.be.below(areaOf(site));
    }
  });
});
