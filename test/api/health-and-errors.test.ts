import request from 'supertest';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';
import { TEST_BACKEND } from '../support/test-db.ts';

describe('health, OpenAPI and errors', function () {
  let t: TestApp;
  before(async function () {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('GET /api/health names the backend and the PostGIS version', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('ok');
    expect(res.body.db).to.equal(TEST_BACKEND);
    expect(res.body.postgis).to.match(/^3\.\d+/);
    // The embedded PostGIS lacks protobuf, the server's has it: the probe must say so.
    expect(res.body.mvt).to.equal(TEST_BACKEND === 'postgres');
    expect(res.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane X-Request-Id from a proxy and puts it in problem answers', async () => {
    const res = await request(t.app).get('/api/nothing-here').set('X-Request-Id', 'lb-1234.abc');
    expectProblem(res, 404);
    expect(res.headers['x-request-id']).to.equal('lb-1234.abc');
    expect(JSON.parse(res.text).request_id).to.equal('lb-1234.abc');
  });

  it('replaces an unsafe X-Request-Id', async () => {
    const res = await request(t.app).get('/api/health').set('X-Request-Id', '<script>');
    expect(res.headers['x-request-id']).to.not.equal('<script>');
  });

  it('answers unknown routes with problem+json 404', async () => {
    for (const path of ['/api/unknown', '/nope', '/api/zones/extra/deep']) {
      expectProblem(await request(t.app).get(path), 404);
    }
    expectProblem(await request(t.app).delete('/api/zones'), 404);
  });

  it('answers malformed JSON with 400 problem+json, not 500', async () => {
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b", ');
    expectProblem(res, 400, '');
    const problem = JSON.parse(res.text);
    expect(problem.code).to.equal('malformed_json');
    // The parser's English and what it means in Vietnamese, with where it stopped: after the comma, a name was due.
    expect(problem.detail).to.match(/^The request body is not valid JSON: Expected double-quoted property name in JSON at position 17/);
    expect(problem.detail_vi).to.equal('Nội dung yêu cầu không phải JSON hợp lệ: tên thuộc tính phải đặt trong dấu nháy kép ở vị trí 17');
    expect(problem.errors).to.deep.equal([{ path: '', message: 'malformed JSON at position 17', message_vi: 'JSON không đúng cú pháp ở vị trí 17' }]);
  });

  it('answers an oversize body with 413', async () => {
    const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(3 * 1024 * 1024) });
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send(big);
    expectProblem(res, 413);
  });

  it('answers a non-JSON body where JSON is expected with 415', async () => {
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'text/plain').send('email=a');
    expectProblem(res, 415);
  });

  it('answers a JSON array or scalar body with 400 at the root pointer', async () => {
    expectProblem(await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('[1,2]'), 400, '');
    expectProblem(await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('"x"'), 400, '');
  });

  it('never answers a hostile request with a 500 or a stack trace', async () => {
    const probes = [
      request(t.app).get('/api/zones?bbox=' + encodeURIComponent("1,2,3,4'); DROP TABLE zones;--")),
      request(t.app).get('/api/zones?bbox=NaN,NaN,NaN,NaN'),
      request(t.app).get('/api/zones?bbox=1e999,0,1,1'),
      request(t.app).get('/api/zones?limit=-1'),
      request(t.app).get('/api/zones?limit=1.5'),
      request(t.app).get('/api/zones?limit=1&limit=2'),
      request(t.app).get('/api/zones?offset=99999999999'),
      request(t.app).get('/api/zones?date=2025-02-30'),
      request(t.app).get('/api/zones?date=yesterday'),
      request(t.app).get('/api/parcels?bbox=1,2,3'),
      request(t.app).get('/api/wards?bbox=' + 'x'.repeat(5000)),
      request(t.app).get('/api/land-use-codes?scheme=../../etc'),
      request(t.app).get('/%E0%A4%A'),
      request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":{"$gt":""},"password":1}'),
      request(t.app).get('/api/audit').set('Authorization', 'Bearer ' + 'x'.repeat(5000)),
    ];
    for (const res of await Promise.all(probes)) {
      expect(res.status, res.text.slice(0, 300)).to.be.within(400, 499);
      expect(res.text).to.not.match(/at .*\.ts:\d+|node_modules/);
    }
    // The table is still there.
    const zones = await request(t.app).get('/api/zones?limit=1');
    expect(zones.status).to.equal(200);
  });

  it('serves an OpenAPI 3 document that describes every API route the app has', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.match(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const routes: string[] = [];
    const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
      for (const layer of stack) {
        if (layer.route) {
          for (const m of Object.keys(layer.route.methods)) routes.push(`${m.toUpperCase()} ${layer.route.path}`);
        } else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
      }
    };
    walk((t.app as unknown as { router: { stack: never[] } }).router.stack);
    const apiRoutes = routes.filter((r) => r.includes(' /api/'));
    expect(apiRoutes.length).to.be.greaterThan(8);
    for (const r of apiRoutes) {
      const openapiForm = r.replace(/:(\w+)/g, '{$1}');
      expect(documented.has(openapiForm), `${r} is missing from the OpenAPI document`).to.equal(true);
    }
  });
});
