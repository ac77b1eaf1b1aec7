import request from 'supertest';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';

interface Item {
  kind: 'parcel' | 'ward' | 'coordinate';
  label: string;
  label_en?: string;
  parcel_id?: number;
  ward_code?: string;
  point: [number, number];
  bbox?: [number, number, number, number];
  crs?: string;
}
interface Result {
  query: string;
  interpreted_as: string;
  items: Item[];
  numberReturned: number;
}

describe('search: parcels by số tờ / số thửa, addresses, wards and coordinates', function () {
  let t: TestApp;
  let parcel: { id: number; sheet_no: number; parcel_no: number; address: string; ward_code: string };

  before(async function () {
    t = await startTestApp();
    // A parcel whose house number is unique on its street in its ward, so its address finds it first.
    [parcel] = await sql(
      `SELECT p.id, p.sheet_no, p.parcel_no, p.address, p.ward_code FROM parcels p
       WHERE p.address ~ '^Số [0-9]+ ' AND (SELECT count(*) FROM parcels q WHERE q.address = p.address) = 1
       ORDER BY p.id LIMIT 1`,
    );
  });
  after(async () => t?.close());

  async function sql<T = Record<string, any>>(text: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
    return (await t.db.knex.raw(text, bindings)).rows as T[];
  }
  const search = async (q: string): Promise<Result> => {
    const res = await request(t.app).get('/api/search').query({ q });
    expect(res.status, res.text.slice(0, 400)).to.equal(200);
    expect(res.body.query).to.equal(q.trim());
    expect(res.body.numberReturned).to.equal(res.body.items.length);
    expect(res.body.items.length).to.be.at.most(20);
    return res.body as Result;
  };
  /** Planar distance in m (EPSG:5897) between a result point and the expected one. */
  async function metresBetween(a: [number, number], b: [number, number]): Promise<number> {
    const [r] = await sql<{ d: number }>(
      `SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326), 5897), ST_Transform(ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326), 5897)) AS d`,
      [a[0], a[1], b[0], b[1]],
    );
    return r.d;
  }
  async function insideParcel(id: number, p: [number, number]): Promise<boolean> {
    const [r] = await sql<{ ok: boolean }>(`SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)) AS ok FROM parcels WHERE id = ?`, [p[0], p[1], id]);
    return r.ok;
  }

  it('finds a parcel by số tờ / số thửa written "tờ 12 thửa 345", "to 12 thua 345", "12/345" and the long form, with a point inside it and its bbox', async () => {
    const { sheet_no: s, parcel_no: n } = parcel;
    for (const q of [`tờ ${s} thửa ${n}`, `to ${s} thua ${n}`, `${s}/${n}`, `Tờ bản đồ số ${s}, thửa đất số ${n}`, `thửa ${n} tờ ${s}`, `sheet ${s} parcel ${n}`]) {
      const r = await search(q);
      expect(r.interpreted_as, q).to.equal('sheet_parcel');
      const first = r.items[0];
      expect(first, q).to.include({ kind: 'parcel', parcel_id: parcel.id, ward_code: parcel.ward_code });
      expect(first.label).to.include(`Thửa ${n}, tờ bản đồ ${s}`);
      expect(first.label_en).to.include(`Parcel ${n}, map sheet ${s}`);
      expect(await insideParcel(parcel.id, first.point)).to.equal(true);
      const [minx, miny, maxx, maxy] = first.bbox!;
      expect(first.point[0]).to.be.within(minx, maxx);
      expect(first.point[1]).to.be.within(miny, maxy);
    }
  });

  it('finds a parcel by address words, with or without Vietnamese accents, the exact house number first', async () => {
    const r = await search(parcel.address);
    expect(r.interpreted_as).to.equal('text');
    expect(r.items[0]).to.include({ kind: 'parcel', parcel_id: parcel.id });
    // "Số 15 Đường D21, Phường Cái Khế, …" typed as "15 duong d21 cai khe"
    const m = /^Số (\d+) (Đường [^,]+), Phường ([^,]+),/.exec(parcel.address)!;
    const bare = `${m[1]} ${m[2]} ${m[3]}`.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    const plain = await search(bare);
    expect(plain.items[0], bare).to.include({ kind: 'parcel', parcel_id: parcel.id });
    // Decomposed Unicode (as some keyboards send it) finds the same.
    const nfd = await search(parcel.address.normalize('NFD'));
    expect(nfd.items[0]).to.include({ parcel_id: parcel.id });
    // Whole words: house number 1 is not 11 or 12.
    const one = await search(`Số 1 ${m[2]}`);
    for (const it of one.items) expect(it.label).to.match(/Số 1(\/\d+)? /);
  });

  it('reads addresses through the word index: punctuation and hyphens split words, an alley number stays one word', async () => {
    // A parcel with an address as clerks type them: "Hẻm 7/2", "Tp.Cần Thơ", a hyphenated street name.
    const [row] = await sql<{ id: number }>(
      `UPDATE parcels SET address = 'Hẻm 7/2 Lê-Văn-Sỹ, KV Thới Hòa, Tp.Cần Thơ' WHERE id = (SELECT min(id) FROM parcels) RETURNING id`,
    );
    const [tokens] = await sql<{ words: string }>(`SELECT address_words::text AS words FROM parcels WHERE id = ?`, [row.id]);
    for (const w of ["'7/2'", "'le'", "'van'", "'sy'", "'tp'", "'can'", "'tho'", "'thoi'", "'hoa'"]) expect(tokens.words).to.include(w);
    const hit = await search('7/2 le van sy');
    expect(hit.items[0]).to.include({ kind: 'parcel', parcel_id: row.id });
    expect((await search('can tho thoi hoa sy')).items.map((i) => i.parcel_id)).to.include(row.id);
    // The planner can answer a word search from the GIN index (it prefers a scan on a table this small).
    const plan = await t.db.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      const r = await trx.raw(`EXPLAIN SELECT id FROM parcels p WHERE p.address_words @@ to_tsquery('simple', 'le:* & sy:*')`);
      return (r.rows as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).to.include('parcels_address_words_idx');
  });

  it('finds a ward by its name, accents or none, before the addresses in it', async () => {
    const [ward] = await sql(`SELECT code, name, full_name FROM wards WHERE code = ?`, [parcel.ward_code]);
    for (const q of [ward.name, ward.full_name, ward.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'), ward.code]) {
      const r = await search(q);
      expect(r.items[0], q).to.include({ kind: 'ward', ward_code: ward.code, label: ward.full_name });
      expect(r.items[0].label_en).to.be.a('string');
      expect(r.items[0].bbox).to.have.length(4);
      const [inside] = await sql(`SELECT ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)) AS ok FROM wards WHERE code = ?`, [r.items[0].point[0], r.items[0].point[1], ward.code]);
      expect(inside.ok).to.equal(true);
    }
    const cai = await search(ward.name);
    expect(cai.items.length).to.equal(20);
    expect(cai.items.slice(1).every((i) => i.kind === 'parcel')).to.equal(true);
  });

  it('reads WGS 84 decimal coordinates in either order (by range), and with decimal commas', async () => {
    for (const q of ['10.0341, 105.7846', '105.7846 10.0341', '10,0341 105,7846', '10.0341;105.7846', 'N10.0341 E105.7846']) {
      const r = await search(q);
      expect(r.interpreted_as, q).to.equal('coordinate');
      expect(r.items[0]).to.include({ kind: 'coordinate', crs: 'EPSG:4326' });
      expect(r.items[0].point[0]).to.be.closeTo(105.7846, 1e-12);
      expect(r.items[0].point[1]).to.be.closeTo(10.0341, 1e-12);
    }
  });

  it('reads degrees, minutes and seconds (N/E or the Vietnamese B/Đ)', async () => {
    const expected: [number, number] = [105 + 47 / 60 + 4.6 / 3600, 10 + 2 / 60 + 2.8 / 3600];
    for (const q of [`10°02'02.8"N 105°47'04.6"E`, `105°47′04.6″E, 10°02′02.8″N`, `10°02'02.8" B 105°47'04.6" Đ`, `10° 2' 2.8" N 105° 47' 4.6" E`, `N 10° 02′ 02.8″ E 105° 47′ 04.6″`, `10°02'02.8''N 105°47'04.6''E`]) {
      const r = await search(q);
      expect(r.interpreted_as, q).to.equal('coordinate');
      expect(await metresBetween(r.items[0].point, expected), q).to.be.below(1);
    }
    expect(expected[0]).to.be.closeTo(105.784611, 1e-6);
  });

  it('converts VN-2000 TM-3 metres (E N or N E, EPSG:5897 unless another zone is named) to within 1 m of PostGIS, and lists the parcel there', async () => {
    const [p] = await sql(
      `SELECT ST_X(t) AS e, ST_Y(t) AS n, ST_X(g) AS lon, ST_Y(g) AS lat FROM (
         SELECT ST_PointOnSurface(geom) AS g, ST_Transform(ST_PointOnSurface(geom), 5897) AS t FROM parcels WHERE id = ?) s`,
      [parcel.id],
    );
    for (const q of [`${p.e.toFixed(2)} ${p.n.toFixed(2)}`, `${p.n.toFixed(2)}, ${p.e.toFixed(2)}`, `VN-2000 E ${p.e.toFixed(2)} N ${p.n.toFixed(2)}`]) {
      const r = await search(q);
      expect(r.interpreted_as, q).to.equal('coordinate');
      expect(r.items[0]).to.include({ kind: 'coordinate', crs: 'EPSG:5897' });
      expect(await metresBetween(r.items[0].point, [p.lon, p.lat]), q).to.be.below(1);
      expect(r.items[1], q).to.include({ kind: 'parcel', parcel_id: parcel.id });
    }
    const [check] = await sql(`SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(585811, 1109729), 5897), 4326) AS g) s`);
    const r = await search('585811 1109729');
    expect(await metresBetween(r.items[0].point, [check.lon, check.lat])).to.be.below(1);
    expect(r.items[0].label_en).to.match(/VN-2000 EPSG:5897/);
    const other = await search('EPSG:9209 585811 1109729');
    expect(other.items[0].crs).to.equal('EPSG:9209');
    expect(other.items[0].point[0]).to.be.closeTo(106.2846, 0.01);
  });

  it('answers an empty or overlong query with 400 naming q, and nonsense with an empty list', async () => {
    expectProblem(await request(t.app).get('/api/search'), 400, '/query/q');
    expectProblem(await request(t.app).get('/api/search?q=%20%20'), 400, '/query/q');
    expectProblem(await request(t.app).get('/api/search').query({ q: 'x'.repeat(201) }), 400, '/query/q');
    expectProblem(await request(t.app).get('/api/search?q=a&q=b'), 400, '/query/q');
    const none = await search('zzqxv');
    expect(none.items).to.deep.equal([]);
    const hostile = await search(`'; DROP TABLE parcels; -- .*(`);
    expect(hostile.items).to.be.an('array');
    expect((await sql(`SELECT count(*)::int AS n FROM parcels`))[0].n).to.be.greaterThan(0);
  });
});
