import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';

describe('land-use balance of a plan: planar VN-2000 TM-3 areas per land-use category', function () {
  this.timeout(600_000);
  let t: TestApp;
  let planId: number;
  before(async () => {
    t = await startTestApp();
    planId = (await request(t.app).get('/api/plans')).body.items[0].id;
  });
  after(async () => t?.close());

  it('gives each category the area PostGIS measures in EPSG:5897, with shares and a total they add up to', async () => {
    const res = await request(t.app).get(`/api/plans/${planId}/land-use-balance`);
    expect(res.status, res.text.slice(0, 300)).to.equal(200);
    const body = res.body;
    // The demo plan lies west of 105.835° E: the former Cần Thơ's zone, 105°00′.
    expect(body).to.include({ plan_id: planId, srid: 5897, crs: 'EPSG:5897' });
    expect(body.as_of).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const { rows } = await t.db.knex.raw(
      `SELECT land_use_code, count(*)::int AS n, sum(ST_Area(ST_Transform(geom, 5897)))::float8 AS a
       FROM zones WHERE plan_id = ? AND valid_to IS NULL AND valid_from <= now() GROUP BY land_use_code`,
      [planId],
    );
    expect(body.categories.map((c: { land_use_code: string }) => c.land_use_code).sort()).to.deep.equal(rows.map((r: { land_use_code: string }) => r.land_use_code).sort());
    for (const r of rows) {
      const c = body.categories.find((x: { land_use_code: string }) => x.land_use_code === r.land_use_code);
      expect(c.area_m2).to.be.closeTo(r.a, 0.01);
      expect(c.area_ha).to.be.closeTo(r.a / 10_000, 0.0001);
      expect(c.zone_count).to.equal(r.n);
      expect(c.name_vi).to.be.a('string').and.not.empty;
      expect(c.name_en).to.be.a('string').and.not.empty;
    }
    const sum = body.categories.reduce((s: number, c: { area_m2: number }) => s + c.area_m2, 0);
    const expectedTotal = rows.reduce((s: number, r: { a: number }) => s + r.a, 0);
    expect(body.total.area_m2).to.be.closeTo(expectedTotal, 0.01);
    expect(sum).to.be.closeTo(body.total.area_m2, 0.01 * body.categories.length);
    expect(body.total.zone_count).to.equal(rows.reduce((s: number, r: { n: number }) => s + r.n, 0));
    const shares = body.categories.reduce((s: number, c: { share_pct: number }) => s + c.share_pct, 0);
    expect(shares).to.be.closeTo(100, 0.01 * body.categories.length);
    const largest = body.categories[0];
    expect(largest.share_pct).to.be.closeTo((100 * largest.area_m2) / body.total.area_m2, 0.01);
    // Largest category first.
    expect(body.categories.map((c: { area_m2: number }) => c.area_m2)).to.deep.equal([...body.categories.map((c: { area_m2: number }) => c.area_m2)].sort((x, y) => y - x));
  });

  it('reads the plan as of a date: before the plan took effect there is nothing to balance', async () => {
    const res = await request(t.app).get(`/api/plans/${planId}/land-use-balance?date=2020-01-01`);
    expect(res.status).to.equal(200);
    expect(res.body.categories).to.deep.equal([]);
    expect(res.body.total).to.deep.equal({ zone_count: 0, area_m2: 0, area_ha: 0, share_pct: 0 });
  });

  it('answers 404 for an unknown plan and 400 for a bad date', async () => {
    expectProblem(await request(t.app).get('/api/plans/999999/land-use-balance'), 404);
    expectProblem(await request(t.app).get(`/api/plans/${planId}/land-use-balance?date=2025-13-01`), 400, '/query/date');
    expectProblem(await request(t.app).get('/api/plans/abc/land-use-balance'), 400, '/path/id');
  });
});
