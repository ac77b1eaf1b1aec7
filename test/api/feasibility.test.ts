import request from 'supertest';
import express from 'express';
import { expect } from 'chai';
import type { Knex } from 'knex';
import type { MultiPolygon, Polygon } from 'geojson';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';
import { lookupRoutes } from '../../api/lookup/lookup.routes.ts';
import { errorHandler, notFoundHandler } from '../../api/http/error-handler.ts';
import { createLogger } from '../../api/http/logger.ts';

interface Check {
  id: string;
  status: string;
  measured: number | null;
  limit: number | null;
}

describe('feasibility: the compliance report of a sketch, public and stored nowhere', function () {
  let t: TestApp;
  let housing: { id: number; cov: number; far: number; area: number };

  before(async function () {
    t = await startTestApp();
    // A housing lot wholly in one zone, far from every constraint and every stricter neighbour.
    [housing] = await sql(
      `SELECT pa.id, z.max_coverage_pct::float8 AS cov, z.max_far::float8 AS far, ST_Area(ST_Transform(pa.geom, 5897)) AS area
       FROM parcels pa JOIN zones z ON z.valid_to IS NULL AND z.geom && pa.geom AND ST_Within(pa.geom, z.geom)
       WHERE z.land_use_code IN ('OM', 'NO') AND z.max_coverage_pct BETWEEN 50 AND 80 AND z.max_far >= 3 AND 'ODT' = ANY (z.permitted_uses)
         AND coalesce(z.max_floors, 99) >= 3 AND coalesce(z.max_height_m, 99) >= 12
         AND ST_Area(ST_Transform(pa.geom, 5897)) BETWEEN 100 AND 300
         AND NOT EXISTS (SELECT 1 FROM constraints c WHERE c.geom && ST_Expand(pa.geom, 0.0004) AND ST_DWithin(c.geom, pa.geom, 0.0004))
         AND NOT EXISTS (SELECT 1 FROM zones z2 WHERE z2.valid_to IS NULL AND z2.feature_id <> z.feature_id AND z2.geom && ST_Expand(pa.geom, 0.0001) AND ST_DWithin(z2.geom, pa.geom, 0.0001) AND z2.min_setback_m > z.min_setback_m)
       ORDER BY pa.id LIMIT 1`,
    );
    expect(housing, 'a housing lot far from constraints').to.exist;
  });
  after(async () => t?.close());

  async function sql<T = Record<string, any>>(text: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
    return (await t.db.knex.raw(text, bindings)).rows as T[];
  }
  /** The parcel scaled about its centroid by a linear factor, with its planar area. */
  async function scaled(parcelId: number, s: number): Promise<{ geometry: MultiPolygon; area: number }> {
    const [r] = await sql(
      `WITH p AS (SELECT geom, ST_X(ST_Centroid(geom)) AS cx, ST_Y(ST_Centroid(geom)) AS cy FROM parcels WHERE id = ?),
            f AS (SELECT ST_Translate(ST_Scale(ST_Translate(geom, -cx, -cy), ?::float8, ?::float8), cx, cy) AS g FROM p)
       SELECT ST_AsGeoJSON(g, 9)::json AS geometry, ST_Area(ST_Transform(g, 5897)) AS area FROM f`,
      [parcelId, s, s],
    );
    return { geometry: r.geometry, area: r.area };
  }
  const post = (body: unknown, ip = '198.51.100.1') => request(t.app).post('/api/feasibility').set('X-Forwarded-For', ip).send(body as object);
  const check = (body: { checks: Check[] }, id: string): Check => body.checks.find((c) => c.id === id)!;
  const countRows = async (table: string) => Number((await sql(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('reports a modest house on a parcel as compliant, without signing in, and writes nothing', async () => {
    const before = { permits: await countRows('permits'), audit: await countRows('audit_log'), events: await countRows('permit_events') };
    const fp = await scaled(housing.id, 0.5);
    const res = await post({ parcel_id: housing.id, footprint: fp.geometry, use: 'odt', floors: 3, height_m: 12, gfa_m2: fp.area * 2 });
    expect(res.status, res.text.slice(0, 400)).to.equal(200);
    expect(res.body.status).to.equal('compliant');
    expect(res.body.parcel_id).to.equal(housing.id);
    expect(res.body.as_of).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.checks.map((c: Check) => c.id)).to.deep.equal(['geometry_valid', 'within_parcel', 'zone_found', 'land_use', 'coverage', 'far', 'floors', 'height', 'setback', 'red_line', 'constraints']);
    expect(check(res.body, 'within_parcel').status).to.equal('pass');
    expect(res.body.computed.site_area_m2).to.be.closeTo(housing.area, housing.area * 1e-4);
    expect(res.body.computed.footprint_area_m2).to.be.closeTo(fp.area, fp.area * 1e-4);
    expect(await countRows('permits')).to.equal(before.permits);
    expect(await countRows('audit_log')).to.equal(before.audit);
    expect(await countRows('permit_events')).to.equal(before.events);
  });

  it('reports a footprint over the coverage limit as non-compliant with the measured share (HTTP 200)', async () => {
    const before = await countRows('permits');
    const fp = await scaled(housing.id, Math.sqrt((housing.cov + 10) / 100));
    const res = await post({ parcel_id: housing.id, footprint: fp.geometry, use: 'ODT', floors: 3, height_m: 12, gfa_m2: fp.area * 2 });
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('non_compliant');
    const coverage = check(res.body, 'coverage');
    expect(coverage.status).to.equal('fail');
    expect(coverage.limit).to.equal(housing.cov);
    expect(coverage.measured).to.be.closeTo(housing.cov + 10, 0.01);
    expect(await countRows('permits')).to.equal(before);
  });

  it('a footprint drawn as the rule card\'s buildable area keeps the setback from the red line; the whole parcel does not', async () => {
    const [p] = await sql(
      `SELECT pa.id, z.min_setback_m::float8 AS setback FROM parcels pa JOIN zones z ON z.valid_to IS NULL AND z.geom && pa.geom AND ST_Within(pa.geom, z.geom)
       WHERE z.min_setback_m >= 2 AND 'ODT' = ANY (z.permitted_uses)
         AND EXISTS (SELECT 1 FROM constraints c WHERE c.kind = 'red_line' AND c.geom && pa.geom AND ST_Intersects(c.geom, pa.geom))
       ORDER BY pa.id LIMIT 1`,
    );
    const card = await request(t.app).get(`/api/parcels/${p.id}/rules`);
    expect(card.status).to.equal(200);
    const buildable = card.body.geometry.buildable as Polygon | MultiPolygon;
    expect(card.body.computed.setback_m).to.equal(p.setback);
    const sketch = { parcel_id: p.id, use: 'ODT', floors: 2, height_m: 8, gfa_m2: 100 };
    const inside = await post({ ...sketch, footprint: buildable });
    expect(inside.status, inside.text.slice(0, 300)).to.equal(200);
    const setback = check(inside.body, 'setback');
    expect(setback.status, JSON.stringify(setback)).to.equal('pass');
    expect(setback.measured!).to.be.closeTo(p.setback, 0.01);
    expect(check(inside.body, 'red_line').status).to.equal('pass');
    expect(inside.body.computed.footprint_area_m2).to.be.closeTo(card.body.computed.buildable_area_m2, 0.01);
    const whole = await post({ ...sketch, footprint: card.body.geometry.parcel });
    expect(check(whole.body, 'setback').status).to.equal('fail');
  });

  it('checks a site drawn in VN-2000 metres (declared CRS) and as of a date before the plan, when no zone applies yet', async () => {
    const [ctr] = await sql(`SELECT ST_X(t) AS e, ST_Y(t) AS n FROM (SELECT ST_Transform(ST_Centroid(geom), 5897) AS t FROM parcels WHERE id = ?) s`, [housing.id]);
    const [e, n] = [Math.round(ctr.e), Math.round(ctr.n)];
    const square = (x0: number, y0: number, w: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x0 + w, y0], [x0 + w, y0 + w], [x0, y0 + w], [x0, y0]]] });
    const body = { site: square(e - 10, n - 10, 20), footprint: square(e - 5, n - 5, 10), crs: 'EPSG:5897', use: 'ODT', floors: 2, height_m: 8, gfa_m2: 150 };
    const now = await post(body);
    expect(now.status, now.text.slice(0, 300)).to.equal(200);
    expect(now.body.computed.site_area_m2).to.be.closeTo(400, 0.01);
    expect(now.body.computed.footprint_area_m2).to.be.closeTo(100, 0.01);
    expect(now.body.parcel_id).to.equal(null);
    const [{ d }] = await sql(`SELECT (effective_from - 1)::text AS d FROM plans ORDER BY id LIMIT 1`);
    const old = await post({ ...body, date: d });
    expect(old.status).to.equal(200);
    expect(old.body.as_of).to.equal(d);
    expect(old.body.status).to.equal('incomplete');
    expect(check(old.body, 'zone_found').status).to.equal('fail');
  });

  it('refuses malformed sketches with 400 and unusable ones with 422, each with pointers, writing nothing', async () => {
    const before = await countRows('permits');
    const fp = (await scaled(housing.id, 0.5)).geometry;
    const base = { parcel_id: housing.id, footprint: fp, use: 'ODT', floors: 3, height_m: 12, gfa_m2: 200 };
    const missing = await post({});
    expectProblem(missing, 400);
    expect(JSON.parse(missing.text).errors.map((e: { path: string }) => e.path)).to.include.members(['/footprint', '/use', '/floors', '/height_m', '/gfa_m2', '/site']);
    expectProblem(await post({ ...base, floors: 0 }), 400, '/floors');
    expectProblem(await post({ ...base, floors: 2.5 }), 400, '/floors');
    expectProblem(await post({ ...base, height_m: -1 }), 400, '/height_m');
    expectProblem(await post({ ...base, gfa_m2: 'big' }), 400, '/gfa_m2');
    expectProblem(await post({ ...base, basement_floors: -1 }), 400, '/basement_floors');
    expectProblem(await post({ ...base, applicant: 'Nguyễn Văn An' }), 400, '/applicant');
    expectProblem(await post({ ...base, date: '2025-02-30' }), 400, '/date');
    expectProblem(await post({ ...base, crs: 'EPSG:32648' }), 400, '/crs');
    expectProblem(await post({ ...base, parcel_id: -4 }), 400, '/parcel_id');
    expectProblem(await post({ ...base, footprint: { type: 'Point', coordinates: [105.78, 10.03] } }), 400, '/footprint/type');
    expectProblem(await post({ ...base, footprint: { type: 'Polygon', coordinates: [[[105.78, 10.03], [105.78, 'x'], [105.781, 10.031], [105.78, 10.03]]] } }), 400, '/footprint/coordinates/0/1');
    expectProblem(await request(t.app).post('/api/feasibility').set('Content-Type', 'text/plain').send('floors=3'), 415);
    expectProblem(await request(t.app).post('/api/feasibility').set('Content-Type', 'application/json').send('[1]'), 400, '');
    expectProblem(await post({ ...base, use: 'XYZ' }), 422, '/use');
    expectProblem(await post({ ...base, parcel_id: 99999999 }), 422, '/parcel_id');
    const [lon, lat] = fp.coordinates[0][0][0];
    const d = 0.0001;
    const bowTie = { type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat + d], [lon + d, lat], [lon, lat + d], [lon, lat]]] };
    const crossing = await post({ ...base, footprint: bowTie });
    expectProblem(crossing, 422, '/footprint');
    expect(JSON.parse(crossing.text).code).to.equal('invalid_proposal');
    expect(await countRows('permits')).to.equal(before);
  });

  it('limits each client to its budget: 429 problem with Retry-After beyond it, other clients unaffected (limit lowered through the router option)', async () => {
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(express.json());
    app.use(lookupRoutes(t.db, { rateLimit: { limit: 3, windowMs: 60_000 } }));
    app.use(notFoundHandler());
    app.use(errorHandler(createLogger('silent')));
    const send = (ip: string) => request(app).post('/api/feasibility').set('X-Forwarded-For', ip).send({});
    for (let i = 0; i < 3; i++) expectProblem(await send('203.0.113.7'), 400); // refused requests count too
    const limited = await send('203.0.113.7');
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    expect(JSON.parse(limited.text)).to.include({ code: 'too_many_requests' });
    expect(JSON.parse(limited.text).retry_after_s).to.equal(Number(limited.headers['retry-after']));
    expectProblem(await send('203.0.113.8'), 400);
    // One IPv6 subscriber (/64) is one client.
    for (let i = 0; i < 3; i++) expectProblem(await send(`2001:db8:5:6::${i + 1}`), 400);
    expectProblem(await send('2001:db8:5:6:ffff::9'), 429);
    expectProblem(await send('2001:db8:5:7::1'), 400);
  });

  it('the app allows a client 60 sketches a minute by default', async () => {
    let first429 = 0;
    for (let i = 1; i <= 61 && !first429; i++) {
      const res = await post({}, '192.0.2.99');
      if (res.status === 429) first429 = i;
      else expect(res.status).to.equal(400);
    }
    expect(first429).to.equal(61);
  });
});
