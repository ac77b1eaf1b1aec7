import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';

// A window over the former Ninh Kiều centre, inside the demo plan.
const CENTRE = [105.77, 10.025, 105.79, 10.04];

describe('public reads of the demo plan: plans, zones, constraints, parcels, wards', function () {
  let t: TestApp;
  before(async function () {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('lists the demo plan with its decision and a demo notice', async () => {
    const res = await request(t.app).get('/api/plans');
    expect(res.status).to.equal(200);
    expect(res.body.items).to.have.length(1);
    const plan = res.body.items[0];
    expect(plan.is_demo).to.equal(true);
    expect(plan.decision_no).to.be.a('string').and.not.empty;
    expect(plan.decision_date).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(plan.decision_date < new Date().toISOString().slice(0, 10)).to.equal(true);
    expect(plan.notice_vi).to.match(/minh hoạ|minh họa|demo/i);
    expect(plan.notice_en).to.match(/demo/i);
  });

  it('returns exactly the zones that PostGIS ST_Intersects finds for a bbox', async () => {
    const res = await request(t.app).get(`/api/zones?bbox=${CENTRE.join(',')}&limit=10000`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/geo\+json/);
    const { rows } = await t.db.knex.raw(
      `SELECT feature_id FROM zones WHERE valid_to IS NULL AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY feature_id`,
      CENTRE,
    );
    const expected = rows.map((r: { feature_id: number }) => r.feature_id);
    expect(expected.length).to.be.greaterThan(20);
    expect(res.body.features.map((f: { id: number }) => f.id)).to.deep.equal(expected);
    expect(res.body.numberMatched).to.equal(expected.length);
    expect(res.body.numberReturned).to.equal(expected.length);
  });

  it('gives each zone its id, indicators and version as GeoJSON properties', async () => {
    const res = await request(t.app).get(`/api/zones?bbox=${CENTRE.join(',')}&limit=50`);
    const f = res.body.features[0];
    expect(f.type).to.equal('Feature');
    expect(f.id).to.be.a('number');
    expect(f.geometry.type).to.equal('MultiPolygon');
    expect(f.properties).to.include.keys('lot_code', 'land_use_code', 'max_coverage_pct', 'max_far', 'max_floors', 'max_height_m', 'min_setback_m', 'version', 'permitted_uses', 'citation');
    expect(f.properties.version).to.equal(1);
    const regulated = res.body.features.find((z: { properties: { max_coverage_pct: unknown } }) => z.properties.max_coverage_pct !== null);
    expect(regulated.properties.max_coverage_pct).to.be.a('number').within(0, 100);
  });

  it('pages: limit cuts the answer, numberMatched stays, next link continues without overlap', async () => {
    const all = await request(t.app).get(`/api/zones?bbox=${CENTRE.join(',')}&limit=10000`);
    const first = await request(t.app).get(`/api/zones?bbox=${CENTRE.join(',')}&limit=7`);
    expect(first.body.numberReturned).to.equal(7);
    expect(first.body.numberMatched).to.equal(all.body.numberMatched);
    const next = first.body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href).to.include('offset=7');
    const second = await request(t.app).get(next.href);
    expect(second.body.features.map((f: { id: number }) => f.id)).to.deep.equal(all.body.features.slice(7, 14).map((f: { id: number }) => f.id));
  });

  it('defaults limit to 1000 and has no next link when everything fits', async () => {
    const res = await request(t.app).get('/api/zones');
    expect(res.body.numberReturned).to.equal(Math.min(1000, res.body.numberMatched));
    const small = await request(t.app).get(`/api/zones?bbox=105.7800,10.0300,105.7801,10.0301`);
    expect(small.body.links.some((l: { rel: string }) => l.rel === 'next')).to.equal(false);
  });

  it('refuses bad bbox and limit values with 400 naming the parameter', async () => {
    expectProblem(await request(t.app).get('/api/zones?bbox=1,2,3'), 400, '/query/bbox');
    expectProblem(await request(t.app).get('/api/zones?bbox=105.79,10.0,105.77,10.1'), 400, '/query/bbox');
    expectProblem(await request(t.app).get('/api/zones?bbox=585000,1109000,586000,1110000'), 400, '/query/bbox');
    expectProblem(await request(t.app).get('/api/zones?limit=0'), 400, '/query/limit');
    expectProblem(await request(t.app).get('/api/zones?limit=10001'), 400, '/query/limit');
    expectProblem(await request(t.app).get('/api/zones?limit=abc'), 400, '/query/limit');
    expectProblem(await request(t.app).get('/api/constraints?bbox=a,b,c,d'), 400, '/query/bbox');
    expectProblem(await request(t.app).get('/api/parcels?limit=20000'), 400, '/query/limit');
  });

  it('reads the layer as of a date: nothing before the decision, everything after', async () => {
    const plan = (await request(t.app).get('/api/plans')).body.items[0];
    const dayBefore = new Date(Date.parse(plan.effective_from) - 86400_000).toISOString().slice(0, 10);
    const before = await request(t.app).get(`/api/zones?date=${dayBefore}&limit=1`);
    expect(before.body.numberMatched).to.equal(0);
    const on = await request(t.app).get(`/api/zones?date=${plan.effective_from}&limit=1`);
    // The versions in force at the end of that day in Việt Nam (UTC+7); later amendments (the demo
    // change sets) add versions that must not show up yet.
    const endOfDay = new Date(Date.parse(`${plan.effective_from}T00:00:00+07:00`) + 86400_000);
    const inForce = await t.db.knex('zones').where('valid_from', '<', endOfDay).andWhere((w) => w.whereNull('valid_to').orWhere('valid_to', '>=', endOfDay)).count({ n: '*' });
    expect(Number(inForce[0].n)).to.be.greaterThan(2000);
    expect(on.body.numberMatched).to.equal(Number(inForce[0].n));
    const today = await request(t.app).get(`/api/zones?limit=1`);
    const current = await t.db.knex('zones').whereNull('valid_to').count({ n: '*' });
    expect(today.body.numberMatched).to.equal(Number(current[0].n));
    expect(on.body.as_of).to.equal(plan.effective_from);
  });

  it('returns red lines and the river corridor among the constraints', async () => {
    const res = await request(t.app).get('/api/constraints?limit=10000');
    expect(res.status).to.equal(200);
    const kinds = new Set(res.body.features.map((f: { properties: { kind: string } }) => f.properties.kind));
    expect([...kinds]).to.include.members(['red_line', 'river_corridor']);
  });

  it('returns parcels with số tờ / số thửa in a bbox, matching ST_Intersects', async () => {
    const res = await request(t.app).get(`/api/parcels?bbox=${CENTRE.join(',')}&limit=10000`);
    const { rows } = await t.db.knex.raw(`SELECT count(*)::int AS n FROM parcels WHERE ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))`, CENTRE);
    expect(res.body.numberMatched).to.equal(rows[0].n);
    const p = res.body.features[0].properties;
    expect(p.sheet_no).to.be.a('number');
    expect(p.parcel_no).to.be.a('number');
    expect(p.legal_area_m2).to.be.a('number').greaterThan(0);
  });

  it('returns the 103 wards of 2025, or those in a bbox', async () => {
    const all = await request(t.app).get('/api/wards?limit=200');
    expect(all.body.numberMatched).to.equal(103);
    const centre = await request(t.app).get(`/api/wards?bbox=${CENTRE.join(',')}`);
    const names = centre.body.features.map((f: { properties: { name: string } }) => f.properties.name);
    expect(names).to.include('Ninh Kiều');
    expect(centre.body.features[0].id).to.match(/^\d{5}$/);
  });

  it('serves the land-use code lists with colours', async () => {
    const res = await request(t.app).get('/api/land-use-codes?scheme=land_law');
    expect(res.status).to.equal(200);
    const codes = res.body.items.map((c: { code: string }) => c.code);
    expect(codes).to.include.members(['ODT', 'TMD', 'DGT']);
    for (const c of res.body.items) expect(c.colour).to.match(/^#[0-9A-Fa-f]{6}$/);
  });

  it('compresses large answers for clients that accept gzip', async () => {
    const res = await request(t.app).get(`/api/zones?bbox=${CENTRE.join(',')}`).set('Accept-Encoding', 'gzip');
    expect(res.status).to.equal(200);
    expect(res.headers['content-encoding']).to.equal('gzip');
    expect(res.body.features.length).to.be.greaterThan(20);
  });
});
