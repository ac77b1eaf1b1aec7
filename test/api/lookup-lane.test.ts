import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { expect } from 'chai';
import { createLogger } from '../../api/http/logger.ts';
import { CARD_LANE } from '../../api/lookup/lookup.lane.ts';
import { startTestApp, type TestApp } from '../support/test-server.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent, decoded by its Content-Encoding. */
  text: string;
}

/** Headers whose values must be the same from the app and from the lane (an ETag hashes the body, whose request id differs). */
const SAME_HEADERS = ['content-type', 'content-encoding', 'vary', 'x-content-type-options', 'referrer-policy', 'cache-control', 'transfer-encoding', 'content-length'];

function decode(buf: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return zlib.gunzipSync(buf).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(buf).toString('utf8');
  if (encoding === 'deflate') return zlib.inflateSync(buf).toString('utf8');
  return buf.toString('utf8');
}

function ask(port: number, method: string, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: decode(Buffer.concat(chunks), res.headers['content-encoding']) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function listen(listener: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(listener);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the card lane answers anonymous rule-card GETs exactly as the app does', function () {
  let t: TestApp;
  let app: http.Server;
  let lane: http.Server;
  const log: Record<string, unknown>[] = [];
  let inParcel: string;
  let parcelId: number;

  before(async function () {
    t = await startTestApp({}, createLogger('info', (line) => log.push(JSON.parse(line) as Record<string, unknown>)));
    app = await listen(t.app);
    lane = await listen(t.listener);
    const [p] = (
      await t.db.knex.raw(`SELECT p.id, ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat
        FROM parcels p JOIN zones z ON ST_Intersects(z.geom, p.geom) ORDER BY p.id LIMIT 1`)
    ).rows as { id: number; lon: number; lat: number }[];
    parcelId = Number(p.id);
    inParcel = `lon=${p.lon.toFixed(7)}&lat=${p.lat.toFixed(7)}`;
  });
  after(async () => {
    for (const s of [app, lane]) {
      s?.closeAllConnections();
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    }
    await t?.close();
  });

  /** Asks both; returns the lane's answer and the access-log lines of the lane's request. */
  async function both(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ answer: Answer; via: unknown[] }> {
    const fromApp = await ask((app.address() as AddressInfo).port, method, path, { ...headers, 'x-request-id': 'parity-0001' });
    const before = log.length;
    const fromLane = await ask((lane.address() as AddressInfo).port, method, path, { ...headers, 'x-request-id': 'parity-0002' });
    // The access line is written when the answer has finished, which the client may see first.
    await new Promise((r) => setImmediate(r));
    const lines = log.slice(before).filter((l) => l.msg === 'request' && l.request_id === 'parity-0002');
    expect(lines, `one access line for ${method} ${path}`).to.have.length(1);
    expect(fromLane.status, `${method} ${path}: ${fromLane.text.slice(0, 300)}`).to.equal(fromApp.status);
    for (const h of SAME_HEADERS) expect(fromLane.headers[h], `${h} of ${method} ${path}`).to.equal(fromApp.headers[h]);
    expect(fromLane.headers.etag === undefined, `etag of ${method} ${path}`).to.equal(fromApp.headers.etag === undefined);
    expect(fromLane.headers['x-request-id']).to.equal('parity-0002');
    expect(fromApp.headers['x-request-id']).to.equal('parity-0001');
    expect(lines[0]).to.include({ method, path: path.split('?')[0], status: fromLane.status });
    if (method !== 'HEAD') {
      const parse = (a: Answer, id: string) => (JSON.parse(a.text.replaceAll(id, 'ID')) as Record<string, unknown>);
      expect(parse(fromLane, 'parity-0002')).to.deep.equal(parse(fromApp, 'parity-0001'));
    }
    return { answer: fromLane, via: lines.map((l) => l.via) };
  }

  it('answers a card at a point in a parcel itself, with the same JSON and headers', async function () {
    const { answer, via } = await both(`/api/lookup?${inParcel}`);
    expect(via).to.deep.equal([CARD_LANE]);
    expect(answer.status).to.equal(200);
    expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(answer.headers.etag).to.equal(undefined);
    const card = JSON.parse(answer.text) as { parcel: { id: number } | null; zones: unknown[] };
    expect(card.parcel?.id).to.equal(parcelId);
    expect(card.zones.length).to.be.greaterThan(0);
  });

  it('compresses as the client accepts: gzip, br by preference, none for identity', async function () {
    for (const [accept, encoding] of [
      ['gzip, deflate', 'gzip'],
      ['br;q=1, gzip;q=0.5', 'br'],
      ['deflate', 'deflate'],
      ['identity', undefined],
    ] as const) {
      const { answer, via } = await both(`/api/lookup?${inParcel}`, { 'accept-encoding': accept });
      expect(via, accept).to.deep.equal([CARD_LANE]);
      expect(answer.headers['content-encoding'], accept).to.equal(encoding);
      expect(answer.headers.vary).to.equal('Accept-Encoding');
    }
  });

  it('answers the cards of a parcel by id, on a date before the plan and at a point outside every plan', async function () {
    for (const path of [`/api/parcels/${parcelId}/rules`, `/api/parcels/${parcelId}/rules?date=2001-01-01`, `/api/lookup?${inParcel}&date=2001-01-01`, '/api/lookup?lon=106.9&lat=10.9']) {
      const { answer, via } = await both(path, { 'accept-encoding': 'gzip' });
      expect(via, path).to.deep.equal([CARD_LANE]);
      expect(answer.status, path).to.equal(200);
    }
  });

  it('leaves to the app what it cannot answer alike: bad parameters, unknown parcels, credentials, HEAD, other spellings', async function () {
    const cases: { path: string; headers?: Record<string, string>; method?: string; status: number }[] = [
      { path: '/api/lookup?lon=abc&lat=10.03', status: 400 },
      { path: '/api/lookup?lon=105.78&lon=105.79&lat=10.03', status: 400 },
      { path: '/api/lookup?lat=10.03', status: 400 },
      { path: '/api/lookup?lon=585000&lat=1110000', status: 400 },
      { path: `/api/lookup?${inParcel}&date=2025-02-30`, status: 400 },
      { path: '/api/parcels/0/rules', status: 400 },
      { path: '/api/parcels/99999999/rules', status: 404 },
      { path: `/api/lookup?${inParcel}`, headers: { authorization: 'Bearer not-a-token' }, status: 401 },
      { path: `/api/lookup?${inParcel}`, headers: { cookie: 'spp_session=stale' }, status: 200 },
      { path: `/api/lookup?${inParcel}`, method: 'HEAD', status: 200 },
      { path: `/api/lookup/?${inParcel}`, status: 200 },
    ];
    for (const c of cases) {
      const { answer, via } = await both(c.path, c.headers, c.method);
      expect(answer.status, c.path).to.equal(c.status);
      expect(via, `${c.method ?? 'GET'} ${c.path} ${JSON.stringify(c.headers ?? {})}`).to.deep.equal([undefined]);
      if (c.status >= 400) expect(answer.headers['content-type']).to.equal('application/problem+json; charset=utf-8');
    }
  });
});
