import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';
import { DEMO_AMENDMENT_EFFECTIVE } from '../../geodata/seed/load-demo-changesets.ts';

describe('feature history and the demo change sets', function () {
  this.timeout(600_000);
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('seeds an approved demo amendment in the past: the zone has two versions, and as-of reads switch on its date', async () => {
    const { rows } = await t.db.knex.raw(`SELECT id, status, is_demo, effective_from FROM change_sets ORDER BY id`);
    expect(rows.map((r: { status: string }) => r.status)).to.deep.equal(['approved', 'submitted']);
    expect(rows.every((r: { is_demo: boolean }) => r.is_demo)).to.equal(true);
    const approvedId = rows[0].id;
    const { rows: amended } = await t.db.knex.raw(`SELECT feature_id FROM zones WHERE change_set_id = ?`, [approvedId]);
    expect(amended).to.have.length(1);
    const featureId = amended[0].feature_id;

    const res = await request(t.app).get(`/api/zones/${featureId}/history`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ layer: 'zones', feature_id: featureId, numberMatched: 2 });
    const [v2, v1] = res.body.items;
    expect(v2).to.include({ version: 2, change_set_id: approvedId, created_by_name: 'Chuyên viên quy hoạch (demo)', approved_by_name: 'Lãnh đạo phòng thẩm định (demo)', valid_to: null });
    expect(v2.change_set_title).to.match(/demo data/);
    expect(v2.valid_from).to.equal(new Date(`${DEMO_AMENDMENT_EFFECTIVE}T00:00:00+07:00`).toISOString());
    expect(v1).to.include({ version: 1, change_set_id: null, valid_to: v2.valid_from });
    expect(v2.properties.citation).to.not.equal(v1.properties.citation);
    expect(v2.properties.lot_code).to.equal(v1.properties.lot_code);
    expect(v2.geometry.type).to.equal('MultiPolygon');

    const { rows: box } = await t.db.knex.raw(`SELECT ST_XMin(geom) x1, ST_YMin(geom) y1, ST_XMax(geom) x2, ST_YMax(geom) y2 FROM zones WHERE feature_id = ? AND version = 2`, [featureId]);
    const bbox = [box[0].x1, box[0].y1, box[0].x2, box[0].y2].join(',');
    const citationOn = async (date: string) => (await request(t.app).get(`/api/zones?bbox=${bbox}&date=${date}`)).body.features.find((f: { id: number }) => f.id === featureId).properties;
    const dayBefore = new Date(Date.parse(DEMO_AMENDMENT_EFFECTIVE) - 86_400_000).toISOString().slice(0, 10);
    expect(await citationOn(dayBefore)).to.include({ version: 1, citation: v1.properties.citation });
    expect(await citationOn(DEMO_AMENDMENT_EFFECTIVE)).to.include({ version: 2, citation: v2.properties.citation });
  });

  it('seeds a submitted demo change set by the planner, waiting for the reviewer: two zones modified, one added, checks clean', async () => {
    const reviewer = await loginAs(t.app, 'reviewer');
    const list = await request(t.app).get('/api/changesets?status=submitted').set('Authorization', `Bearer ${reviewer}`);
    expect(list.status).to.equal(200);
    const demo = list.body.items.find((c: { is_demo: boolean }) => c.is_demo);
    expect(demo).to.include({ status: 'submitted', edit_count: 3, blocking_count: 0, undecided_count: 3 });
    expect(demo.author.email).to.equal('planner@spp.demo');
    const cs = await request(t.app).get(`/api/changesets/${demo.id}`).set('Authorization', `Bearer ${reviewer}`);
    expect(cs.body.edits.map((e: { op: string }) => e.op).sort()).to.deep.equal(['create', 'modify', 'modify']);
    expect(cs.body.allowed_events).to.have.members(['approve', 'reject']);
  });

  it('keeps the history of a constraint changed through a change set, and answers 404 / 400 for unknown or bad ids', async () => {
    const [planner, reviewer] = await Promise.all([loginAs(t.app, 'planner'), loginAs(t.app, 'reviewer')]);
    const { rows } = await t.db.knex.raw(`SELECT feature_id, version, tolerance_m::float8 AS tolerance_m FROM constraints WHERE valid_to IS NULL ORDER BY feature_id LIMIT 1`);
    const c = rows[0];
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${planner}`);
    const cs = await auth(request(t.app).post('/api/changesets')).send({ title: 'Dung sai hành lang' });
    const edit = await auth(request(t.app).post(`/api/changesets/${cs.body.id}/edits`)).send({ op: 'modify', layer: 'constraints', feature_id: c.feature_id, base_version: c.version, feature: { type: 'Feature', properties: { tolerance_m: 0.5 } } });
    expect(edit.status, JSON.stringify(edit.body)).to.equal(201);
    expect((await auth(request(t.app).post(`/api/changesets/${cs.body.id}/transitions`)).send({ event: 'submit' })).status).to.equal(200);
    const rev = (r: request.Test) => r.set('Authorization', `Bearer ${reviewer}`);
    expect((await rev(request(t.app).post(`/api/changesets/${cs.body.id}/edits/${edit.body.id}/review`)).send({ decision: 'approve' })).status).to.equal(200);
    expect((await rev(request(t.app).post(`/api/changesets/${cs.body.id}/transitions`)).send({ event: 'approve' })).status).to.equal(200);
    const h = await request(t.app).get(`/api/constraints/${c.feature_id}/history`);
    expect(h.status).to.equal(200);
    expect(h.body.items.map((v: { version: number; properties: { tolerance_m: number } }) => [v.version, v.properties.tolerance_m])).to.deep.equal([
      [c.version + 1, 0.5],
      [c.version, c.tolerance_m],
    ]);
    expect(h.body.items[0]).to.include({ change_set_id: cs.body.id, created_by_name: 'Chuyên viên quy hoạch (demo)' });
    expectProblem(await request(t.app).get('/api/zones/99999999/history'), 404);
    expectProblem(await request(t.app).get('/api/constraints/x1/history'), 400, '/path/id');
  });
});
