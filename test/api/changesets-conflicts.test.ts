import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';

/** A current zone without pending edits, from the table itself. */
async function freeZones(t: TestApp, ward: string): Promise<{ feature_id: number; version: number; name: string | null; max_height_m: number | null }[]> {
  const { rows } = await t.db.knex.raw(
    `SELECT feature_id, version, name, max_height_m::float8 AS max_height_m FROM zones z WHERE valid_to IS NULL AND ward_code = ?
       AND NOT EXISTS (SELECT 1 FROM change_set_edits e WHERE e.layer = 'zones' AND e.feature_id = z.feature_id)
     ORDER BY feature_id LIMIT 5`,
    [ward],
  );
  return rows;
}

describe('change sets that compete for the same zone: a later approval never overwrites an earlier one', function () {
  this.timeout(600_000);
  let t: TestApp;
  let planner: string;
  let reviewer: string;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    [planner, reviewer, admin] = await Promise.all([loginAs(t.app, 'planner'), loginAs(t.app, 'reviewer'), loginAs(t.app, 'admin')]);
  });
  after(async () => t?.close());

  const post = (path: string, token: string, body: unknown) => request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body as object);

  /** A submitted set by `author` with one modify of each zone, every edit approved by the reviewer. */
  async function reviewedSet(author: string, title: string, edits: { feature_id: number; version: number; properties: Record<string, unknown> }[]): Promise<number> {
    const cs = await post('/api/changesets', author, { title });
    expect(cs.status).to.equal(201);
    for (const e of edits) {
      const r = await post(`/api/changesets/${cs.body.id}/edits`, author, { op: 'modify', layer: 'zones', feature_id: e.feature_id, base_version: e.version, feature: { type: 'Feature', geometry: null, properties: e.properties } });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
    }
    const sub = await post(`/api/changesets/${cs.body.id}/transitions`, author, { event: 'submit' });
    expect(sub.status, JSON.stringify(sub.body)).to.equal(200);
    for (const e of sub.body.edits) expect((await post(`/api/changesets/${cs.body.id}/edits/${e.id}/review`, reviewer, { decision: 'approve' })).status).to.equal(200);
    return cs.body.id;
  }

  it('refuses the second approval with 409 naming the edit and the versions, and applies none of its edits', async () => {
    const [shared, other] = await freeZones(t, '31147');
    const first = await reviewedSet(planner, 'first', [{ ...shared, properties: { name: 'first wins' } }]);
    // The second set also touches another zone: that edit must not land either.
    const second = await reviewedSet(admin, 'second', [
      { ...other, properties: { name: 'must not land' } },
      { ...shared, properties: { name: 'second loses' } },
    ]);
    expect((await post(`/api/changesets/${first}/transitions`, reviewer, { event: 'approve' })).status).to.equal(200);
    const res = await post(`/api/changesets/${second}/transitions`, reviewer, { event: 'approve' });
    expectProblem(res, 409);
    expect(res.body.code).to.equal('edit_conflict');
    expect(res.body.conflicts).to.have.length(1);
    expect(res.body.conflicts[0]).to.include({ feature_id: shared.feature_id, base_version: shared.version, current_version: shared.version + 1, changed_by_change_set: first });
    const { rows } = await t.db.knex.raw(`SELECT feature_id, version, name, valid_to FROM zones WHERE feature_id IN (?, ?) ORDER BY feature_id, version`, [shared.feature_id, other.feature_id]);
    const sharedRows = rows.filter((r: { feature_id: number }) => r.feature_id === shared.feature_id);
    const otherRows = rows.filter((r: { feature_id: number }) => r.feature_id === other.feature_id);
    expect(sharedRows.map((r: { name: string }) => r.name).at(-1)).to.equal('first wins');
    expect(sharedRows).to.have.length(2);
    expect(otherRows).to.have.length(1);
    expect(otherRows[0].valid_to).to.equal(null);
    expect(otherRows[0].name).to.equal(other.name);
    const cs = await request(t.app).get(`/api/changesets/${second}`).set('Authorization', `Bearer ${reviewer}`);
    expect(cs.body.status).to.equal('submitted');
    // The author sees why: the set cannot be approved any more, only rejected or withdrawn.
    expect((await post(`/api/changesets/${second}/transitions`, admin, { event: 'withdraw' })).body.status).to.equal('withdrawn');
  });

  it('lets only one of two simultaneous approvals of competing sets through', async () => {
    const [shared] = await freeZones(t, '31120');
    const a = await reviewedSet(planner, 'race a', [{ ...shared, properties: { name: 'race a' } }]);
    const b = await reviewedSet(admin, 'race b', [{ ...shared, properties: { name: 'race b' } }]);
    const results = await Promise.all([a, b].map((id) => post(`/api/changesets/${id}/transitions`, reviewer, { event: 'approve' })));
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const { rows } = await t.db.knex.raw(`SELECT count(*)::int AS n, max(version) AS v FROM zones WHERE feature_id = ?`, [shared.feature_id]);
    expect(rows[0]).to.deep.equal({ n: 2, v: shared.version + 1 });
  });

  it('never lets a second reviewer silently replace a decision: 409 without the lock_version read, replaced with it', async () => {
    const [z] = await freeZones(t, '31147');
    const id = await reviewedSet(planner, 'reviewed twice', [{ ...z, properties: { name: 'reviewed twice' } }]);
    const cs = (await request(t.app).get(`/api/changesets/${id}`).set('Authorization', `Bearer ${reviewer}`)).body;
    const edit = cs.edits[0];
    expect(edit.review_decision).to.equal('approve');
    // The admin (a reviewer too, not the author) has not read the set's lock_version.
    const blind = await post(`/api/changesets/${id}/edits/${edit.id}/review`, admin, { decision: 'reject', comment: 'không phù hợp' });
    expectProblem(blind, 409);
    expect(blind.body).to.include({ code: 'already_reviewed', review_decision: 'approve', current_version: cs.lock_version });
    expect(blind.body.detail_vi).to.contain(`Thay đổi ${edit.id} đã có ý kiến thẩm định "Đồng ý"`);
    const kept = (await t.db.knex.raw('SELECT review_decision FROM change_set_edits WHERE id = ?', [edit.id])).rows[0];
    expect(kept.review_decision, 'the first decision is untouched').to.equal('approve');
    const deliberate = await post(`/api/changesets/${id}/edits/${edit.id}/review`, admin, { decision: 'reject', comment: 'không phù hợp', lock_version: cs.lock_version });
    expect(deliberate.status, JSON.stringify(deliberate.body)).to.equal(200);
    expect(deliberate.body.review_decision).to.equal('reject');
  });

  it('shows a change set with a future effective date only from that date on', async () => {
    const [z] = await freeZones(t, '31135');
    const future = new Date(Date.now() + 7 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    const cs = await post('/api/changesets', planner, { title: 'from next month', effective_from: future });
    expect(cs.body.effective_from).to.equal(new Date(`${future}T00:00:00+07:00`).toISOString());
    await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, base_version: z.version, feature: { type: 'Feature', properties: { max_height_m: 40 } } });
    await post(`/api/changesets/${cs.body.id}/transitions`, planner, { event: 'submit' });
    const edits = (await request(t.app).get(`/api/changesets/${cs.body.id}`).set('Authorization', `Bearer ${reviewer}`)).body.edits;
    await post(`/api/changesets/${cs.body.id}/edits/${edits[0].id}/review`, reviewer, { decision: 'approve' });
    expect((await post(`/api/changesets/${cs.body.id}/transitions`, reviewer, { event: 'approve' })).status).to.equal(200);
    const { rows } = await t.db.knex.raw(`SELECT ST_XMin(geom) x1, ST_YMin(geom) y1, ST_XMax(geom) x2, ST_YMax(geom) y2 FROM zones WHERE feature_id = ? AND version = 1`, [z.feature_id]);
    const bbox = [rows[0].x1, rows[0].y1, rows[0].x2, rows[0].y2].join(',');
    const at = async (date?: string) =>
      (await request(t.app).get(`/api/zones?bbox=${bbox}${date ? `&date=${date}` : ''}`)).body.features.find((f: { id: number }) => f.id === z.feature_id).properties.max_height_m;
    expect(await at()).to.equal(z.max_height_m);
    const dayBefore = new Date(Date.parse(future) - 86_400_000).toISOString().slice(0, 10);
    expect(await at(dayBefore)).to.equal(z.max_height_m);
    expect(await at(future)).to.equal(40);
  });
});
