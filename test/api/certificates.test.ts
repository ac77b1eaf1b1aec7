import request from 'supertest';
import express from 'express';
import { expect } from 'chai';
import type { Knex } from 'knex';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';
import { certificateRoutes } from '../../api/certificates/certificates.routes.ts';
import { MAP_SCALES } from '../../api/certificates/certificate-map.ts';
import { MAP_HEIGHT_MM, MAP_WIDTH_MM } from '../../api/certificates/certificates.pdf.ts';
import { errorHandler, notFoundHandler } from '../../api/http/error-handler.ts';
import { createLogger } from '../../api/http/logger.ts';

interface Sheet {
  code: string;
  issued_at: string;
  as_of: string;
  request: { parcel_id: number } | { lon: number; lat: number };
  plan_id: number | null;
  ward: { code: string; name: string } | null;
  features: { zones: { feature_id: number; version: number }[]; constraints: { feature_id: number; version: number }[] };
  card: Record<string, any>;
  links: { self: string; pdf: string; verify: string };
  verification?: {
    checked_at: string;
    as_of: string;
    matches: boolean;
    differences: { path: string; issued: unknown; current: unknown; message: string; message_vi: string }[];
    version_changes: { kind: string; feature_id: number; issued_version: number | null; current_version: number | null }[];
  };
}

const CODE = /^TTQH-\d{4}-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

/** The text of every page, items joined as they read (a line end as a space), whitespace collapsed. */
async function pdfText(data: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    text += ' ';
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { text: text.replace(/\s+/g, ' '), pages };
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('planning-information sheets (certificates): issue, read, verify, PDF', function () {
  let t: TestApp;
  let ip = 0;
  /** Each request from its own client address, so the per-client issue budget is not what a test measures. */
  const nextIp = () => `198.51.100.${(ip++ % 250) + 1}`;

  before(async function () {
    this.timeout(300_000); // the first test file of a run migrates and seeds the template database
    t = await startTestApp();
  });
  after(async () => t?.close());

  async function sql<T = Record<string, any>>(text: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
    return (await t.db.knex.raw(text, bindings)).rows as T[];
  }
  const count = async (table: string) => Number((await sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const issue = (body: unknown) => request(t.app).post('/api/certificates').set('X-Forwarded-For', nextIp()).send(body as object);
  const read = async (code: string): Promise<Sheet> => {
    const res = await request(t.app).get(`/api/certificates/${code}`);
    expect(res.status, res.text.slice(0, 400)).to.equal(200);
    return res.body as Sheet;
  };
  const pdf = (code: string) => request(t.app).get(`/api/certificates/${code}.pdf`).set('X-Forwarded-For', nextIp()).buffer(true).parse(binary);

  let lots: Record<string, any>[] | null = null;
  /** A parcel wholly inside one zone with coverage and FAR, fronting a red line, each in its own zone; `skip` picks another one. */
  async function lotOnRedLine(skip = 0) {
    lots ??= await sql(
      `SELECT pa.id, pa.sheet_no, pa.parcel_no, pa.ward_code, w.full_name AS ward_name, ST_X(ST_PointOnSurface(pa.geom)) AS lon, ST_Y(ST_PointOnSurface(pa.geom)) AS lat,
              z.feature_id AS zone_id, z.version AS zone_version, z.lot_code, z.max_coverage_pct::float8 AS cov
       FROM parcels pa JOIN wards w ON w.code = pa.ward_code
         JOIN zones z ON z.valid_to IS NULL AND z.geom && pa.geom AND ST_Within(pa.geom, z.geom)
       WHERE z.max_coverage_pct IS NOT NULL AND z.max_far IS NOT NULL AND z.min_setback_m > 0
         AND EXISTS (SELECT 1 FROM constraints c WHERE c.kind = 'red_line' AND c.valid_to IS NULL AND c.geom && pa.geom AND ST_Intersects(c.geom, pa.geom))
       ORDER BY pa.id LIMIT 400`,
    );
    // One lot per zone, so amending the zone of one lot changes no other test's lot.
    const seen = new Set<number>();
    const distinct = lots.filter((l) => !seen.has(l.zone_id) && seen.add(l.zone_id));
    expect(distinct.length, 'the demo plan has lots on red lines in several zones').to.be.greaterThan(skip);
    return distinct[skip];
  }

  it('issues a sheet for a parcel: 201, a random TTQH code, Location and links, the card equal to the parcel\'s rule card of today, the feature versions, and an audit row with no actor', async () => {
    const p = await lotOnRedLine();
    const auditBefore = await count('audit_log');
    const res = await issue({ parcel_id: p.id });
    expect(res.status, res.text.slice(0, 400)).to.equal(201);
    const sheet = res.body as Sheet;
    expect(sheet.code).to.match(CODE);
    expect(res.headers.location).to.equal(`/api/certificates/${sheet.code}`);
    expect(sheet.links.pdf).to.equal(`/api/certificates/${sheet.code}.pdf`);
    expect(sheet.links.verify).to.match(new RegExp(`^http://127\\.0\\.0\\.1(:\\d+)?/verify/${sheet.code}$`));
    expect(sheet.request).to.deep.equal({ parcel_id: p.id });
    expect(sheet.ward).to.deep.equal({ code: p.ward_code, name: p.ward_name });

    const rules = await request(t.app).get(`/api/parcels/${p.id}/rules`);
    expect(rules.status).to.equal(200);
    expect(sheet.card).to.deep.equal(rules.body);
    expect(sheet.as_of).to.equal(rules.body.as_of);
    expect(sheet.plan_id).to.equal(rules.body.plan.id);
    expect(sheet.card.zones.map((z: { id: number }) => z.id)).to.deep.equal([p.zone_id]);
    expect(sheet.features.zones).to.deep.equal([{ feature_id: p.zone_id, version: p.zone_version }]);
    const constraintVersions = await sql(`SELECT feature_id, version FROM constraints WHERE valid_to IS NULL AND feature_id = ANY(?::int[]) ORDER BY feature_id`, [sheet.card.constraints.map((c: { id: number }) => c.id)]);
    expect(sheet.features.constraints).to.deep.equal(constraintVersions);
    expect(sheet.features.constraints.length).to.be.greaterThan(0);

    const [row] = await sql(`SELECT parcel_id, lon, lat, plan_id, issued_by, as_of::text AS as_of FROM certificates WHERE code = ?`, [sheet.code]);
    expect(row).to.deep.equal({ parcel_id: p.id, lon: null, lat: null, plan_id: sheet.plan_id, issued_by: null, as_of: sheet.as_of });
    expect(await count('audit_log')).to.equal(auditBefore + 1);
    const [audit] = await sql(`SELECT user_id, action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(audit).to.deep.equal({ user_id: null, action: 'issue', entity: 'certificate', entity_id: sheet.code });

    // Codes are drawn at random, not counted: two sheets of the same parcel share no more than chance would.
    const again = (await issue({ parcel_id: p.id })).body as Sheet;
    expect(again.code).to.match(CODE).and.not.equal(sheet.code);
    expect(again.card).to.deep.equal(sheet.card);
  });

  it('issues a sheet for a point: the card is the lookup card at the point and the request keeps lon/lat', async () => {
    const p = await lotOnRedLine(1);
    const res = await issue({ lon: p.lon, lat: p.lat });
    expect(res.status, res.text.slice(0, 400)).to.equal(201);
    const sheet = res.body as Sheet;
    expect(sheet.request).to.deep.equal({ lon: p.lon, lat: p.lat });
    const lookup = await request(t.app).get(`/api/lookup?lon=${p.lon}&lat=${p.lat}`);
    expect(sheet.card).to.deep.equal(lookup.body);
    expect(sheet.card.parcel.id).to.equal(p.id);
    const [row] = await sql(`SELECT parcel_id, lon, lat FROM certificates WHERE code = ?`, [sheet.code]);
    expect(row).to.deep.equal({ parcel_id: null, lon: p.lon, lat: p.lat });

    // A point in the plan but in no parcel (a street) still gets a sheet: the zone and constraints there.
    const [road] = await sql(
      `SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (
         SELECT ST_PointOnSurface(c.geom) AS g FROM constraints c WHERE c.kind = 'red_line' AND c.valid_to IS NULL ORDER BY c.feature_id) s
       WHERE NOT EXISTS (SELECT 1 FROM parcels pa WHERE pa.geom && s.g AND ST_Intersects(pa.geom, s.g)) LIMIT 1`,
    );
    const street = await issue({ lon: road.lon, lat: road.lat });
    expect(street.status, street.text.slice(0, 400)).to.equal(201);
    expect(street.body.card.parcel).to.equal(null);
    expect(street.body.card.constraints.map((c: { kind: string }) => c.kind)).to.include('red_line');
  });

  it('reads a sheet back by its code (any letter case) with a verification that still matches the plan in force', async () => {
    const p = await lotOnRedLine(2);
    const issued = (await issue({ parcel_id: p.id })).body as Sheet;
    const sheet = await read(issued.code.toLowerCase());
    expect(sheet.code).to.equal(issued.code);
    expect(sheet.card).to.deep.equal(issued.card);
    expect(sheet.features).to.deep.equal(issued.features);
    expect(sheet.issued_at).to.equal(issued.issued_at);
    expect(sheet.verification!.matches).to.equal(true);
    expect(sheet.verification!.differences).to.deep.equal([]);
    expect(sheet.verification!.version_changes).to.deep.equal([]);
    expect(Date.parse(sheet.verification!.checked_at)).to.be.at.least(Date.parse(issued.issued_at));
  });

  it('keeps issued sheets immutable in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const p = await lotOnRedLine();
    const sheet = (await issue({ parcel_id: p.id })).body as Sheet;
    const refused = async (statement: string, bindings: Knex.RawBinding[] = []) => {
      let error: Error | null = null;
      try {
        await t.db.knex.raw(statement, bindings);
      } catch (err) {
        error = err as Error;
      }
      expect(error, statement).to.be.an('error');
      expect(error!.message).to.match(/immutable/);
    };
    await refused(`UPDATE certificates SET card = '{}'::json WHERE code = ?`, [sheet.code]);
    await refused(`UPDATE certificates SET issued_at = now() - interval '1 year'`);
    await refused(`DELETE FROM certificates WHERE code = ?`, [sheet.code]);
    await refused(`TRUNCATE certificates`);
    expect((await read(sheet.code)).card).to.deep.equal(sheet.card);
  });

  it('after an amendment of its zone (new version with another max coverage) the sheet no longer matches: the difference is named, the stored sheet is unchanged', async () => {
    const p = await lotOnRedLine(3);
    const issued = (await issue({ parcel_id: p.id })).body as Sheet;
    const newCoverage = p.cov > 20 ? p.cov - 10 : p.cov + 10;
    // The versioning scheme of zones: close the current row and open version + 1, in one transaction.
    await t.db.knex.transaction(async (trx) => {
      await trx.raw(`UPDATE zones SET valid_to = now() WHERE feature_id = ? AND valid_to IS NULL`, [p.zone_id]);
      await trx.raw(
        `INSERT INTO zones (feature_id, version, valid_from, plan_id, lot_code, land_use_scheme, land_use_code, name, max_coverage_pct, max_far, max_floors, max_height_m, min_setback_m, permitted_uses, citation, ward_code, geom)
         SELECT feature_id, version + 1, now(), plan_id, lot_code, land_use_scheme, land_use_code, name, ?, max_far, max_floors, max_height_m, min_setback_m, permitted_uses, citation, ward_code, geom
         FROM zones WHERE feature_id = ? AND version = ?`,
        [newCoverage, p.zone_id, p.zone_version],
      );
    });
    const sheet = await read(issued.code);
    const v = sheet.verification!;
    expect(v.matches).to.equal(false);
    const coverage = v.differences.find((d) => d.path === '/zones/0/max_coverage_pct');
    expect(coverage, JSON.stringify(v.differences)).to.exist;
    expect(coverage).to.include({ issued: p.cov, current: newCoverage });
    const fmt = (x: number) => String(x).replace('.', ',');
    expect(coverage!.message_vi).to.equal(`Lô ${p.lot_code}: Mật độ xây dựng ${fmt(p.cov)} % → ${fmt(newCoverage)} %`);
    expect(coverage!.message).to.equal(`Lot ${p.lot_code}: building coverage ${p.cov} % → ${newCoverage} %`);
    // The lower coverage lowers the max footprint only where coverage, not the setback, bounds it.
    for (const d of v.differences) expect(d.path).to.match(/^\/zones\/0\/max_coverage_pct$|^\/computed\/max_footprint_m2$/);
    expect(v.version_changes).to.deep.equal([{ kind: 'zone', feature_id: p.zone_id, issued_version: p.zone_version, current_version: p.zone_version + 1 }]);
    // The snapshot is what was issued: the card, the versions, and the very text stored.
    expect(sheet.card).to.deep.equal(issued.card);
    expect(sheet.card.zones[0].max_coverage_pct).to.equal(p.cov);
    expect(sheet.features).to.deep.equal(issued.features);
    const [row] = await sql<{ card: string }>(`SELECT card::text AS card FROM certificates WHERE code = ?`, [issued.code]);
    expect(JSON.parse(row.card)).to.deep.equal(issued.card);
    // A new sheet states the amended plan.
    const fresh = (await issue({ parcel_id: p.id })).body as Sheet;
    expect(fresh.card.zones[0].max_coverage_pct).to.equal(newCoverage);
    expect(fresh.features.zones).to.deep.equal([{ feature_id: p.zone_id, version: p.zone_version + 1 }]);
  });

  it('renders the sheet as an A4 PDF with Vietnamese text in DejaVu Sans: title, indicators, ward, code, scale, demo notice and the verification URL', async () => {
    const p = await lotOnRedLine();
    const sheet = (await issue({ parcel_id: p.id })).body as Sheet;
    const res = await pdf(sheet.code);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    expect(res.headers['content-disposition']).to.equal(`inline; filename="${sheet.code}.pdf"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(body.subarray(-6).toString('latin1')).to.match(/%%EOF\s*$/);
    // Fonts are embedded as subsets named "ABCDEF+DejaVuSans"; no standard-14 font is used.
    const raw = body.toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
    expect(fonts.length).to.be.greaterThan(0);
    for (const f of fonts) expect(f).to.match(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
    expect(raw).to.match(/\/FontFile2 /);
    const mediaBoxes = [...raw.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    for (const [w, h] of mediaBoxes) {
      expect(w).to.be.closeTo(595.28, 0.01);
      expect(h).to.be.closeTo(841.89, 0.01);
    }

    const { text, pages } = await pdfText(body);
    expect(pages).to.be.within(1, 3);
    const card = sheet.card;
    // supertest gives each request a server of its own, so the origin's port differs from the issuing request's.
    expect(text).to.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/verify/${sheet.code}`));
    for (const s of ['Phiếu thông tin quy hoạch', 'Mật độ xây dựng', 'Hệ số sử dụng đất', 'Khoảng lùi tối thiểu', 'Chỉ giới đường đỏ', p.ward_name, sheet.code, `Tờ ${p.sheet_no}, thửa ${p.parcel_no}`, p.lot_code, card.zones[0].citation]) {
      expect(text, s).to.include(s);
    }
    const plan = card.plan;
    expect(plan.is_demo).to.equal(true);
    expect(text).to.include('DỮ LIỆU MINH HOẠ — KHÔNG PHẢI QUY HOẠCH CHÍNH THỨC');
    expect(text).to.include(plan.notice_vi.replace(/\s+/g, ' '));
    expect(text).to.include(plan.notice_en.replace(/\s+/g, ' '));
    // The coverage as the sheet writes it (Vietnamese decimals) and the computed areas.
    expect(text).to.include(`${String(card.zones[0].max_coverage_pct).replace('.', ',')} %`);
    const m2 = (v: number) => `${v.toFixed(1).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.')} m²`;
    expect(text).to.include(m2(card.computed.buildable_area_m2));
    expect(text).to.include(m2(card.computed.max_gfa_m2));

    // The scale: the largest usual one at which the parcel, measured by PostGIS in TM-3, fills at most two thirds of the frame.
    const [ext] = await sql(`SELECT ST_XMax(g) - ST_XMin(g) AS w, ST_YMax(g) - ST_YMin(g) AS h FROM (SELECT ST_Transform(geom, 5897) AS g FROM parcels WHERE id = ?) s`, [p.id]);
    const expected = MAP_SCALES.find((s) => (MAP_WIDTH_MM / 1000) * s * 0.66 >= ext.w && (MAP_HEIGHT_MM / 1000) * s * 0.66 >= ext.h);
    expect(expected, 'a demo lot fits one of the usual scales').to.exist;
    expect(text).to.include(`Tỷ lệ 1:${expected}`);

    // The same sheet renders to the same text every time.
    const again = await pdfText((await pdf(sheet.code)).body as Buffer);
    const portless = (s: string) => s.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1');
    expect(portless(again.text)).to.equal(portless(text));
  });

  it('renders the PDF of a point sheet outside any parcel with the point marked and no parcel section values', async () => {
    const [road] = await sql(
      `SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (
         SELECT ST_PointOnSurface(c.geom) AS g FROM constraints c WHERE c.kind = 'red_line' AND c.valid_to IS NULL ORDER BY c.feature_id DESC) s
       WHERE NOT EXISTS (SELECT 1 FROM parcels pa WHERE pa.geom && s.g AND ST_Intersects(pa.geom, s.g)) LIMIT 1`,
    );
    const sheet = (await issue({ lon: road.lon, lat: road.lat })).body as Sheet;
    const res = await pdf(sheet.code);
    expect(res.status).to.equal(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).to.include('Không có thửa đất tại vị trí yêu cầu');
    expect(text).to.include(`kinh độ ${road.lon.toFixed(6)}, vĩ độ ${road.lat.toFixed(6)}`);
    expect(text).to.include('Tỷ lệ 1:1000');
  });

  it('refuses bad bodies with problem+json pointing at the field, and writes nothing', async () => {
    const p = await lotOnRedLine();
    const before = [await count('certificates'), await count('audit_log')];
    const cases: [unknown, number, string][] = [
      [{}, 400, '/parcel_id'],
      [{ parcel_id: p.id, lon: 105.78, lat: 10.03 }, 400, '/parcel_id'],
      [{ parcel_id: p.id, lon: 105.78, lat: 10.03 }, 400, '/lon'],
      [{ parcel_id: 'abc' }, 400, '/parcel_id'],
      [{ parcel_id: 1.5 }, 400, '/parcel_id'],
      [{ parcel_id: -3 }, 400, '/parcel_id'],
      [{ lon: 105.78 }, 400, '/lat'],
      [{ lon: 585811, lat: 1109729 }, 400, '/lon'],
      [{ lon: 105.78, lat: 95 }, 400, '/lat'],
      [{ lon: '105.78', lat: 10.03 }, 400, '/lon'],
      [{ parcel_id: p.id, date: '2025-01-01' }, 400, '/date'],
      [{ parcel_id: p.id, footprint: {} }, 400, '/footprint'],
      [{ parcel_id: 999999 }, 404, '/parcel_id'],
      // Far from every plan and parcel: nothing to state.
      [{ lon: 106.7, lat: 21.0 }, 422, '/lon'],
    ];
    for (const [body, status, pointer] of cases) expectProblem(await issue(body), status, pointer);
    // The same hints as GET /api/lookup: VN-2000 metres and swapped axes are named as such.
    const metres = await issue({ lon: 585811, lat: 1109729 });
    expect(metres.body.errors.map((e: { message: string }) => e.message).join(' ')).to.match(/looks like projected metres.*easting.*looks like projected metres.*northing/);
    const swapped = await issue({ lon: 10.03, lat: 105.78 });
    expect(swapped.body.errors.find((e: { path: string }) => e.path === '/lat').message).to.match(/look swapped/);
    expectProblem(await request(t.app).post('/api/certificates').set('X-Forwarded-For', nextIp()).send([1, 2]), 400);
    expectProblem(await request(t.app).post('/api/certificates').set('X-Forwarded-For', nextIp()).set('Content-Type', 'text/plain').send('parcel_id=1'), 415);
    expect([await count('certificates'), await count('audit_log')]).to.deep.equal(before);
  });

  it('answers an unknown or malformed code with a 404 problem, for JSON and PDF alike', async () => {
    expectProblem(await request(t.app).get('/api/certificates/TTQH-2026-ABCDEFGH'), 404);
    expectProblem(await request(t.app).get('/api/certificates/TTQH-2026-ABCDEFGH.pdf'), 404);
    expectProblem(await request(t.app).get('/api/certificates/not-a-code'), 404);
    expectProblem(await request(t.app).get('/api/certificates/TTQH-2026-ABCDEFG0'), 404); // 0 is not in the alphabet
  });

  it('limits issuing per client: 429 with Retry-After beyond the budget, other clients unaffected; the QR origin comes from PUBLIC_URL when set', async () => {
    const p = await lotOnRedLine();
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(express.json());
    app.use(certificateRoutes(t.db, { issueRateLimit: { limit: 2, windowMs: 60_000 }, pdfRateLimit: { limit: 1, windowMs: 60_000 }, publicUrl: 'https://quyhoach.cantho.example/' }));
    app.use(notFoundHandler());
    app.use(errorHandler(createLogger('silent')));
    const send = (from: string, body: object) => request(app).post('/api/certificates').set('X-Forwarded-For', from).send(body);
    const first = await send('203.0.113.20', { parcel_id: p.id });
    expect(first.status).to.equal(201);
    expect(first.body.links.verify).to.equal(`https://quyhoach.cantho.example/verify/${first.body.code}`);
    expectProblem(await send('203.0.113.20', {}), 400); // refused requests count too
    const before = await count('certificates');
    const limited = await send('203.0.113.20', { parcel_id: p.id });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).to.be.within(1, 60);
    expect(await count('certificates')).to.equal(before);
    expect((await send('203.0.113.21', { parcel_id: p.id })).status).to.equal(201);

    const pdfRes = await request(app).get(`/api/certificates/${first.body.code}.pdf`).set('X-Forwarded-For', '203.0.113.22').buffer(true).parse(binary);
    expect(pdfRes.status).to.equal(200);
    expect((await pdfText(pdfRes.body as Buffer)).text).to.include(`https://quyhoach.cantho.example/verify/${first.body.code}`);
    expectProblem(await request(app).get(`/api/certificates/${first.body.code}.pdf`).set('X-Forwarded-For', '203.0.113.22'), 429);
  });

  it('documents its three endpoints in the OpenAPI description', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(Object.keys(res.body.paths)).to.include.members(['/api/certificates', '/api/certificates/{code}', '/api/certificates/{code}.pdf']);
    expect(res.body.paths['/api/certificates'].post.responses).to.have.keys('201', '400', '404', '415', '422', '429');
    expect(res.body.components.schemas).to.have.property('CertificateWithVerification');
  });

  it('the app allows a client 10 sheet requests a minute by default', async () => {
    let first429 = 0;
    for (let i = 1; i <= 11 && !first429; i++) {
      const res = await request(t.app).post('/api/certificates').set('X-Forwarded-For', '192.0.2.77').send({});
      if (res.status === 429) first429 = i;
      else expect(res.status).to.equal(400);
    }
    expect(first429).to.equal(11);
  });
});
