// Golden cases of the zoning-layer edit checks (test/checks/zoning/<check-id>/{in,out}), plus contract, speed and invariants.
import fs from 'node:fs';
import { expect } from 'chai';
import type { Geometry, Position } from 'geojson';
import { toVn2000 } from '../../../geodata/crs.ts';
import { en, vi } from '../../../api/checks/format.ts';
import { rect } from '../../checks/case-builder.ts';
import { diffJson, viaJson, writeJson } from '../../checks/golden-io.ts';
import { zoningPlane } from '../../checks/zoning/make-cases.ts';
import { buildZoningOutput, listZoningCases, readZoningCase, runZoningCase, type ExpectedResult } from '../../checks/zoning/zoning-golden-io.ts';
import {
  checkConstraintEdit,
  checkZoneEdit,
  DEFAULT_EDIT_CHECK_PARAMS,
  EDIT_CHECK_IDS,
  hasBlockingErrors,
  type EditCheckContext,
  type EditCheckResult,
  type EditedZone,
} from '../../../api/checks/zoning/index.ts';

const REGEN = process.env.REGEN === '1';
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

function positions(g: Geometry): Position[] {
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  const flat = (x: unknown): Position[] => (typeof (x as number[])[0] === 'number' ? [x as Position] : (x as unknown[]).flatMap(flat));
  return flat(g.coordinates);
}

/** Planar distance (m, TM-3 105°) from a lon/lat point to the nearest position of a geometry. */
function metresToNearestPosition(p: Position, g: Geometry): number {
  const [x, y] = toVn2000(p, 5897);
  return Math.min(...positions(g).map((q) => Math.hypot(toVn2000(q, 5897)[0] - x, toVn2000(q, 5897)[1] - y)));
}

const key = (r: { id: string; code: string; other_feature_id?: unknown; field?: string }): string =>
  `${r.id}/${r.code}/${r.other_feature_id ?? ''}/${r.field ?? ''}`;

describe('zoning edit checks: golden cases', function () {
  const cases = listZoningCases();
  before(() => expect(cases.length, 'zoning golden cases on disk').to.be.at.least(25));

  for (const entry of cases) {
    const c = readZoningCase(entry.check, entry.name, entry.inPath);
    const what = c.expected.results.length === 0 ? 'finds nothing' : c.expected.results.map((r) => `${r.severity} ${r.code}`).join(', ');
    it(`[${entry.check}/${entry.name}] ${what} when ${/^[A-Z](?![A-Z])/.test(c.description) ? c.description.charAt(0).toLowerCase() + c.description.slice(1) : c.description}`, function () {
      const results = runZoningCase(c);
      expect(results.map(key), results.map((r) => r.message).join('\n')).to.deep.equal(c.expected.results.map(key));
      expect(hasBlockingErrors(results)).to.equal(c.expected.blocking);
      results.forEach((r, i) => {
        const e: ExpectedResult = c.expected.results[i];
        expect(r.severity, r.message).to.equal(e.severity);
        if (e.area_m2 !== undefined) expect(r.area_m2, r.message).to.be.closeTo(e.area_m2, e.tolerance ?? 0.01);
        if (e.evidence_point) {
          expect(r.evidence, `${r.code} evidence`).to.not.equal(null);
          expect(metresToNearestPosition(e.evidence_point, r.evidence as Geometry), 'evidence within 1 cm of the expected point').to.be.below(0.01);
        }
        if (['overlap', 'gap', 'sliver', 'outside_plan'].includes(r.id)) {
          expect(r.area_m2, 'an area for a topology result').to.be.a('number');
          expect(r.evidence?.type, 'the area as evidence').to.be.oneOf(['Polygon', 'MultiPolygon']);
        }
        expect(r.message).to.be.a('string').and.not.empty;
        expect(r.message_vi, 'Vietnamese message with diacritics').to.match(VIETNAMESE);
        // Numbers appear in both languages (the area, when there is one).
        if (r.area_m2 !== null) {
          expect(r.message, 'area in the English message').to.include(`${en(r.area_m2, 2)} m²`);
          expect(r.message_vi, 'area in the Vietnamese message').to.include(`${vi(r.area_m2, 2)} m²`);
        }
      });

      const actual = viaJson(buildZoningOutput(c, results));
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

describe('zoning edit checks: contract, invariants and speed', function () {
  const P = zoningPlane(90);
  const attributes = { lot_code: 'HH-05', land_use_code: 'HH', max_coverage_pct: 60, max_far: 3, max_floors: 5, max_height_m: 22, min_setback_m: 3 };
  const grid = (): EditCheckContext => {
    const neighbours: EditCheckContext['neighbours'] = [];
    let id = 1;
    for (let i = -1; i <= 2; i++) for (let j = -1; j <= 1; j++) if (i !== 0 || j !== 0) neighbours.push({ feature_id: id, lot_code: `N-${id++}`, geometry: P.box(i * 100, j * 50, 100, 50) });
    return { neighbours, plan_boundary: P.box(-500, -500, 1000, 1000), land_use_codes: ['HH', 'CX'] };
  };

  it('lists results in the order of EDIT_CHECK_IDS, errors before warnings', function () {
    const ctx = grid();
    const zone: EditedZone = { feature_id: null, attributes: { ...attributes, max_far: 4, max_height_m: 10, land_use_code: 'ZZ' }, geometry: P.box(0, 0, 110, 50.5) };
    const results = checkZoneEdit(zone, ctx);
    const rank = (r: EditCheckResult): number => EDIT_CHECK_IDS.indexOf(r.id) * 2 + (r.severity === 'error' ? 0 : 1);
    expect(results.length).to.be.at.least(4);
    expect(results.map(rank)).to.deep.equal(results.map(rank).sort((a, b) => a - b));
    expect(results.map((r) => r.code)).to.include.members(['overlap', 'far_above_coverage_times_floors', 'height_too_low_for_floors', 'unknown_land_use_code']);
  });

  it('never lists the edited zone as its own neighbour', function () {
    const ctx = grid();
    ctx.neighbours.push({ feature_id: 77, lot_code: 'HH-05', geometry: P.box(0, 0, 100, 50) });
    expect(checkZoneEdit({ feature_id: 77, attributes, geometry: P.box(0, 0, 100, 50) }, ctx)).to.deep.equal([]);
    expect(checkZoneEdit({ feature_id: 78, attributes, geometry: P.box(0, 0, 100, 50) }, ctx).map((r) => r.code)).to.deep.equal(['inside_neighbour']);
  });

  it('skips topology but still checks indicators when the geometry cannot be measured', function () {
    const bowTie = P.poly([[0, 0], [100, 50], [100, 0], [0, 50]]);
    const results = checkZoneEdit({ feature_id: 1, attributes: { ...attributes, max_far: 9 }, geometry: bowTie }, grid());
    expect(results.map((r) => r.code)).to.deep.equal(['self_intersection', 'far_above_coverage_times_floors']);
  });

  it('takes a constraint with no_build and no value, and rejects a setback without one', function () {
    const ctx: EditCheckContext = { neighbours: [], plan_boundary: null, land_use_codes: [] };
    const g = P.box(0, 0, 30, 30);
    expect(checkConstraintEdit({ feature_id: null, attributes: { kind: 'heritage', rule: 'no_build', value: null }, geometry: g }, ctx)).to.deep.equal([]);
    const r = checkConstraintEdit({ feature_id: null, attributes: { kind: 'heritage', rule: 'max_height_m', value: null }, geometry: g }, ctx);
    expect(r.map((x) => [x.code, x.field])).to.deep.equal([['value_required', 'value']]);
  });

  it('finds an overlap whatever the ring orientation and wherever the neighbour starts its ring', function () {
    const ctx: EditCheckContext = { neighbours: [{ feature_id: 2, lot_code: 'B', geometry: P.poly([...rect(90, 0, 100, 50)].reverse()) }], plan_boundary: null, land_use_codes: ['HH'] };
    const cw = P.poly([...rect(0, 0, 100, 50)].reverse());
    const r = checkZoneEdit({ feature_id: 1, attributes, geometry: cw }, ctx);
    expect(r.map((x) => x.code)).to.deep.equal(['overlap']);
    expect(r[0].area_m2).to.be.closeTo(500, 0.01);
  });

  it('gap and overlap are exclusive: a neighbour moved from 0.5 m away to 0.5 m into the zone', function () {
    for (const dy of [-0.5, -0.2, 0, 0.2, 0.5]) {
      const ctx: EditCheckContext = { neighbours: [{ feature_id: 2, lot_code: 'B', geometry: P.box(0, 50 + dy, 100, 50) }], plan_boundary: null, land_use_codes: ['HH'] };
      const codes = checkZoneEdit({ feature_id: 1, attributes, geometry: P.box(0, 0, 100, 50) }, ctx).map((r) => r.code);
      const area = checkZoneEdit({ feature_id: 1, attributes, geometry: P.box(0, 0, 100, 50) }, ctx)[0]?.area_m2 ?? 0;
      if (dy < 0) expect(codes, `dy ${dy}`).to.deep.equal(['overlap']);
      else if (dy === 0) expect(codes, 'touching').to.deep.equal([]);
      else expect(codes, `dy ${dy}`).to.deep.equal(['gap']);
      expect(area).to.be.closeTo(Math.abs(dy) * 100, 0.01);
    }
  });

  it('rejects parameters that would make the checks meaningless', function () {
    const ctx: EditCheckContext = { neighbours: [], plan_boundary: null, land_use_codes: ['HH'] };
    expect(() => checkZoneEdit({ feature_id: 1, attributes, geometry: P.box(0, 0, 10, 10) }, ctx, { gap_tolerance_m: -1 })).to.throw(RangeError);
    expect(DEFAULT_EDIT_CHECK_PARAMS.min_overlap_m2).to.equal(0.01);
  });

  it('finds the gap of every tenth edit in a run of 100 edits against ~10 neighbours each', () => {
    const ctx = grid();
    // Every edit moves a vertex along the top edge; every tenth also pulls it 0.4 m in: a gap.
    // (Speed is measured by bench/plan-edits.bench.ts, not here.)
    const edits: EditedZone[] = Array.from({ length: 100 }, (_, k) => ({
      feature_id: 99,
      attributes,
      geometry: P.poly([[0, 0], [100, 0], [100, 50], [50 - k * 0.3, 50 - (k % 10 === 0 ? 0.4 : 0)], [0, 50]]),
    }));
    const withGap = edits.map((e, k) => (checkZoneEdit(e, ctx).some((r) => r.code === 'gap') ? k : -1)).filter((k) => k >= 0);
    expect(withGap).to.deep.equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});
