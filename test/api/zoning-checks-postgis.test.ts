// The zoning edit checks' golden cases through PostGIS: every overlap, outside, gap and sliver area must agree with PostGIS in the same TM-3 CRS.
import { expect } from 'chai';
import type { Geometry } from 'geojson';
import type { Knex } from 'knex';
import type { Database } from '../../api/db/database.ts';
import type { Polygonal } from '../../api/checks/check.types.ts';
import { measurementSrid, planarArea } from '../../api/checks/planar.ts';
import { resolveEditParams, type EditCheckResult } from '../../api/checks/zoning/index.ts';
import { listZoningCases, readZoningCase, runZoningCase, type ZoningCase } from '../checks/zoning/zoning-golden-io.ts';
import { freshDatabase } from '../support/test-db.ts';

/*
 * What is compared, per case whose geometry can be measured, in the TM-3 CRS of the edited feature
 * (ST_Transform(…, 5897 or 9209)), each within 0.01 %:
 * - overlap: area_m2 against ST_Area(ST_Intersection(zone, neighbour)); and the decision: every
 *   neighbour PostGIS finds overlapping by at least min_overlap_m2 is reported, and no other;
 * - outside_plan: area_m2 against ST_Area(ST_Difference(feature, plan boundary)), and the decision;
 * - gap: area_m2 against the morphological closing of zone ∪ neighbour minus zone ∪ neighbour:
 *   ST_Buffer(ST_Buffer(u, t/2, mitre), −t/2, mitre) − u with t = gap_tolerance_m, which fills
 *   exactly the parts of the space between them narrower than t. With mitre joins it is exact for
 *   the gap cases' straight, nearly parallel edges (round joins would add arcs at concave corners,
 *   which the checks rightly do not call a gap); it is PostGIS's construction, not the strips the
 *   check builds. And: every neighbour at a distance between 0 and gap_tolerance_m has a gap;
 * - sliver: the summed area of the parts of the zone (sliver_part), or of the zone minus its
 *   neighbours (sliver_after_overlap), whose 2 × ST_MaximumInscribedCircle(…).radius is under
 *   sliver_width_m — PostGIS decides which parts are slivers on its own;
 * - every polygonal evidence: its ST_Area against the area_m2 reported with it.
 * Areas below AREA_FLOOR_M2 are compared absolutely: PostGIS returns ~1e-9 m² needles where
 * polygons touch in lon/lat (see checks-postgis.test.ts), and 0.01 % of nothing is nothing.
 */
const AREA_REL = 1e-4;
const AREA_FLOOR_M2 = 1e-6;

const worst = { rel: 0, relWhere: '', abs: 0, absWhere: '' };
const T = (srid: number): string => `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?::text), 4326), ${Number(srid)})`;
const json = (g: unknown): string => JSON.stringify(g);

async function scalar(knex: Knex, sql: string, bindings: unknown[]): Promise<number> {
  const res = await knex.raw(`SELECT (${sql})::float8 AS v`, bindings as Knex.RawBinding[]);
  const v = (res.rows as { v: number | null }[])[0].v;
  return v === null ? 0 : Number(v);
}

function agree(engine: number, postgis: number, where: string): void {
  const abs = Math.abs(engine - postgis);
  const rel = Math.abs(postgis) > AREA_FLOOR_M2 ? abs / Math.abs(postgis) : 0;
  if (rel > worst.rel) Object.assign(worst, { rel, relWhere: where });
  if (abs > worst.abs) Object.assign(worst, { abs, absWhere: where });
  if (Math.abs(postgis) > AREA_FLOOR_M2) expect(rel, `${where}: checks ${engine} m², PostGIS ${postgis} m²`).to.be.at.most(AREA_REL);
  else expect(abs, `${where}: checks ${engine} m², PostGIS ${postgis} m² (contact)`).to.be.at.most(AREA_FLOOR_M2);
}

const polygonal = (g: Geometry | null): g is Polygonal => !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
const sum = (rs: EditCheckResult[]): number => rs.reduce((s, r) => s + (r.area_m2 ?? 0), 0);

async function compareCase(knex: Knex, c: ZoningCase): Promise<number> {
  const results = runZoningCase(c);
  if (results.some((r) => r.id === 'geometry_valid' && r.severity === 'error' && r.code !== 'spike')) return 0; // nothing is measured
  const p = resolveEditParams(c.params);
  const g = c.edited.geometry;
  const srid = measurementSrid(g);
  const t = T(srid);
  const name = `${c.check}/${c.name}`;
  let n = 0;
  const area = async (engine: number, sql: string, bindings: unknown[], what: string): Promise<number> => {
    const v = await scalar(knex, sql, bindings);
    agree(engine, v, `${name} ${what}`);
    n++;
    return v;
  };

  for (const r of results) {
    if (polygonal(r.evidence) && r.area_m2 !== null) {
      await area(r.area_m2, `ST_Area(${t})`, [json(r.evidence)], `${r.code} evidence`);
      agree(r.area_m2, planarArea(r.evidence, srid), `${name} ${r.code} evidence (planar)`);
    }
  }
  if (c.subject === 'zone') {
    for (const nb of c.context.neighbours) {
      const where = `neighbour ${nb.lot_code}`;
      const reported = results.filter((r) => r.id === 'overlap' && r.other_feature_id === nb.feature_id);
      const inter = await scalar(knex, `ST_Area(ST_Intersection(${t}, ${t}))`, [json(g), json(nb.geometry)]);
      expect(reported.length, `${name} ${where}: PostGIS overlap ${inter} m²`).to.equal(inter >= p.min_overlap_m2 ? 1 : 0);
      if (reported.length > 0) agree(sum(reported), inter, `${name} overlap with ${nb.lot_code}`), n++;

      const gaps = results.filter((r) => r.id === 'gap' && r.other_feature_id === nb.feature_id);
      const distance = await scalar(knex, `ST_Distance(${t}, ${t})`, [json(g), json(nb.geometry)]);
      if (distance > 0.001 && distance < p.gap_tolerance_m) expect(gaps.length, `${name} ${where} is ${distance} m away: a gap`).to.equal(1);
      if (distance >= p.gap_tolerance_m) expect(gaps.length, `${name} ${where} is ${distance} m away: no gap`).to.equal(0);
      if (gaps.length > 0) {
        const u = `ST_Union(${t}, ${t})`;
        const h = Number(p.gap_tolerance_m) / 2;
        const closing = `ST_Area(ST_Difference(ST_Buffer(ST_Buffer(${u}, ${h}, 'join=mitre mitre_limit=100'), ${-h}, 'join=mitre mitre_limit=100'), ${u}))`;
        await area(sum(gaps), closing, [json(g), json(nb.geometry), json(g), json(nb.geometry)], `gap to ${nb.lot_code}`);
      }
    }
    const parts = results.filter((r) => r.code === 'sliver_part');
    const thin = `(SELECT sum(ST_Area(d.geom)) FROM ST_Dump(%G%) AS d WHERE 2 * (ST_MaximumInscribedCircle(d.geom)).radius < ${Number(p.sliver_width_m)})`;
    const zoneSlivers = await scalar(knex, thin.replace('%G%', t), [json(g)]);
    if (parts.length > 0 || zoneSlivers > 0) await area(sum(parts), thin.replace('%G%', t), [json(g)], 'slivers of the zone');
    const rest = results.filter((r) => r.code === 'sliver_after_overlap');
    const others = `(SELECT ST_Union(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(x), 4326), ${Number(srid)})) FROM json_array_elements_text(?::json) AS x)`;
    if (rest.length > 0) {
      const remains = `(SELECT sum(ST_Area(d.geom)) FROM ST_Dump(ST_Difference(${t}, ${others})) AS d
                         WHERE ST_Area(d.geom) > ${Number(p.min_overlap_m2)} AND 2 * (ST_MaximumInscribedCircle(d.geom)).radius < ${Number(p.sliver_width_m)})`;
      await area(sum(rest), remains, [json(g), json(c.context.neighbours.map((x) => x.geometry))], 'slivers left by overlaps');
    }
  }
  if (c.context.plan_boundary) {
    const reported = results.filter((r) => r.id === 'outside_plan');
    const outside = await scalar(knex, `ST_Area(ST_Difference(${t}, ${t}))`, [json(g), json(c.context.plan_boundary)]);
    expect(reported.length, `${name}: PostGIS outside ${outside} m²`).to.equal(outside > p.min_overlap_m2 ? 1 : 0);
    if (reported.length > 0) agree(sum(reported), outside, `${name} outside the plan`), n++;
  }
  return n;
}

describe('zoning edit checks against PostGIS (golden cases)', function () {
  this.timeout(600_000);
  let db: Database;
  let compared = 0;

  before(async function () {
    db = await freshDatabase();
  });
  after(async function () {
    if (db) await db.close();
    if (compared > 0) {
      console.log(
        `      ${compared} areas compared; largest disagreement ${(worst.rel * 100).toExponential(2)} % (${worst.relWhere}), ` +
          `${worst.abs.toExponential(2)} m² absolute (${worst.absWhere})`,
      );
    }
  });

  for (const entry of listZoningCases()) {
    const c = readZoningCase(entry.check, entry.name, entry.inPath);
    it(`[${entry.check}/${entry.name}] agrees with PostGIS`, async function () {
      compared += await compareCase(db.knex, c);
    });
  }

  it('compared a meaningful number of areas', function () {
    expect(compared).to.be.at.least(30);
  });
});
