// Golden cases of the compliance engine (test/checks/<check-id>/{in,out}), plus measurements checked against independent constructions.
import fs from 'node:fs';
import { expect } from 'chai';
import type { Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { toVn2000, vn2000Proj4 } from '../../../geodata/crs.ts';
import { CHECK_IDS, type CheckResult, type ComplianceReport, type Polygonal } from '../../../api/checks/check.types.ts';
import { resolveParams } from '../../../api/checks/check-params.ts';
import { analyseSite } from '../../../api/checks/site-analysis.ts';
import { measurementSrid, planarArea, planarDistance } from '../../../api/checks/planar.ts';
import { CHECKS, runCompliance } from '../../../api/checks/run-compliance.ts';
import { buildOutput, diffJson, listCases, readCase, viaJson, writeJson, type GoldenCase } from '../../checks/golden-io.ts';

const REGEN = process.env.REGEN === '1';
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

function run(c: GoldenCase): CheckResult | ComplianceReport {
  return c.kind === 'report' ? runCompliance(c.proposal, c.context, c.params) : CHECKS[c.kind](c.proposal, c.context, c.params);
}

const VERB: Record<string, string> = { pass: 'passes', fail: 'fails', warn: 'warns', not_applicable: 'does not apply' };
function title(c: GoldenCase): string {
  // Lower-case the first letter unless it starts a code such as HH-03.
  const lower = /^[A-Z](?![A-Z0-9-])/.test(c.description) ? c.description.charAt(0).toLowerCase() + c.description.slice(1) : c.description;
  const when = lower.replace(/\.$/, '');
  if (c.kind === 'report') return `[${c.name}] the report is ${c.expected.report_status} when ${when}`;
  return `[${c.name}] ${c.kind} ${VERB[c.expected.status] ?? c.expected.status} when ${when}`;
}

/** Every position of a geometry (points, lines, polygons, collections). */
function positions(g: Geometry): Position[] {
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  const flat = (x: unknown): Position[] => (typeof (x as number[])[0] === 'number' ? [x as Position] : (x as unknown[]).flatMap(flat));
  return flat(g.coordinates);
}

/** Planar distance in metres (TM-3 105°) from a lon/lat point to the nearest position of a geometry. */
function metresToNearestPosition(p: Position, g: Geometry): number {
  const [x, y] = toVn2000(p, 5897);
  return Math.min(...positions(g).map((q) => Math.hypot(toVn2000(q, 5897)[0] - x, toVn2000(q, 5897)[1] - y)));
}

describe('compliance engine: golden cases', function () {
  const cases = listCases();
  before(() => expect(cases.length, 'golden cases on disk').to.be.at.least(40));

  for (const entry of cases) {
    const c = readCase(entry.kind, entry.name, entry.inPath);
    it(title(c), function () {
      const outcome = run(c);
      const e = c.expected;
      const tol = e.tolerance ?? 0.01;
      const report = c.kind === 'report' ? (outcome as ComplianceReport) : runCompliance(c.proposal, c.context, c.params);
      if (c.kind === 'report') {
        expect(report.status).to.equal(e.report_status);
        expect(report.checks.map((r) => r.id)).to.deep.equal([...CHECK_IDS]);
      } else {
        const r = outcome as CheckResult;
        expect(r.id).to.equal(c.kind);
        expect(r.status, r.message).to.equal(e.status);
        if (e.measured === null) expect(r.measured).to.equal(null);
        else if (e.measured !== undefined) expect(r.measured, r.message).to.be.closeTo(e.measured, tol);
        expect(r.message).to.be.a('string').and.not.empty;
        expect(r.message_vi, 'Vietnamese message with diacritics').to.match(VIETNAMESE);
      }
      for (const [key, value] of Object.entries(e.computed ?? {})) {
        const actual = (report.computed as unknown as Record<string, unknown>)[key];
        if (typeof value === 'number') expect(actual, key).to.be.closeTo(value, tol);
        else expect(actual, key).to.equal(value);
      }
      if (e.crs) expect(report.computed.crs).to.equal(e.crs);
      if (e.zone_rule) expect(report.computed.zone_rule).to.equal(e.zone_rule);
      if (e.evidence_point) {
        const evidence = c.kind === 'report' ? report.checks[0].evidence : (outcome as CheckResult).evidence;
        expect(evidence, 'evidence').to.not.equal(null);
        expect(metresToNearestPosition(e.evidence_point, evidence as Geometry), 'evidence within 1 cm of the expected point').to.be.below(0.01);
      }

      const actual = viaJson(buildOutput(c, outcome));
      if (REGEN || !fs.existsSync(entry.outPath)) {
        if (!REGEN) throw new Error(`${entry.outPath} is missing: run with REGEN=1 to write it`);
        writeJson(entry.outPath, actual);
        return;
      }
      const expected = JSON.parse(fs.readFileSync(entry.outPath, 'utf8')) as unknown;
      const diffs = diffJson(actual, expected);
      expect(diffs, `differs from ${entry.outPath} (REGEN=1 rewrites it):\n${diffs.slice(0, 10).join('\n')}`).to.deep.equal([]);
    });
  }
});

describe('compliance engine: measurements against independent constructions', function () {
  // Built with proj4 directly (not the engine's helpers): metres in the TM-3 zone → lon/lat.
  const lonlatOf = (srid: 5897 | 9209) => {
    const inverse = proj4(vn2000Proj4(srid), 'EPSG:4326');
    return (E: number, N: number): Position => inverse.forward([E, N]);
  };
  const rectangle = (srid: 5897 | 9209, E: number, N: number, w: number, h: number, angle = 0): Polygonal => {
    const ll = lonlatOf(srid);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const pts = [[0, 0], [w, 0], [w, h], [0, h], [0, 0]].map(([x, y]) => ll(E + x * c - y * s, N + x * s + y * c));
    return { type: 'Polygon', coordinates: [pts] };
  };

  it('a 20 m × 30 m rectangle built in EPSG:5897 metres and projected to lon/lat measures 600.00 m² ± 0.01', function () {
    const g = rectangle(5897, 585_811.32, 1_109_729.84, 20, 30);
    expect(measurementSrid(g)).to.equal(5897);
    expect(planarArea(g, 5897)).to.be.closeTo(600, 0.01);
  });

  it('the same rectangle turned by 37° still measures 600.00 m² ± 0.01', function () {
    expect(planarArea(rectangle(5897, 580_000, 1_105_000, 20, 30, (37 * Math.PI) / 180), 5897)).to.be.closeTo(600, 0.01);
  });

  it('a rectangle built in EPSG:9209 near Sóc Trăng is measured in EPSG:9209 and measures 600.00 m² ± 0.01', function () {
    const [E, N] = toVn2000([105.97, 9.6], 9209);
    const g = rectangle(9209, E, N, 20, 30);
    expect(measurementSrid(g)).to.equal(9209);
    const a = analyseSite({ site: g, footprint: g, use: 'ODT', floors: 1, height_m: 4, gfa_m2: 100 }, { zones: [], constraints: [] });
    expect(a.crs).to.equal('EPSG:9209');
    expect(a.site_area_m2).to.be.closeTo(600, 0.01);
  });

  it('a footprint 3.00 m from a red line measures 3.00 ± 0.01 m, and 2.12 m to a corner at (1.5, 1.5) m diagonally', function () {
    const fp = rectangle(5897, 585_000, 1_109_003, 14, 20);
    const road = rectangle(5897, 584_900, 1_108_980, 300, 20);
    expect(planarDistance(fp, road, 5897).distance_m).to.be.closeTo(3, 0.01);
    const corner = rectangle(5897, 584_998.5 - 10, 1_109_001.5 - 10, 10, 10);
    expect(planarDistance(fp, corner, 5897).distance_m).to.be.closeTo(Math.hypot(1.5, 1.5), 0.01);
  });

  it('when a road edge is 300 m long, the take is clipped in TM-3 and measures the designed 20.00 m² ± 0.001', function () {
    // A lon/lat clip would bow the 300 m edge by ~0.3 mm and miss by ~0.005 m² (0.025 %).
    const site = rectangle(5897, 586_000, 1_110_000, 20, 30);
    const road = {
      ...{ id: 1, kind: 'red_line' as const, rule: 'no_build' as const, value: null, tolerance_m: 0.1, name: null, citation: null },
      geometry: rectangle(5897, 585_850, 1_109_980, 300, 21),
    };
    const a = analyseSite({ site, footprint: site, use: 'ODT', floors: 1, height_m: 4, gfa_m2: 100 }, { zones: [], constraints: [road] });
    expect(a.red_line_take_m2).to.be.closeTo(20, 0.001);
  });

  it('the TM-3 zone follows the site centroid: 105.83° E is measured in EPSG:5897, 105.84° E in EPSG:9209', function () {
    const at = (lon: number): Polygonal => ({ type: 'Polygon', coordinates: [[[lon, 10], [lon + 0.0002, 10], [lon + 0.0002, 10.0002], [lon, 10.0002], [lon, 10]]] });
    expect(measurementSrid(at(105.83))).to.equal(5897);
    expect(measurementSrid(at(105.84))).to.equal(9209);
  });

  it('never throws on 60 generated lots, footprints, zones and red lines, and keeps its invariants', function () {
    // A fixed linear congruential sequence: the same shapes on every run.
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const quad = (cx: number, cy: number, r: number): Polygonal => {
      const ll = lonlatOf(5897);
      const pts = [0, 1, 2, 3].map((k) => {
        const a = ((k + rnd() * 0.8) * Math.PI) / 2;
        const rr = r * (0.5 + rnd());
        return ll(585_000 + cx + rr * Math.cos(a), 1_109_000 + cy + rr * Math.sin(a));
      });
      return { type: 'Polygon', coordinates: [[...pts, pts[0]]] };
    };
    const box = (x: number, y: number, w: number, h: number): Polygonal => rectangle(5897, 585_000 + x, 1_109_000 + y, w, h);
    const limits = { max_coverage_pct: 60, max_far: 3, max_floors: 5, max_height_m: 20, min_setback_m: 3, permitted_uses: ['ODT'], citation: null };
    const noBuild = { rule: 'no_build' as const, value: null, tolerance_m: 0.1, name: null, citation: null };
    for (let i = 0; i < 60; i++) {
      const site = i % 2 ? quad(0, 0, 20) : box(0, 0, 20, 30);
      const footprint = i % 3 ? quad(rnd() * 10 - 5, rnd() * 10 - 5, 8) : box(Math.round(rnd() * 6), 0, 14, 20);
      const report = runCompliance(
        { site, footprint, use: 'ODT', floors: 3, height_m: 10, gfa_m2: 500 },
        {
          zones: [
            { id: 1, lot_code: 'A', land_use_code: 'HH', ...limits, geometry: i % 4 ? quad(rnd() * 20, 0, 25) : box(-50, -50, 50 + Math.round(rnd() * 20), 150) },
            { id: 2, lot_code: 'B', land_use_code: 'CX', ...limits, max_coverage_pct: 40, geometry: box(Math.round(rnd() * 20), -50, 100, 150) },
          ],
          constraints: [
            { id: 9, kind: 'red_line', ...noBuild, geometry: i % 5 ? quad(rnd() * 30 - 15, -15, 12) : box(-100, -25, 300, 25 + Math.round(rnd() * 3)) },
            { id: 10, kind: 'heritage', ...noBuild, geometry: quad(15, 25, 10) },
          ],
        },
      );
      expect(report.checks.map((c) => c.id)).to.deep.equal([...CHECK_IDS]);
      const { site_area_m2, red_line_take_m2, net_site_area_m2 } = report.computed;
      if (site_area_m2 !== null) expect(net_site_area_m2).to.be.closeTo(site_area_m2 - (red_line_take_m2 ?? 0), 1e-9);
      // Zones of these generated plans may overlap each other, so only each share is bounded.
      for (const z of report.zones) expect(z.share_pct).to.be.within(0, 100 + 1e-6);
    }
  });

  it('rejects parameters that would make checks meaningless', function () {
    expect(() => resolveParams({ tolerance_m: -1 })).to.throw(RangeError);
    expect(() => resolveParams({ dominant_zone_share: 0.4 })).to.throw(RangeError);
    expect(resolveParams().dominant_zone_share).to.equal(0.95);
  });
});
