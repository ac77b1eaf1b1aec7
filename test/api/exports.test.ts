import request from 'supertest';
import { expect } from 'chai';
import { unzipSync } from 'fflate';
import * as shapefile from 'shapefile';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem } from '../support/api-client.ts';
import { recognisePrj } from '../../api/imports/imports.prj.ts';
import { PolygonShapefileWriter } from '../../api/imports/imports.shp-writer.ts';

// A window over the former Ninh Kiều centre, inside the demo plan.
const CENTRE = [105.77, 10.025, 105.79, 10.04];

/** supertest's binary parser: the raw body as a Buffer. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

async function readShapefileZip(zip: Buffer): Promise<{ files: Record<string, Uint8Array>; features: Feature[] }> {
  const files = unzipSync(new Uint8Array(zip));
  const cpg = new TextDecoder().decode(files['zones.cpg']);
  const fc = await shapefile.read(files['zones.shp'], files['zones.dbf'], { encoding: cpg });
  return { files, features: fc.features };
}

describe('zone layer exports: GET /api/zones/export as GeoJSON and zipped Shapefile', function () {
  let t: TestApp;
  let planId: number;
  let today: string;
  before(async function () {
    this.timeout(300_000); // the first test file of a run migrates and seeds the template database
    t = await startTestApp();
    const plans = await request(t.app).get('/api/plans');
    planId = plans.body.items[0].id;
    today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  });
  after(async () => t?.close());

  it('streams as GeoJSON exactly the zones, ids, properties and geometry /api/zones gives for the date', async () => {
    const exp = await request(t.app).get(`/api/zones/export?format=geojson&date=${today}`);
    expect(exp.status).to.equal(200);
    expect(exp.headers['content-type']).to.match(/^application\/geo\+json/);
    expect(exp.headers['content-disposition']).to.equal(`attachment; filename="zones-${today}.geojson"`);
    const fc = JSON.parse(exp.text) as FeatureCollection & { as_of: string };
    expect(fc.type).to.equal('FeatureCollection');
    expect(fc.as_of).to.equal(today);
    const { rows } = await t.db.knex.raw(`SELECT count(*)::int AS n FROM zones WHERE valid_to IS NULL`);
    expect(rows[0].n).to.be.greaterThan(1000); // more than one export batch, so the keyset paging is exercised
    expect(fc.features).to.have.length(rows[0].n);
    const api: Feature[] = [];
    for (let offset = 0; ; offset += 10000) {
      const page = await request(t.app).get(`/api/zones?date=${today}&limit=10000&offset=${offset}`);
      api.push(...page.body.features);
      if (page.body.numberReturned < 10000) break;
    }
    expect(fc.features.map((f) => f.id)).to.deep.equal(api.map((f) => f.id));
    expect(fc.features).to.deep.equal(api);
  });

  it('exports what is in force on the date: nothing on the day before the plan took effect', async () => {
    const plan = (await request(t.app).get('/api/plans')).body.items[0];
    const dayBefore = new Date(Date.parse(plan.effective_from) - 86400_000).toISOString().slice(0, 10);
    const exp = await request(t.app).get(`/api/zones/export?date=${dayBefore}`);
    expect(exp.status).to.equal(200);
    expect(JSON.parse(exp.text).features).to.have.length(0);
  });

  it('filters by bbox and plan_id as PostGIS ST_Intersects does', async () => {
    const exp = await request(t.app).get(`/api/zones/export?format=geojson&bbox=${CENTRE.join(',')}&plan_id=${planId}`);
    const ids = (JSON.parse(exp.text) as FeatureCollection).features.map((f) => f.id);
    const { rows } = await t.db.knex.raw(
      `SELECT feature_id FROM zones WHERE valid_to IS NULL AND plan_id = ? AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY feature_id`,
      [planId, ...CENTRE],
    );
    expect(rows.length).to.be.greaterThan(20);
    expect(ids).to.deep.equal(rows.map((r: { feature_id: number }) => r.feature_id));
    const other = await request(t.app).get(`/api/zones/export?plan_id=999999`);
    expect(JSON.parse(other.text).features).to.have.length(0);
  });

  it('writes a Shapefile in VN-2000 TM-3 105°00′ whose features, attributes and areas match PostGIS', async () => {
    const res = await request(t.app).get(`/api/zones/export?format=shapefile&bbox=${CENTRE.join(',')}`).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/zip');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="zones-${today}-EPSG5897.zip"`);
    const { files, features } = await readShapefileZip(res.body as Buffer);
    expect(Object.keys(files).sort()).to.deep.equal(['zones.cpg', 'zones.dbf', 'zones.prj', 'zones.shp', 'zones.shx']);
    expect(new TextDecoder().decode(files['zones.cpg'])).to.equal('UTF-8');
    expect(recognisePrj(new TextDecoder().decode(files['zones.prj']))).to.deep.include({ srid: 5897 });
    const { rows } = await t.db.knex.raw(
      `SELECT feature_id, version, lot_code, land_use_code, name, max_far::float8 AS max_far, max_floors, permitted_uses,
              ST_Area(ST_Transform(geom, 5897)) AS area
       FROM zones WHERE valid_to IS NULL AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY feature_id`,
      CENTRE,
    );
    expect(features).to.have.length(rows.length);
    // The areas of the geometry read back, measured by PostGIS in the file's CRS.
    const { rows: areas } = await t.db.knex.raw(
      `SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 5897)) AS area FROM json_array_elements(?::json) WITH ORDINALITY AS x(e, k) ORDER BY k`,
      [JSON.stringify(features.map((f) => ({ g: f.geometry })))],
    );
    features.forEach((f, k) => {
      const row = rows[k];
      const p = f.properties as Record<string, unknown>;
      expect(p.FEATURE_ID).to.equal(row.feature_id);
      expect(p.PHIEN_BAN).to.equal(row.version);
      expect(p.MA_LO).to.equal(row.lot_code);
      expect(p.KH_DAT).to.equal(row.land_use_code);
      expect(p.TEN).to.equal(row.name);
      expect(p.HSSDD).to.equal(row.max_far);
      expect(p.TANG_CAO).to.equal(row.max_floors);
      expect(p.SD_CHOPHEP ?? '').to.equal((row.permitted_uses as string[]).join(','));
      expect(Math.abs(Number(areas[k].area) - Number(row.area)) / Number(row.area)).to.be.below(1e-4);
      expect(Math.abs((p.DT_M2 as number) - Number(row.area))).to.be.below(0.01);
    });
    // Vietnamese names survive the DBF.
    expect(features.some((f) => /[ạảãàáâậầấẩẫăắằặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i.test(String(f.properties?.TEN ?? '')))).to.equal(true);
  });

  it('writes WGS 84 or another TM-3 zone when asked with crs=', async () => {
    const wgs = await request(t.app).get(`/api/zones/export?format=shapefile&crs=EPSG:4326&bbox=${CENTRE.join(',')}`).buffer(true).parse(binary);
    expect(wgs.headers['content-disposition']).to.match(/EPSG4326\.zip"$/);
    const a = await readShapefileZip(wgs.body as Buffer);
    expect(recognisePrj(new TextDecoder().decode(a.files['zones.prj']))).to.deep.include({ srid: 4326 });
    const first = (a.features[0].geometry as { coordinates: number[][][] }).coordinates.flat(2) as unknown as number[];
    expect(first[0]).to.be.within(105.7, 105.8);

    const tm = await request(t.app).get(`/api/zones/export?format=shapefile&crs=EPSG:9209&bbox=${CENTRE.join(',')}`).buffer(true).parse(binary);
    const b = await readShapefileZip(tm.body as Buffer);
    expect(recognisePrj(new TextDecoder().decode(b.files['zones.prj']))).to.deep.include({ srid: 9209 });
    const id = b.features[0].properties?.FEATURE_ID as number;
    const { rows } = await t.db.knex.raw(
      `SELECT ST_Area(ST_Transform(geom, 9209)) AS expected, ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 9209)) AS got
       FROM zones WHERE feature_id = ? AND valid_to IS NULL`,
      [JSON.stringify(b.features[0].geometry), id],
    );
    expect(Math.abs(rows[0].got - rows[0].expected) / rows[0].expected).to.be.below(1e-4);
  });

  it('refuses an unknown format or CRS with 400 naming the parameter', async () => {
    expectProblem(await request(t.app).get('/api/zones/export?format=kml'), 400, '/query/format');
    expectProblem(await request(t.app).get('/api/zones/export?format=shapefile&crs=EPSG:32648'), 400, '/query/crs');
    expectProblem(await request(t.app).get('/api/zones/export?format=geojson&crs=EPSG:5897'), 400, '/query/crs');
    expectProblem(await request(t.app).get('/api/zones/export?date=2025-02-30'), 400, '/query/date');
    expectProblem(await request(t.app).get('/api/zones/export?bbox=1,2,3'), 400, '/query/bbox');
  });
});

describe('the Shapefile writer', function () {
  it('writes outer rings clockwise and holes counter-clockwise, so an independent reader rebuilds polygons with holes and multipolygons', async () => {
    const withHole: Geometry = {
      type: 'Polygon',
      coordinates: [
        // given in GeoJSON order: outer counter-clockwise, hole clockwise
        [[0, 0], [100, 0], [100, 80], [0, 80], [0, 0]],
        [[20, 20], [20, 40], [40, 40], [40, 20], [20, 20]],
      ],
    };
    const multi: Geometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[200, 0], [210, 0], [210, 10], [200, 10], [200, 0]]],
        [[[300, 0], [300, 10], [310, 10], [310, 0], [300, 0]]], // already clockwise
      ],
    };
    const w = new PolygonShapefileWriter([
      { name: 'TEN', type: 'C', length: 12 },
      { name: 'HSSDD', type: 'N', length: 6, decimals: 2 },
    ]);
    w.add(withHole, ['Hồ điều hoà Cái Khế', 2.5]); // longer than 12 bytes in UTF-8: cut at a character boundary
    w.add(multi, [null, null]);
    const { shp, shx, dbf } = w.finish();
    expect(shx.byteLength).to.equal(100 + 2 * 8);
    const fc = await shapefile.read(shp, dbf, { encoding: 'utf-8' });
    expect(fc.features).to.have.length(2);
    const [a, b] = fc.features;
    expect(a.geometry.type).to.equal('Polygon');
    const rings = (a.geometry as { coordinates: number[][][] }).coordinates;
    expect(rings).to.have.length(2);
    expect(a.properties?.TEN).to.equal('Hồ điều');
    expect(a.properties?.HSSDD).to.equal(2.5);
    expect(b.geometry.type).to.equal('MultiPolygon');
    expect((b.geometry as { coordinates: unknown[] }).coordinates).to.have.length(2);
    expect(b.properties?.TEN).to.equal(null);
    expect(b.properties?.HSSDD).to.equal(null);
    // The file's bounding box covers both records.
    const head = new DataView(shp.buffer, shp.byteOffset, 100);
    expect([head.getFloat64(36, true), head.getFloat64(44, true), head.getFloat64(52, true), head.getFloat64(60, true)]).to.deep.equal([0, 0, 310, 80]);
    expect(head.getInt32(24, false) * 2).to.equal(shp.byteLength);
  });
});
