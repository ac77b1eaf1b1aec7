import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { loginAs } from '../support/api-client.ts';

const day = (offsetDays: number) => new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('rule cards as of a date: before and after an approved change set', function () {
  this.timeout(600_000);
  let t: TestApp;
  let planner: string;
  let reviewer: string;
  before(async () => {
    t = await startTestApp();
    [planner, reviewer] = await Promise.all([loginAs(t.app, 'planner'), loginAs(t.app, 'reviewer')]);
  });
  after(async () => t?.close());

  const post = (path: string, token: string, body: unknown) => request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body as object);

  it('GET /api/lookup?date= and /api/parcels/:id/rules?date= show the old and the new max_coverage_pct', async () => {
    // A parcel wholly inside one zone that no pending change set touches, whose coverage can drop by 10 points consistently.
    const { rows } = await t.db.knex.raw(
      `SELECT p.id AS parcel_id, ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat,
              z.feature_id, z.version, z.max_coverage_pct::float8 AS cov
       FROM parcels p JOIN zones z ON z.valid_to IS NULL AND z.geom && p.geom AND ST_CoveredBy(p.geom, z.geom)
       WHERE z.max_coverage_pct >= 20 AND z.max_floors > 0 AND (z.max_far IS NULL OR (z.max_coverage_pct - 10) * z.max_floors / 100 >= z.max_far)
         AND NOT EXISTS (SELECT 1 FROM change_set_edits e WHERE e.layer = 'zones' AND e.feature_id = z.feature_id)
       ORDER BY p.id LIMIT 1`,
    );
    expect(rows).to.have.length(1);
    const { parcel_id: parcelId, lon, lat, feature_id: featureId, version, cov } = rows[0];
    const newCov = cov - 10;

    const cs = await post('/api/changesets', planner, { title: 'Giảm mật độ xây dựng' });
    const edit = await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: featureId, base_version: version, feature: { type: 'Feature', geometry: null, properties: { max_coverage_pct: newCov } } });
    expect(edit.status, JSON.stringify(edit.body)).to.equal(201);
    expect((await post(`/api/changesets/${cs.body.id}/transitions`, planner, { event: 'submit' })).status).to.equal(200);
    expect((await post(`/api/changesets/${cs.body.id}/edits/${edit.body.id}/review`, reviewer, { decision: 'approve' })).status).to.equal(200);
    expect((await post(`/api/changesets/${cs.body.id}/transitions`, reviewer, { event: 'approve' })).status).to.equal(200);

    const rules = async (date: string) => {
      const res = await request(t.listener).get(`/api/parcels/${parcelId}/rules?date=${date}`);
      expect(res.status, res.text.slice(0, 300)).to.equal(200);
      return res.body;
    };
    const point = async (date: string) => {
      const res = await request(t.listener).get(`/api/lookup?lon=${lon}&lat=${lat}&date=${date}`);
      expect(res.status, res.text.slice(0, 300)).to.equal(200);
      return res.body;
    };
    const before = await rules(day(-1));
    const after = await rules(day(0));
    const zoneIn = (card: { zones: { id: number; max_coverage_pct: number | null }[] }) => card.zones.find((z) => z.id === featureId)!;
    expect(zoneIn(before).max_coverage_pct).to.equal(cov);
    expect(zoneIn(after).max_coverage_pct).to.equal(newCov);
    // The footprint limit follows the indicator in force: net site × coverage, unless the buildable area is smaller.
    if (before.computed.max_footprint_m2 < before.computed.buildable_area_m2) expect(after.computed.max_footprint_m2).to.be.below(before.computed.max_footprint_m2);
    expect(zoneIn(await point(day(-1))).max_coverage_pct).to.equal(cov);
    expect(zoneIn(await point(day(0))).max_coverage_pct).to.equal(newCov);
  });
});
