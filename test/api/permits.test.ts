import request from 'supertest';
import { expect } from 'chai';
import type { MultiPolygon } from 'geojson';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';

interface Fixture {
  parcel_id: number;
  site: MultiPolygon;
  zone: { lot_code: string; max_coverage_pct: number; citation: string };
  /** Footprint scaled about the parcel's centroid by this linear factor. */
  scaled(s: number): Promise<{ geometry: MultiPolygon; coverage_pct: number; area_m2: number }>;
}

/**
 * A housing parcel wholly inside one zone with a coverage limit, far from every constraint, so the
 * only rule a big footprint can break is coverage. Expected values come from PostGIS (EPSG:5897).
 */
async function housingParcel(t: TestApp): Promise<Fixture> {
  const { rows } = await t.db.knex.raw(`
    SELECT pa.id, ST_AsGeoJSON(pa.geom, 9)::json AS site, z.lot_code, z.max_coverage_pct::float8 AS max_coverage_pct, z.citation
    FROM parcels pa JOIN zones z ON z.valid_to IS NULL AND ST_Within(pa.geom, z.geom)
    WHERE z.land_use_code IN ('OM', 'NO') AND z.max_coverage_pct BETWEEN 50 AND 80 AND z.max_far >= 3 AND 'ODT' = ANY (z.permitted_uses)
      AND ST_Area(ST_Transform(pa.geom, 5897)) BETWEEN 100 AND 300
      AND NOT EXISTS (SELECT 1 FROM constraints c WHERE ST_DWithin(c.geom, pa.geom, 0.0004))
      AND NOT EXISTS (SELECT 1 FROM zones z2 WHERE z2.valid_to IS NULL AND z2.feature_id <> z.feature_id AND ST_DWithin(z2.geom, pa.geom, 0.0001) AND z2.min_setback_m > z.min_setback_m)
    ORDER BY pa.id LIMIT 1`);
  expect(rows, 'a housing parcel far from constraints exists in the demo plan').to.have.length(1);
  const r = rows[0];
  return {
    parcel_id: r.id,
    site: r.site,
    zone: { lot_code: r.lot_code, max_coverage_pct: r.max_coverage_pct, citation: r.citation },
    async scaled(s: number) {
      const { rows: out } = await t.db.knex.raw(
        `WITH p AS (SELECT geom, ST_X(ST_Centroid(geom)) AS cx, ST_Y(ST_Centroid(geom)) AS cy FROM parcels WHERE id = ?),
              f AS (SELECT ST_Translate(ST_Scale(ST_Translate(geom, -cx, -cy), ?::float8, ?::float8), cx, cy) AS g, geom FROM p)
         SELECT ST_AsGeoJSON(g, 9)::json AS geometry, ST_Area(ST_Transform(g, 5897)) AS area,
                100 * ST_Area(ST_Transform(g, 5897)) / ST_Area(ST_Transform(geom, 5897)) AS coverage FROM f`,
        [r.id, s, s],
      );
      return { geometry: out[0].geometry, coverage_pct: out[0].coverage, area_m2: out[0].area };
    },
  };
}

describe('planning permits: applications, compliance report, lifecycle', function () {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let fx: Fixture;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async function () {
    t = await startTestApp();
    officer = await loginAs(t.app, 'officer');
    reviewer = await loginAs(t.app, 'reviewer');
    fx = await housingParcel(t);
  });
  after(async () => t?.close());

  async function apply(linear: number, extra: Record<string, unknown> = {}) {
    const fp = await fx.scaled(linear);
    const res = await request(t.app)
      .post('/api/permits')
      .set(auth(officer))
      .send({ applicant: 'Nguyễn Văn An', parcel_id: fx.parcel_id, footprint: fp.geometry, use: 'ODT', floors: 3, height_m: 12, gfa_m2: fp.area_m2 * 2, ...extra });
    return { res, fp };
  }

  const countRows = async (table: string) => Number((await t.db.knex(table).count({ n: '*' }))[0].n);

  it('creates an application on a parcel with a human-readable unique number', async () => {
    const { res } = await apply(0.5);
    expect(res.status, res.text.slice(0, 300)).to.equal(201);
    expect(res.headers.location).to.equal(`/api/permits/${res.body.id}`);
    expect(res.body.number).to.match(/^CT-GPXD-\d{4}-\d{6}$/);
    expect(res.body.status).to.equal('draft');
    expect(res.body.parcel.id).to.equal(fx.parcel_id);
    expect(res.body.ward_code).to.match(/^\d{5}$/);
    expect(res.body.allowed_events).to.deep.equal(['submit']);
    const other = await apply(0.5);
    expect(other.res.body.number).to.not.equal(res.body.number);
  });

  it('reports a footprint over the coverage limit as a failed coverage check with the measured share and the evidence (HTTP 200)', async () => {
    const over = Math.sqrt((fx.zone.max_coverage_pct + 10) / 100);
    const { res, fp } = await apply(over);
    const report = await request(t.app).get(`/api/permits/${res.body.id}/compliance`).set(auth(officer));
    expect(report.status).to.equal(200);
    expect(report.body.status).to.equal('non_compliant');
    expect(report.body.snapshot).to.equal(false);
    const coverage = report.body.checks.find((c: { id: string }) => c.id === 'coverage');
    expect(coverage.status).to.equal('fail');
    expect(coverage.limit).to.equal(fx.zone.max_coverage_pct);
    expect(coverage.measured).to.be.closeTo(fp.coverage_pct, 0.01);
    expect(coverage.unit).to.equal('%');
    expect(coverage.citation).to.equal(fx.zone.citation);
    expect(coverage.evidence).to.be.an('object');
    expect(report.body.computed.footprint_area_m2).to.be.closeTo(fp.area_m2, fp.area_m2 * 1e-4);
    const { rows } = await t.db.knex.raw(`SELECT ST_Area(ST_Transform(geom, 5897)) AS a FROM parcels WHERE id = ?`, [fx.parcel_id]);
    expect(report.body.computed.site_area_m2).to.be.closeTo(rows[0].a, rows[0].a * 1e-4);
    expect(report.body.zones[0].lot_code).to.equal(fx.zone.lot_code);
    expect(report.body.checks.map((c: { id: string }) => c.id)).to.deep.equal(['geometry_valid', 'within_parcel', 'zone_found', 'land_use', 'coverage', 'far', 'floors', 'height', 'setback', 'red_line', 'constraints']);
  });

  it('walks draft → submitted → under_review → approved, refusing approval of a non-compliant report without an override reason', async () => {
    const { res } = await apply(Math.sqrt((fx.zone.max_coverage_pct + 10) / 100));
    const id = res.body.id;
    const fire = (token: string, body: object) => request(t.app).post(`/api/permits/${id}/transitions`).set(auth(token)).send(body);
    expect((await fire(officer, { event: 'submit' })).body.status).to.equal('submitted');
    const review = await fire(officer, { event: 'start_review' });
    expect(review.body.status).to.equal('under_review');
    expect(review.body.allowed_events).to.deep.equal(['approve', 'reject']);

    const eventsBefore = await countRows('permit_events');
    const refused = await fire(reviewer, { event: 'approve' });
    expectProblem(refused, 422, '/override_reason');
    expect(JSON.parse(refused.text).code).to.equal('override_reason_required');
    expect((await request(t.app).get(`/api/permits/${id}`).set(auth(officer))).body.status).to.equal('under_review');
    expect(await countRows('permit_events')).to.equal(eventsBefore);

    const approved = await fire(reviewer, {
      event: 'approve',
      reason: 'Phù hợp quy hoạch sau khi xem xét',
      override_reason: 'Mật độ vượt do thửa đất hiện trạng nhỏ; đã có ý kiến của Sở Xây dựng',
      conditions: [{ kind: 'inspection_stage', stage: 'foundation', text: 'Kiểm tra khi thi công móng' }],
    });
    expect(approved.status, approved.text.slice(0, 300)).to.equal(200);
    expect(approved.body.status).to.equal('approved');
    expect(approved.body.override_reason).to.match(/Mật độ vượt/);
    expect(approved.body.compliance_snapshot.status).to.equal('non_compliant');
    expect(approved.body.conditions).to.have.length(1);
    expect(approved.body.conditions[0]).to.include({ kind: 'inspection_stage', stage: 'foundation' });
    const months = (Date.parse(approved.body.valid_to) - Date.parse(approved.body.valid_from)) / 86400_000;
    expect(months).to.be.within(365, 366);
    expect(approved.body.events.map((e: { event: string }) => e.event)).to.deep.equal(['submit', 'start_review', 'approve']);

    const snap = await request(t.app).get(`/api/permits/${id}/compliance`).set(auth(officer));
    expect(snap.body.snapshot).to.equal(true);
    expect(snap.body.status).to.equal('non_compliant');

    const audit = await t.db.knex('audit_log').where({ entity: 'permit', entity_id: String(id) }).orderBy('id').pluck('action');
    expect(audit).to.deep.equal(['create', 'submit', 'start_review', 'approve']);
  });

  it('approves a compliant application without an override', async () => {
    const { res } = await apply(0.6);
    const id = res.body.id;
    for (const event of ['submit', 'start_review']) await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event });
    const ok = await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event: 'approve' });
    expect(ok.status, ok.text.slice(0, 400)).to.equal(200);
    expect(ok.body.compliance_snapshot.status).to.equal('compliant');
    expect(ok.body.override_reason).to.equal(null);
  });

  it('refuses illegal transitions with 409, wrong roles with 403, a missing reason with 400', async () => {
    const { res } = await apply(0.5);
    const id = res.body.id;
    const fire = (token: string, body: object) => request(t.app).post(`/api/permits/${id}/transitions`).set(auth(token)).send(body);
    const illegal = await fire(officer, { event: 'approve' });
    expectProblem(illegal, 409);
    expect(JSON.parse(illegal.text)).to.include({ code: 'illegal_transition', status: 409 });
    expect(JSON.parse(illegal.text).allowed_events).to.deep.equal(['submit']);
    // Statuses and events are named as the pages name them.
    expect(JSON.parse(illegal.text).detail_vi).to.equal('Hồ sơ ở trạng thái "Nháp" không thể nhận bước "Cấp phép"; các bước được phép là: "Nộp hồ sơ".');
    expectProblem(await fire(officer, { event: 'fly' }), 409);
    expectProblem(await fire(reviewer, { event: 'submit' }), 403);
    const planner = await loginAs(t.app, 'planner');
    expectProblem(await fire(planner, { event: 'submit' }), 403);
    await fire(officer, { event: 'submit' });
    await fire(officer, { event: 'start_review' });
    expectProblem(await fire(officer, { event: 'reject' }), 400, '/reason');
    const rejected = await fire(officer, { event: 'reject', reason: 'Không phù hợp chức năng sử dụng đất' });
    expect(rejected.body.status).to.equal('rejected');
    expect(rejected.body.decision_reason).to.equal('Không phù hợp chức năng sử dụng đất');
    expectProblem(await fire(officer, { event: 'submit' }), 409);
  });

  it('only reviewers revoke an approved permit, with a reason', async () => {
    const { res } = await apply(0.6);
    const id = res.body.id;
    for (const event of ['submit', 'start_review', 'approve']) await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event });
    expectProblem(await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event: 'revoke', reason: 'x' }), 403);
    expectProblem(await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(reviewer)).send({ event: 'revoke' }), 400, '/reason');
    const revoked = await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(reviewer)).send({ event: 'revoke', reason: 'Hồ sơ giả mạo' });
    expect(revoked.body.status).to.equal('revoked');
    expect(revoked.body.compliance_snapshot.status).to.equal('compliant');
  });

  it('lets two simultaneous decisions through one at a time: the second sees the first and gets 409', async () => {
    const { res } = await apply(0.6);
    const id = res.body.id;
    for (const event of ['submit', 'start_review']) await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event });
    const [a, b] = await Promise.all([
      request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event: 'approve' }),
      request(t.app).post(`/api/permits/${id}/transitions`).set(auth(reviewer)).send({ event: 'reject', reason: 'Thiếu hồ sơ' }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const events = await t.db.knex('permit_events').where({ permit_id: id }).pluck('event');
    expect(events.filter((e: string) => e === 'approve' || e === 'reject')).to.have.length(1);
  });

  it('amends an application with optimistic locking: a stale version gets 409 and changes nothing', async () => {
    const { res } = await apply(Math.sqrt((fx.zone.max_coverage_pct + 10) / 100));
    const id = res.body.id;
    const smaller = await fx.scaled(0.6);
    const ok = await request(t.app).patch(`/api/permits/${id}`).set(auth(officer)).send({ lock_version: res.body.lock_version, footprint: smaller.geometry, gfa_m2: smaller.area_m2 * 2 });
    expect(ok.status, ok.text.slice(0, 300)).to.equal(200);
    expect(ok.body.lock_version).to.equal(res.body.lock_version + 1);
    const report = await request(t.app).get(`/api/permits/${id}/compliance`).set(auth(officer));
    expect(report.body.checks.find((c: { id: string }) => c.id === 'coverage').status).to.equal('pass');
    const stale = await request(t.app).patch(`/api/permits/${id}`).set(auth(officer)).send({ lock_version: res.body.lock_version, floors: 7 });
    expectProblem(stale, 409);
    expect(JSON.parse(stale.text)).to.include({ code: 'stale_version', current_version: res.body.lock_version + 1 });
    expect((await request(t.app).get(`/api/permits/${id}`).set(auth(officer))).body.floors).to.equal(3);
  });

  it('needs a sign-in to read permits and the permit_officer role to enter them', async () => {
    expectProblem(await request(t.app).get('/api/permits'), 401);
    const inspector = await loginAs(t.app, 'inspector');
    const list = await request(t.app).get('/api/permits?status=approved&limit=5').set(auth(inspector));
    expect(list.status).to.equal(200);
    expect(list.body.items.length).to.be.within(1, 5);
    for (const p of list.body.items) {
      expect(p.status).to.equal('approved');
      expect(p).to.have.property('parcel');
    }
    expect(list.body.numberMatched).to.be.at.least(list.body.items.length);
    const planner = await loginAs(t.app, 'planner');
    const refused = await request(t.app).post('/api/permits').set(auth(planner)).send({});
    expectProblem(refused, 403);
    // Roles are named as the pages name them, in each language.
    expect(refused.body.detail).to.equal('This action needs the role permit_officer; you have planner.');
    expect(refused.body.detail_vi).to.equal('Thao tác này cần vai trò "cán bộ cấp phép"; vai trò của bạn: "quy hoạch".');
  });

  it('refuses bad applications with a problem naming each field, and writes nothing', async () => {
    const before = await countRows('permits');
    const fp = (await fx.scaled(0.5)).geometry;
    const post = (body: object) => request(t.app).post('/api/permits').set(auth(officer)).send(body);
    const base = { applicant: 'Trần Thị Bình', parcel_id: fx.parcel_id, footprint: fp, use: 'ODT', floors: 3, height_m: 12, gfa_m2: 200 };

    const missing = await post({});
    expectProblem(missing, 400);
    expect(JSON.parse(missing.text).errors.map((e: { path: string }) => e.path)).to.include.members(['/applicant', '/footprint', '/use', '/floors', '/height_m', '/gfa_m2', '/site']);
    expectProblem(await post({ ...base, floors: 0 }), 400, '/floors');
    expectProblem(await post({ ...base, floors: 2.5 }), 400, '/floors');
    expectProblem(await post({ ...base, height_m: -3 }), 400, '/height_m');
    expectProblem(await post({ ...base, gfa_m2: 'lots' }), 400, '/gfa_m2');
    expectProblem(await post({ ...base, colour: 'red' }), 400, '/colour');
    expectProblem(await post({ ...base, footprint: { type: 'Point', coordinates: [105.78, 10.03] } }), 400, '/footprint/type');
    expectProblem(await post({ ...base, footprint: { type: 'Polygon', coordinates: [[[105.78, 10.03], [105.78, 'x'], [105.781, 10.031], [105.78, 10.03]]] } }), 400, '/footprint/coordinates/0/1');
    expectProblem(await post({ ...base, use: 'XYZ' }), 422, '/use');
    expectProblem(await post({ ...base, parcel_id: 99999999 }), 422, '/parcel_id');
    const [lon, lat] = fp.coordinates[0][0][0];
    const d = 0.0001;
    const bowTie = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat + d], [lon + d, lat], [lon, lat + d], [lon, lat]]] };
    const crossing = await post({ ...base, footprint: bowTie });
    expectProblem(crossing, 422, '/footprint');
    expect(JSON.parse(crossing.text).detail).to.match(/cross|intersect/i);
    // VN-2000 metres sent as if they were lon/lat
    const metres = { type: 'Polygon', coordinates: [[[585800, 1109700], [585820, 1109700], [585820, 1109720], [585800, 1109720], [585800, 1109700]]] };
    expectProblem(await post({ ...base, parcel_id: undefined, site: metres, footprint: metres }), 422);
    expectProblem(await post({ ...base, crs: 'EPSG:32648' }), 400, '/crs');
    expect(await countRows('permits')).to.equal(before);
  });

  it('accepts a site and footprint in VN-2000 metres when the CRS is declared, and measures them in m²', async () => {
    const site = { type: 'Polygon', coordinates: [[[585800, 1109700], [585820, 1109700], [585820, 1109730], [585800, 1109730], [585800, 1109700]]] };
    const footprint = { type: 'Polygon', coordinates: [[[585805, 1109705], [585815, 1109705], [585815, 1109725], [585805, 1109725], [585805, 1109705]]] };
    const res = await request(t.app).post('/api/permits').set(auth(officer)).send({ applicant: 'Lê Văn Cường', site, footprint, crs: 'EPSG:5897', use: 'ODT', floors: 2, height_m: 8, gfa_m2: 400 });
    expect(res.status, res.text.slice(0, 300)).to.equal(201);
    const report = await request(t.app).get(`/api/permits/${res.body.id}/compliance`).set(auth(officer));
    expect(report.body.computed.site_area_m2).to.be.closeTo(600, 0.01);
    expect(report.body.computed.footprint_area_m2).to.be.closeTo(200, 0.01);
    const { rows } = await t.db.knex.raw(`SELECT ST_Area(ST_Transform(site, 5897)) AS a FROM permits WHERE id = ?`, [res.body.id]);
    expect(rows[0].a).to.be.closeTo(600, 0.01);
  });

  it('derives "expired" for an approved permit whose validity has ended, and filters by it', async () => {
    const { res } = await apply(0.6);
    const id = res.body.id;
    for (const event of ['submit', 'start_review', 'approve']) await request(t.app).post(`/api/permits/${id}/transitions`).set(auth(officer)).send({ event });
    await t.db.knex('permits').where({ id }).update({ valid_from: '2020-01-01', valid_to: '2021-01-01' });
    const permit = await request(t.app).get(`/api/permits/${id}`).set(auth(officer));
    expect(permit.body).to.include({ status: 'approved', effective_status: 'expired' });
    const expired = await request(t.app).get('/api/permits?status=expired&limit=100').set(auth(officer));
    expect(expired.body.items.map((p: { id: number }) => p.id)).to.include(id);
    for (const p of expired.body.items) expect(p.effective_status).to.equal('expired');
    const approved = await request(t.app).get('/api/permits?status=approved&limit=100').set(auth(officer));
    expect(approved.body.items.map((p: { id: number }) => p.id)).to.not.include(id);
  });

  it('ships sample permits whose history and snapshot match their status', async () => {
    const list = await request(t.app).get('/api/permits?status=revoked&limit=50').set(auth(officer));
    expect(list.body.items.length).to.be.at.least(1);
    const permit = await request(t.app).get(`/api/permits/${list.body.items[0].id}`).set(auth(officer));
    expect(permit.body.events.map((e: { event: string }) => e.event)).to.deep.equal(['submit', 'start_review', 'approve', 'revoke']);
    expect(permit.body.compliance_snapshot.status).to.be.oneOf(['compliant', 'non_compliant', 'incomplete']);
    if (permit.body.compliance_snapshot.status !== 'compliant') expect(permit.body.override_reason).to.be.a('string').and.not.empty;
  });
});

