import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';
import { hashPassword } from '../../api/auth/password.ts';
import { insertUser } from '../../api/auth/auth.store.ts';
import { DEMO_PASSWORD } from '../support/test-db.ts';

type Geo = { type: 'MultiPolygon' | 'Polygon'; coordinates: number[][][][] | number[][][] };
interface Zone {
  feature_id: number;
  version: number;
  lot_code: string;
  max_coverage_pct: number | null;
  max_far: number | null;
  max_floors: number | null;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/** Current zones (from the table itself, not the API under test), without a pending demo edit. */
async function zones(t: TestApp, where: string, params: (string | number)[] = []): Promise<Zone[]> {
  const { rows } = await t.db.knex.raw(
    `SELECT feature_id, version, lot_code, max_coverage_pct::float8 AS max_coverage_pct, max_far::float8 AS max_far, max_floors,
            ST_AsGeoJSON(geom, 9)::json AS geometry
     FROM zones z WHERE valid_to IS NULL
       AND NOT EXISTS (SELECT 1 FROM change_set_edits e JOIN change_sets cs ON cs.id = e.change_set_id
                       WHERE e.layer = 'zones' AND e.feature_id = z.feature_id AND cs.status IN ('draft', 'submitted'))
       AND ${where} ORDER BY feature_id`,
    params,
  );
  return rows;
}

/** The same outline with one more vertex (the midpoint of its first edge): a new geometry of the same shape. */
function withExtraVertex(g: Zone['geometry']): Geo {
  const coords = structuredClone(g.coordinates);
  const ring = coords[0][0];
  const mid = [(ring[0][0] + ring[1][0]) / 2, (ring[0][1] + ring[1][1]) / 2];
  ring.splice(1, 0, mid);
  return { type: 'MultiPolygon', coordinates: coords };
}

const yesterday = () => new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function zoneAsOf(t: TestApp, featureId: number, date: string, geometry: Geo) {
  const ring = (geometry.type === 'MultiPolygon' ? (geometry.coordinates as number[][][][])[0][0] : (geometry.coordinates as number[][][])[0]) as number[][];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].join(',');
  const res = await request(t.app).get(`/api/zones?bbox=${bbox}&date=${date}&limit=10000`);
  expect(res.status).to.equal(200);
  return res.body.features.find((f: { id: number }) => f.id === featureId) as { id: number; geometry: Geo; properties: Record<string, unknown> } | undefined;
}

describe('change sets: planners edit zones, reviewers decide edit by edit, approval makes new versions', function () {
  this.timeout(600_000);
  let t: TestApp;
  let planner: string;
  let reviewer: string;
  let admin: string;
  let officer: string;
  before(async () => {
    t = await startTestApp();
    [planner, reviewer, admin, officer] = await Promise.all([loginAs(t.app, 'planner'), loginAs(t.app, 'reviewer'), loginAs(t.app, 'admin'), loginAs(t.app, 'officer')]);
  });
  after(async () => t?.close());

  const post = (path: string, token: string, body: unknown) => request(t.app).post(path).set('Authorization', `Bearer ${token}`).send(body as object);
  const get = (path: string, token: string) => request(t.app).get(path).set('Authorization', `Bearer ${token}`);

  it('runs the whole lifecycle: edits with checks, submit, review per edit, approve, as-of reads and history', async () => {
    // Three zones of the demo plan in the same ward: A gets a new coverage, B a new outline, C is replaced by a new zone.
    const candidates = await zones(t, `ward_code = '31168' AND max_floors > 0 AND max_far IS NOT NULL AND max_coverage_pct >= 20 AND (max_coverage_pct - 5) * max_floors / 100 >= max_far`);
    expect(candidates.length).to.be.greaterThan(3);
    const [a, b, c] = candidates;

    const created = await post('/api/changesets', planner, { title: 'Điều chỉnh cục bộ (kiểm thử)' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ status: 'draft', lock_version: 1, effective_from: null });
    expect(created.body.plan_id).to.be.a('number');
    expect(created.body.edits).to.deep.equal([]);
    expect(created.body.allowed_events).to.have.members(['submit', 'withdraw']);
    const id = created.body.id as number;

    const newCoverage = (a.max_coverage_pct as number) - 5;
    const editA = await post(`/api/changesets/${id}/edits`, planner, {
      op: 'modify',
      layer: 'zones',
      feature_id: a.feature_id,
      base_version: a.version,
      feature: { type: 'Feature', geometry: null, properties: { max_coverage_pct: newCoverage } },
    });
    expect(editA.status, JSON.stringify(editA.body)).to.equal(201);
    expect(editA.body.id).to.be.a('number');
    expect(editA.body.checks).to.be.an('array');
    expect(editA.body.checks.filter((r: { severity: string }) => r.severity === 'error'), JSON.stringify(editA.body.checks)).to.deep.equal([]);
    expect(editA.body.before.properties.max_coverage_pct).to.equal(a.max_coverage_pct);
    expect(editA.body.after.properties.max_coverage_pct).to.equal(newCoverage);
    expect(editA.body.after.properties.lot_code).to.equal(a.lot_code);
    expect(editA.body.lock_version).to.equal(2);

    const outlineB = withExtraVertex(b.geometry);
    const editB = await post(`/api/changesets/${id}/edits`, planner, {
      op: 'modify',
      layer: 'zones',
      feature_id: b.feature_id,
      base_version: b.version,
      feature: { type: 'Feature', geometry: outlineB, properties: { name: 'Ô điều chỉnh' } },
    });
    expect(editB.status, JSON.stringify(editB.body)).to.equal(201);
    const deleteC = await post(`/api/changesets/${id}/edits`, planner, { op: 'delete', layer: 'zones', feature_id: c.feature_id, base_version: c.version });
    expect(deleteC.status, JSON.stringify(deleteC.body)).to.equal(201);
    // The new zone takes C's place: no overlap with C (deleted in the same set), no gap.
    const createD = await post(`/api/changesets/${id}/edits`, planner, {
      op: 'create',
      layer: 'zones',
      feature: { type: 'Feature', geometry: c.geometry, properties: { lot_code: `${c.lot_code}-M`, land_use_code: 'CX', max_coverage_pct: 5, max_far: 0.05, max_floors: 1, max_height_m: 6 } },
    });
    expect(createD.status, JSON.stringify(createD.body)).to.equal(201);
    expect(createD.body.checks.filter((r: { id: string }) => r.id === 'overlap'), JSON.stringify(createD.body.checks)).to.deep.equal([]);

    const submitted = await post(`/api/changesets/${id}/transitions`, planner, { event: 'submit' });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    expect(submitted.body.status).to.equal('submitted');
    expect(submitted.body.submitted_at).to.be.a('string');
    expect(submitted.body.checks_run_at).to.be.a('string');
    expect(submitted.body.edits).to.have.length(4);

    // Approval needs every edit decided.
    expectProblem(await post(`/api/changesets/${id}/transitions`, reviewer, { event: 'approve' }), 409);
    for (const e of [editA, editB, deleteC, createD]) {
      const r = await post(`/api/changesets/${id}/edits/${e.body.id}/review`, reviewer, { decision: 'approve', comment: 'Đồng ý' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.review_decision).to.equal('approve');
    }
    const approved = await post(`/api/changesets/${id}/transitions`, reviewer, { event: 'approve', comment: 'Phê duyệt' });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
    expect(approved.body.status).to.equal('approved');
    expect(approved.body.decided_by_name).to.match(/thẩm định/);
    expect(approved.body.effective_from).to.be.a('string');
    const newD = approved.body.edits.find((e: { id: number }) => e.id === createD.body.id);
    expect(newD.feature_id).to.be.a('number');

    // As of yesterday the plan is as it was; as of today the change set is in force.
    const aBefore = await zoneAsOf(t, a.feature_id, yesterday(), a.geometry);
    const aAfter = await zoneAsOf(t, a.feature_id, today(), a.geometry);
    expect(aBefore!.properties.max_coverage_pct).to.equal(a.max_coverage_pct);
    expect(aBefore!.properties.version).to.equal(a.version);
    expect(aAfter!.properties.max_coverage_pct).to.equal(newCoverage);
    expect(aAfter!.properties.version).to.equal(a.version + 1);
    const bBefore = await zoneAsOf(t, b.feature_id, yesterday(), b.geometry);
    const bAfter = await zoneAsOf(t, b.feature_id, today(), b.geometry);
    expect(bBefore!.geometry.coordinates[0][0]).to.have.length(b.geometry.coordinates[0][0].length);
    expect(bAfter!.geometry.coordinates[0][0]).to.have.length(b.geometry.coordinates[0][0].length + 1);
    expect(bAfter!.properties.name).to.equal('Ô điều chỉnh');
    expect(await zoneAsOf(t, c.feature_id, yesterday(), c.geometry)).to.not.equal(undefined);
    expect(await zoneAsOf(t, c.feature_id, today(), c.geometry)).to.equal(undefined);
    expect(await zoneAsOf(t, newD.feature_id, yesterday(), c.geometry)).to.equal(undefined);
    expect((await zoneAsOf(t, newD.feature_id, today(), c.geometry))!.properties.lot_code).to.equal(`${c.lot_code}-M`);

    // History: both versions, newest first, with author and change set.
    const history = await request(t.app).get(`/api/zones/${a.feature_id}/history`);
    expect(history.status).to.equal(200);
    expect(history.body.items.map((v: { version: number }) => v.version)).to.deep.equal([a.version + 1, a.version]);
    const [latest, first] = history.body.items;
    expect(latest).to.include({ change_set_id: id, change_set_title: 'Điều chỉnh cục bộ (kiểm thử)', created_by_name: 'Chuyên viên quy hoạch (demo)', valid_to: null });
    expect(latest.approved_by_name).to.equal('Lãnh đạo phòng thẩm định (demo)');
    expect(latest.properties.max_coverage_pct).to.equal(newCoverage);
    expect(first.valid_to).to.equal(latest.valid_from);
    expect(first.properties.max_coverage_pct).to.equal(a.max_coverage_pct);
    const deleted = await request(t.app).get(`/api/zones/${c.feature_id}/history`);
    expect(deleted.body.items[0].valid_to).to.be.a('string');

    // Every write left an audit row.
    const { rows } = await t.db.knex.raw(`SELECT action FROM audit_log WHERE entity = 'change_set' AND entity_id = ? ORDER BY id`, [String(id)]);
    expect(rows.map((r: { action: string }) => r.action)).to.deep.equal(['create', 'add_edit', 'add_edit', 'add_edit', 'add_edit', 'submit', 'review_edit', 'review_edit', 'review_edit', 'review_edit', 'approve']);
  });

  it('refuses an edit made on a stale version with 409 naming the current version', async () => {
    const [z] = await zones(t, `version = 1 AND ward_code = '31120'`);
    const cs = await post('/api/changesets', planner, { title: 'stale' });
    const res = await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, base_version: 7, feature: { type: 'Feature', properties: { name: 'x' } } });
    expectProblem(res, 409);
    expect(res.body.code).to.equal('stale_base_version');
    expect(res.body.current_version).to.equal(1);
    expect(res.body.detail).to.include('version 1');
    // A second edit of the same feature in one set is refused too.
    expect((await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'delete', layer: 'zones', feature_id: z.feature_id })).status).to.equal(201);
    const dup = await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, feature: { type: 'Feature', properties: { name: 'y' } } });
    expectProblem(dup, 409);
    expect(dup.body.code).to.equal('duplicate_feature_edit');
    // Removing the first edit (a draft, its author) frees the feature for another one.
    const draft = await get(`/api/changesets/${cs.body.id}`, planner);
    const removeStale = await request(t.app).delete(`/api/changesets/${cs.body.id}/edits/${draft.body.edits[0].id}`).set('Authorization', `Bearer ${planner}`).set('If-Match', '"1"');
    expectProblem(removeStale, 409);
    const removed = await request(t.app).delete(`/api/changesets/${cs.body.id}/edits/${draft.body.edits[0].id}`).set('Authorization', `Bearer ${planner}`).set('If-Match', `"${draft.body.lock_version}"`);
    expect(removed.status).to.equal(204);
    expect((await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, feature: { type: 'Feature', properties: { name: 'y' } } })).status).to.equal(201);
    expectProblem(await request(t.app).delete(`/api/changesets/${cs.body.id}/edits/${draft.body.edits[0].id}`).set('Authorization', `Bearer ${reviewer}`), 403);
  });

  it('refuses bad edits with 400/422 naming the field, and writes nothing', async () => {
    const cs = await post('/api/changesets', planner, { title: 'bad input' });
    const [z] = await zones(t, `ward_code = '31120'`);
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'move', layer: 'zones' }), 400, '/op');
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, feature: { type: 'Feature', properties: { max_far: 'high' } } }), 400, '/feature/properties/max_far');
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: z.feature_id, feature: { type: 'Feature', properties: { max_coverage_pct: 140 } } }), 400, '/feature/properties/max_coverage_pct');
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'create', layer: 'zones', feature: { type: 'Feature', geometry: z.geometry, properties: { land_use_code: 'HH' } } }), 400, '/feature/properties/lot_code');
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: 99999999, feature: { type: 'Feature', properties: { name: 'x' } } }), 422, '/feature_id');
    expectProblem(await post('/api/changesets', planner, { title: '' }), 400, '/title');
    expectProblem(await post('/api/changesets', planner, { title: 'x', effective_from: '2025-02-30' }), 400, '/effective_from');
    const after = await get(`/api/changesets/${cs.body.id}`, planner);
    expect(after.body.edits).to.deep.equal([]);
    expect(after.body.lock_version).to.equal(1);
  });

  it('refuses to submit a set with a blocking error (an overlap) with 422 listing it by edit id', async () => {
    const [z] = await zones(t, `ward_code = '31135'`);
    const cs = await post('/api/changesets', planner, { title: 'overlap' });
    const edit = await post(`/api/changesets/${cs.body.id}/edits`, planner, {
      op: 'create',
      layer: 'zones',
      feature: { type: 'Feature', geometry: z.geometry, properties: { lot_code: 'TEST-OVERLAP', land_use_code: 'HH', max_coverage_pct: 50, max_far: 2, max_floors: 5 } },
    });
    expect(edit.status).to.equal(201);
    const overlap = edit.body.checks.find((r: { id: string }) => r.id === 'overlap');
    expect(overlap, JSON.stringify(edit.body.checks)).to.include({ severity: 'error', other_feature_id: z.feature_id });
    const res = await post(`/api/changesets/${cs.body.id}/transitions`, planner, { event: 'submit' });
    expectProblem(res, 422, `/edits/${edit.body.id}`);
    expect(res.body.code).to.equal('blocking_check_errors');
    expect((await get(`/api/changesets/${cs.body.id}`, planner)).body.status).to.equal('draft');
  });

  it('keeps roles and authors apart: wrong role 403, self-approval 403, illegal transition 409', async () => {
    expectProblem(await post('/api/changesets', officer, { title: 'not mine' }), 403);
    const notPlanner = await post('/api/changesets', reviewer, { title: 'not mine' });
    expectProblem(notPlanner, 403);
    expect(notPlanner.body.detail_vi).to.equal('Thao tác này cần vai trò "quy hoạch"; vai trò của bạn: "lãnh đạo phê duyệt".');
    const [z] = await zones(t, `ward_code = '31147'`);
    const own = await post('/api/changesets', admin, { title: 'admin writes' });
    expect(own.status).to.equal(201);
    await post(`/api/changesets/${own.body.id}/edits`, admin, { op: 'modify', layer: 'zones', feature_id: z.feature_id, base_version: z.version, feature: { type: 'Feature', properties: { citation: 'Điều 5' } } });
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, admin, { event: 'approve' }), 409); // still a draft
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, planner, { event: 'submit' }), 403); // not the author
    expect((await post(`/api/changesets/${own.body.id}/transitions`, admin, { event: 'submit' })).status).to.equal(200);
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, planner, { event: 'approve' }), 403); // wrong role
    const self = await post(`/api/changesets/${own.body.id}/transitions`, admin, { event: 'approve' });
    expectProblem(self, 403); // own change set, even as admin
    expect(self.body.detail).to.match(/wrote/);
    const edits = (await get(`/api/changesets/${own.body.id}`, reviewer)).body.edits;
    expectProblem(await post(`/api/changesets/${own.body.id}/edits/${edits[0].id}/review`, admin, { decision: 'approve' }), 403);
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, reviewer, { event: 'submit' }), 409);
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, reviewer, { event: 'publish' }), 409);
    expect((await post(`/api/changesets/${own.body.id}/transitions`, admin, { event: 'withdraw' })).body.status).to.equal('withdrawn');
    expectProblem(await post(`/api/changesets/${own.body.id}/transitions`, admin, { event: 'withdraw' }), 409);
    expectProblem(await request(t.app).get('/api/changesets'), 401);
    expectProblem(await get('/api/changesets', officer), 403);
  });

  it('keeps a rejected edit with the reviewer comment visible to its author, and applies only approved edits', async () => {
    const [x, y] = await zones(t, `ward_code = '31186' AND max_floors IS NOT NULL`);
    const cs = await post('/api/changesets', planner, { title: 'partly rejected' });
    const ex = await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: x.feature_id, base_version: x.version, feature: { type: 'Feature', properties: { name: 'giữ' } } });
    const ey = await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: y.feature_id, base_version: y.version, feature: { type: 'Feature', properties: { name: 'bỏ' } } });
    const sub = await post(`/api/changesets/${cs.body.id}/transitions`, planner, { event: 'submit' });
    expect(sub.status, JSON.stringify(sub.body)).to.equal(200);
    expect((await post(`/api/changesets/${cs.body.id}/edits/${ex.body.id}/review`, reviewer, { decision: 'approve' })).status).to.equal(200);
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits/${ey.body.id}/review`, reviewer, { decision: 'reject' }), 400, '/comment');
    const rej = await post(`/api/changesets/${cs.body.id}/edits/${ey.body.id}/review`, reviewer, { decision: 'reject', comment: 'Tên ô không đúng quy định' });
    expect(rej.status).to.equal(200);
    // A stale lock_version (If-Match) is refused: another review happened since.
    expectProblem(await post(`/api/changesets/${cs.body.id}/edits/${ey.body.id}/review`, reviewer, { decision: 'approve' }).set('If-Match', '"1"'), 409);
    const done = await post(`/api/changesets/${cs.body.id}/transitions`, reviewer, { event: 'approve', lock_version: rej.body.lock_version });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const seen = await get(`/api/changesets/${cs.body.id}`, planner);
    const rejected = seen.body.edits.find((e: { id: number }) => e.id === ey.body.id);
    expect(rejected).to.include({ review_decision: 'reject', review_comment: 'Tên ô không đúng quy định', reviewed_by_name: 'Lãnh đạo phòng thẩm định (demo)' });
    const { rows } = await t.db.knex.raw(`SELECT feature_id, name, version FROM zones WHERE feature_id IN (?, ?) AND valid_to IS NULL ORDER BY feature_id`, [x.feature_id, y.feature_id]);
    expect(rows.find((r: { feature_id: number }) => r.feature_id === x.feature_id)).to.include({ name: 'giữ', version: x.version + 1 });
    expect(rows.find((r: { feature_id: number }) => r.feature_id === y.feature_id)).to.include({ version: y.version });
    const mine = await get('/api/changesets?mine=true&status=approved', planner);
    expect(mine.body.items.map((i: { id: number }) => i.id)).to.include(cs.body.id);
    expect(mine.body.items.every((i: { status: string }) => i.status === 'approved')).to.equal(true);
  });

  it('gives the diff of a set as GeoJSON: added, modified and removed features', async () => {
    const [m, r] = await zones(t, `ward_code = '31201'`);
    const cs = await post('/api/changesets', planner, { title: 'diff' });
    await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'modify', layer: 'zones', feature_id: m.feature_id, feature: { type: 'Feature', properties: { max_height_m: 30 } } });
    await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'delete', layer: 'zones', feature_id: r.feature_id });
    await post(`/api/changesets/${cs.body.id}/edits`, planner, { op: 'create', layer: 'zones', feature: { type: 'Feature', geometry: r.geometry, properties: { lot_code: 'DIFF-NEW', land_use_code: 'CX' } } });
    const diff = await get(`/api/changesets/${cs.body.id}/diff`, reviewer);
    expect(diff.status).to.equal(200);
    expect(diff.headers['content-type']).to.match(/geo\+json/);
    expect(diff.body.features.map((f: { properties: { change: string } }) => f.properties.change)).to.deep.equal(['modified', 'removed', 'added']);
    expect(diff.body.features[0].properties.changed_attributes).to.deep.equal(['max_height_m']);
    expect(diff.body.features[1].geometry).to.deep.equal(r.geometry);
  });

  it('keeps a planner with assigned wards inside them: an edit elsewhere is 403 naming the ward', async () => {
    const hash = await hashPassword(DEMO_PASSWORD);
    await insertUser(t.db.knex, { email: 'ward-planner@spp.demo', name: 'Chuyên viên phường', roles: ['planner'], ward_codes: ['31168'], password_hash: hash } as Parameters<typeof insertUser>[1]);
    const login = await request(t.app).post('/api/auth/login').send({ email: 'ward-planner@spp.demo', password: DEMO_PASSWORD });
    const token = login.body.token as string;
    const cs = await post('/api/changesets', token, { title: 'phường' });
    const [inside] = await zones(t, `ward_code = '31168' AND ST_CoveredBy(geom, (SELECT geom FROM wards WHERE code = '31168'))`);
    const [outside] = await zones(t, `ward_code = '31201' AND NOT ST_Intersects(geom, (SELECT geom FROM wards WHERE code = '31168'))`);
    expect((await post(`/api/changesets/${cs.body.id}/edits`, token, { op: 'modify', layer: 'zones', feature_id: inside.feature_id, feature: { type: 'Feature', properties: { name: 'trong phường' } } })).status).to.equal(201);
    const res = await post(`/api/changesets/${cs.body.id}/edits`, token, { op: 'modify', layer: 'zones', feature_id: outside.feature_id, feature: { type: 'Feature', properties: { name: 'ngoài phường' } } });
    expectProblem(res, 403);
    expect(res.body.code).to.equal('outside_assigned_wards');
    expect(res.body.wards.map((w: { code: string }) => w.code)).to.include('31201');
    expect(res.body.detail).to.include('31201');
  });
});
