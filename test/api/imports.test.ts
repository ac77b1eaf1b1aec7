import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { expect } from 'chai';
import { unzipSync, zipSync } from 'fflate';
import * as shapefile from 'shapefile';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { startTestApp, type TestApp } from '../support/test-server.ts';
import { expectProblem, loginAs } from '../support/api-client.ts';
import { parseCrsName, parseWkt, prjFor, recognisePrj, LAYER_CRS } from '../../api/imports/imports.prj.ts';
import { readField, readGeometry } from '../../api/imports/imports.validation.ts';
import { ZONE_FIELDS } from '../../api/imports/imports.types.ts';
import { encodingFromCpg } from '../../api/imports/imports.reader.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');
const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));
const SOURCE = JSON.parse(fixture('zones-4326.geojson').toString('utf8')) as FeatureCollection;

/** The mapping a planner gives for the fixtures' attributes (names as the city's GIS files have them). */
const MAPPING = {
  lot_code: 'MA_LO',
  land_use_code: 'KH_DAT',
  name: 'TEN_LO',
  max_coverage_pct: 'MDXD',
  max_far: 'HSSDD',
  max_floors: 'TANG_CAO',
  max_height_m: 'CHIEU_CAO',
  min_setback_m: 'KL_LUI',
};

const field = (name: string) => ZONE_FIELDS.find((f) => f.name === name)!;

describe('import parts that need no database', function () {
  it('recognises the .prj GDAL writes for each accepted CRS by its parameters, and the .prj SPP writes', () => {
    for (const srid of [4326, 5897, 9209, 9210, 3405]) {
      const prj = new TextDecoder().decode(unzipSync(new Uint8Array(fixture(`zones-${srid}.zip`)))['zones.prj']);
      expect(recognisePrj(prj), prj).to.deep.include({ srid });
      expect(recognisePrj(prjFor(srid as (typeof LAYER_CRS)[number]))).to.deep.include({ srid });
    }
  });

  it('recognises WKT2 and a custom CRS name, and refuses other datums, zones and projections with the reason', () => {
    const wkt2 =
      'PROJCRS["My city grid",BASEGEOGCRS["VN-2000",DATUM["Vietnam 2000",ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]]],' +
      'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4756]],CONVERSION["x",METHOD["Transverse Mercator",ID["EPSG",9807]],' +
      'PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433]],PARAMETER["Longitude of natural origin",105.5,ANGLEUNIT["degree",0.0174532925199433]],' +
      'PARAMETER["Scale factor at natural origin",0.9999,SCALEUNIT["unity",1]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1]],' +
      'PARAMETER["False northing",0,LENGTHUNIT["metre",1]]],CS[Cartesian,2],AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]]]';
    expect(recognisePrj(wkt2)).to.deep.include({ srid: 9209 });
    const utmWgs = new TextDecoder().decode(unzipSync(new Uint8Array(fixture('zones-unknown-prj.zip')))['zones.prj']);
    const r = recognisePrj(utmWgs);
    expect(r.srid).to.equal(null);
    expect((r as { reason: string }).reason).to.match(/WGS_1984.*VN-2000 only/);
    expect((r as { reason_vi: string }).reason_vi).to.match(/WGS_1984.*chỉ nhận tọa độ phẳng theo VN-2000/);
    const cm106 = prjFor(5897).replace('PARAMETER["central_meridian",105]', 'PARAMETER["central_meridian",106]');
    expect((recognisePrj(cm106) as { reason: string }).reason).to.match(/central meridian 106/);
    expect((recognisePrj(cm106) as { reason_vi: string }).reason_vi).to.match(/kinh tuyến trục 106°/);
    expect(recognisePrj('PROJCS["broken"').srid).to.equal(null);
    expect(() => parseWkt('GEOGCS["a",]')).to.throw(SyntaxError);
  });

  it('reads declared CRS names, code pages and attribute values as a Vietnamese GIS file writes them', () => {
    expect(parseCrsName('EPSG:9210')).to.equal(9210);
    expect(parseCrsName('urn:ogc:def:crs:EPSG::5897')).to.equal(5897);
    expect(parseCrsName('urn:ogc:def:crs:OGC:1.3:CRS84')).to.equal(4326);
    expect(parseCrsName('EPSG:32648')).to.equal(null);
    expect(encodingFromCpg('UTF-8\n')).to.equal('utf-8');
    expect(encodingFromCpg('1258')).to.equal('windows-1258');
    expect(encodingFromCpg('ANSI 1258')).to.equal('windows-1258');
    expect(encodingFromCpg('88591')).to.equal('iso-8859-1');
    expect(encodingFromCpg('EBCDIC')).to.equal(null);
    expect(readField(field('max_far'), '2,5')).to.deep.equal({ value: 2.5 });
    expect(readField(field('max_far'), 'abc')).to.deep.equal({ error: "'abc' is not a number", error_vi: "'abc' không phải là số" });
    expect(readField(field('max_far'), 25)).to.have.property('error').that.matches(/outside 0–20/);
    expect(readField(field('max_far'), 25)).to.have.property('error_vi').that.matches(/nằm ngoài khoảng 0–20/);
    expect(readField(field('max_floors'), 4.5)).to.have.property('error').that.matches(/whole number/);
    expect(readField(field('permitted_uses'), 'odt; tmd')).to.deep.equal({ value: ['ODT', 'TMD'] });
    expect(readField(field('lot_code'), '  ')).to.deep.equal({ error: 'is required', error_vi: 'là bắt buộc' });
  });

  it('refuses metres read as degrees, open rings and points with a pointer into the geometry', () => {
    const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
    expect(readGeometry({ type: 'Polygon', coordinates: square(583100, 1108700, 50) }, 4326)).to.deep.include({ at: '/coordinates/0/0' });
    expect(readGeometry({ type: 'Polygon', coordinates: square(105.76, 10.025, 0.001) }, 5897)).to.have.property('error').that.matches(/outside Việt Nam/);
    const open = { type: 'Polygon', coordinates: [[[105.76, 10.02], [105.77, 10.02], [105.77, 10.03], [105.76, 10.03]]] };
    expect(readGeometry(open, 4326)).to.deep.include({ at: '/coordinates/0' });
    expect(readGeometry({ type: 'Point', coordinates: [105.76, 10.02] }, 4326)).to.deep.include({ at: '/type' });
  });
});

describe('zone layer imports: POST /api/imports into a draft change set', function () {
  let t: TestApp;
  let planner: string;
  let officer: string;
  let planId: number;

  before(async function () {
    this.timeout(300_000); // the first test file of a run migrates and seeds the template database
    t = await startTestApp();
    planner = await loginAs(t.app, 'planner');
    officer = await loginAs(t.app, 'officer');
    planId = (await request(t.app).get('/api/plans')).body.items[0].id;
  });
  after(async () => t?.close());

  function post(file: Buffer, name: string, fields: Record<string, string | object> = {}, token = planner) {
    let r = request(t.app).post('/api/imports').set('Authorization', `Bearer ${token}`).field('plan_id', String(planId));
    for (const [k, v] of Object.entries(fields)) r = r.field(k, typeof v === 'string' ? v : JSON.stringify(v));
    return r.attach('file', file, name);
  }

  async function counts(): Promise<{ sets: number; edits: number }> {
    const { rows } = await t.db.knex.raw(`SELECT (SELECT count(*) FROM change_sets)::int AS sets, (SELECT count(*) FROM change_set_edits)::int AS edits`);
    return rows[0];
  }

  async function editsOf(changeSetId: number): Promise<{ op: string; feature_id: number | null; base_version: number | null; after: Feature }[]> {
    const { rows } = await t.db.knex.raw(`SELECT op, feature_id, base_version, after FROM change_set_edits WHERE change_set_id = ? ORDER BY id`, [changeSetId]);
    return rows.map((r: { after: unknown }) => ({ ...r, after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after }));
  }

  /**
   * Planar TM-3 (EPSG:5897) areas by PostGIS of (a) each source geometry, taken in its file's CRS
   * and transformed by PostGIS, and (b) the geometry the edit stores (lon/lat, transformed by SPP).
   */
  async function areasBySql(sources: Geometry[], srid: number, stored: Geometry[]): Promise<{ src: number; got: number }[]> {
    const { rows } = await t.db.knex.raw(
      `SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(e->>'s'), ?::int), 5897)) AS src,
              ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), 4326), 5897)) AS got
       FROM json_array_elements(?::json) WITH ORDINALITY AS x(e, k) ORDER BY k`,
      [srid, JSON.stringify(sources.map((s, k) => ({ s, g: stored[k] })))],
    );
    return rows.map((r: { src: number; got: number }) => ({ src: Number(r.src), got: Number(r.got) }));
  }

  for (const srid of [4326, 5897, 9209, 9210, 3405]) {
    it(`imports the zipped Shapefile ogr2ogr wrote in EPSG:${srid}: CRS from its .prj, areas as PostGIS transforms them, attributes mapped, Vietnamese intact`, async () => {
      const zip = fixture(`zones-${srid}.zip`);
      const res = await post(zip, `zones-${srid}.zip`, { mapping: MAPPING, title: `Nhập lô từ tệp EPSG:${srid}` });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.deep.include({ status: 'draft', features: 4, created: 4, modified: 0, crs: `EPSG:${srid}` });
      expect(res.headers.location).to.equal(`/api/changesets/${res.body.change_set_id}`);
      expect(res.body.checks_summary.errors).to.be.a('number');

      const files = unzipSync(new Uint8Array(zip));
      const src = await shapefile.read(files['zones.shp'], files['zones.dbf'], { encoding: 'utf-8' });
      const edits = await editsOf(res.body.change_set_id);
      expect(edits.map((e) => e.op)).to.deep.equal(['create', 'create', 'create', 'create']);
      const areas = await areasBySql(src.features.map((f) => f.geometry), srid, edits.map((e) => e.after.geometry));
      areas.forEach(({ src: a, got }) => expect(Math.abs(got - a) / a).to.be.below(1e-4));
      expect(areas[1].src).to.be.within(2.0e4, 4.0e4); // the park with its pond: ~33,000 m² less ~2,900 m²

      edits.forEach((e, k) => {
        const p = SOURCE.features[k].properties!;
        expect(e.after.properties).to.deep.include({
          lot_code: p.MA_LO,
          land_use_code: p.KH_DAT,
          name: p.TEN_LO,
          max_coverage_pct: p.MDXD,
          max_far: p.HSSDD,
          max_floors: p.TANG_CAO,
          max_height_m: p.CHIEU_CAO,
          min_setback_m: p.KL_LUI,
        });
      });
      expect(edits[3].after.properties!.name).to.equal('Trung tâm hành chính phường Ninh Kiều');
      expect(edits[2].after.geometry.type).to.equal('MultiPolygon');
      const { rows: audit } = await t.db.knex.raw(`SELECT after FROM audit_log WHERE action = 'import' AND entity_id = ?`, [String(res.body.change_set_id)]);
      expect(audit).to.have.length(1);
    });
  }

  it('imports GeoJSON in VN-2000 metres with the legacy "crs" member, and plain RFC 7946 GeoJSON with a declared-free default of EPSG:4326', async () => {
    const tm3 = await post(fixture('zones-5897.geojson'), 'zones-5897.geojson', { mapping: MAPPING });
    expect(tm3.status, JSON.stringify(tm3.body)).to.equal(201);
    expect(tm3.body.crs).to.equal('EPSG:5897');
    const src = JSON.parse(fixture('zones-5897.geojson').toString('utf8')) as FeatureCollection;
    const edits = await editsOf(tm3.body.change_set_id);
    const areas = await areasBySql(src.features.map((f) => f.geometry), 5897, edits.map((e) => e.after.geometry));
    areas.forEach(({ src: a, got }) => expect(Math.abs(got - a) / a).to.be.below(1e-4));

    const wgs = await post(fixture('zones-4326.geojson'), 'zones.geojson', { mapping: MAPPING });
    expect(wgs.status, JSON.stringify(wgs.body)).to.equal(201);
    expect(wgs.body.crs).to.equal('EPSG:4326');
  });

  it('takes a declared CRS over the file: metres declared as EPSG:9209 are read as such', async () => {
    // The 9209 Shapefile without its .prj: only the declaration says what the numbers are.
    const files = unzipSync(new Uint8Array(fixture('zones-9209.zip')));
    delete files['zones.prj'];
    const zip = Buffer.from(zipSync(files));
    const refused = await post(zip, 'no-prj.zip', { mapping: MAPPING });
    expectProblem(refused, 400, '/file/features/0/geometry/coordinates/0/0');
    expect(refused.body.errors[0].message).to.match(/outside Việt Nam/);
    const res = await post(zip, 'no-prj.zip', { mapping: MAPPING, crs: 'EPSG:9209' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.crs).to.equal('EPSG:9209');
  });

  it('reads the attributes without a mapping when they have the zone field names or SPP export names', async () => {
    const res = await post(fixture('zones-3405.zip'), 'zones-3405.zip');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const edits = await editsOf(res.body.change_set_id);
    // MA_LO, KH_DAT, MDXD, HSSDD … are SPP's own DBF names; TEN_LO is not, so the name stays empty.
    expect(edits[0].after.properties).to.deep.include({ lot_code: 'NK-IMP-01', land_use_code: 'HH', max_far: 4.5, name: null });
  });

  it('modifies the zone in force with the same lot code, on its current version, keeping what the file does not carry', async () => {
    const zones = await request(t.app).get('/api/zones?bbox=105.77,10.025,105.79,10.04&limit=1');
    const zone = zones.body.features[0];
    const moved = JSON.parse(JSON.stringify(zone.geometry)) as { coordinates: number[][][][] };
    moved.coordinates[0][0] = moved.coordinates[0][0].map(([x, y]) => [x + 0.00001, y]); // about 1.1 m east
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { MA_LO: zone.properties.lot_code, KH_DAT: zone.properties.land_use_code, HSSDD: 1.2 }, geometry: moved },
        { type: 'Feature', properties: { MA_LO: 'NK-MOI-01', KH_DAT: 'CX', HSSDD: 0.1 }, geometry: SOURCE.features[0].geometry },
      ],
    };
    const res = await post(Buffer.from(JSON.stringify(fc)), 'dieu-chinh.geojson', { mapping: { lot_code: 'MA_LO', land_use_code: 'KH_DAT', max_far: 'HSSDD' } });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ features: 2, created: 1, modified: 1 });
    const [mod, created] = await editsOf(res.body.change_set_id);
    expect(mod).to.deep.include({ op: 'modify', feature_id: zone.id, base_version: zone.properties.version });
    expect(mod.after.properties).to.deep.include({ max_far: 1.2, citation: zone.properties.citation, max_floors: zone.properties.max_floors, name: zone.properties.name });
    expect(created.op).to.equal('create');
    const cs = await request(t.app).get(`/api/changesets/${res.body.change_set_id}`).set('Authorization', `Bearer ${planner}`);
    expect(cs.status).to.equal(200);
    expect(cs.body.status).to.equal('draft');
    expect(cs.body.edits).to.have.length(2);
  });

  it('imports a constraint layer: red lines and a flood area as create edits, rule values checked', async () => {
    const strip = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 10.02], [x + 0.0002, 10.02], [x + 0.0002, 10.03], [x, 10.03], [x, 10.02]]] });
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { LOAI: 'red_line', QUY_TAC: 'no_build', TEN: 'Chỉ giới đường đỏ đường 30/4 mở rộng' }, geometry: strip(105.771) },
        { type: 'Feature', properties: { LOAI: 'flood', QUY_TAC: 'setback_m', GIA_TRI: '' , TEN: 'Vùng ngập' }, geometry: strip(105.772) },
      ],
    };
    const bad = await post(Buffer.from(JSON.stringify(fc)), 'rang-buoc.geojson', { layer: 'constraints' });
    expectProblem(bad, 400, '/file/features/1/properties/GIA_TRI');
    fc.features[1].properties.GIA_TRI = '5,5';
    const res = await post(Buffer.from(JSON.stringify(fc)), 'rang-buoc.geojson', { layer: 'constraints' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ features: 2, created: 2, modified: 0 });
    const edits = await editsOf(res.body.change_set_id);
    expect(edits[0].after.properties).to.deep.include({ kind: 'red_line', rule: 'no_build', name: 'Chỉ giới đường đỏ đường 30/4 mở rộng', tolerance_m: 0.1 });
    expect(edits[1].after.properties).to.deep.include({ kind: 'flood', rule: 'setback_m', value: 5.5 });
  });

  it('refuses a file with a bad attribute naming file, feature and attribute, and writes nothing', async () => {
    const before = await counts();
    const fc = JSON.parse(JSON.stringify(SOURCE)) as FeatureCollection;
    fc.features[2].properties!.HSSDD = 'abc';
    fc.features[3].properties!.KH_DAT = 'ZZZ';
    const res = await post(Buffer.from(JSON.stringify(fc)), 'lo-sai.geojson', { mapping: MAPPING });
    expectProblem(res, 400, '/file/features/2/properties/HSSDD');
    const err = res.body.errors.find((e: { path: string }) => e.path === '/file/features/2/properties/HSSDD');
    expect(err.message).to.include('lo-sai.geojson, feature 2');
    expect(err.message).to.include("max_far: 'abc' is not a number");
    expect(res.body.detail).to.include('lo-sai.geojson');
    expect(await counts()).to.deep.equal(before);

    // Fixed attributes, but an unknown land-use code: refused after the code-list look-up.
    fc.features[2].properties!.HSSDD = 4;
    const codes = await post(Buffer.from(JSON.stringify(fc)), 'lo-sai.geojson', { mapping: MAPPING });
    expectProblem(codes, 400, '/file/features/3/properties/KH_DAT');
    expect(await counts()).to.deep.equal(before);
  });

  it('refuses invalid or non-polygonal geometry by feature, and writes nothing', async () => {
    const before = await counts();
    const fc = JSON.parse(JSON.stringify(SOURCE)) as FeatureCollection;
    fc.features[1].geometry = { type: 'Polygon', coordinates: [[[105.76, 10.02], [105.77, 10.03], [105.77, 10.02], [105.76, 10.03], [105.76, 10.02]]] }; // bow tie
    const bow = await post(Buffer.from(JSON.stringify(fc)), 'hinh-no.geojson', { mapping: MAPPING });
    expectProblem(bow, 400, '/file/features/1/geometry');
    expect(bow.body.errors[0].message).to.match(/hinh-no\.geojson, feature 1 \(MA_LO 'NK-IMP-02'\): geometry is not valid \(Self-intersection/);
    fc.features[1].geometry = { type: 'Point', coordinates: [105.76, 10.02] };
    expectProblem(await post(Buffer.from(JSON.stringify(fc)), 'diem.geojson', { mapping: MAPPING }), 400, '/file/features/1/geometry/type');
    expect(await counts()).to.deep.equal(before);
  });

  it('refuses an unknown .prj (WGS 84 / UTM 48N) with 400 naming the file, unless the CRS is declared', async () => {
    const before = await counts();
    const res = await post(fixture('zones-unknown-prj.zip'), 'zones-utm.zip', { mapping: MAPPING });
    expectProblem(res, 400, '/file');
    expect(res.body.code).to.equal('unknown_crs');
    expect(res.body.detail).to.include('zones-utm.zip');
    expect(res.body.detail).to.include('zones.prj');
    expect(res.body.errors[0].message_vi).to.match(/^zones-utm\.zip: không dùng được hệ tọa độ mà tệp khai báo \(zones\.prj mô tả một hệ tọa độ phẳng trên hệ quy chiếu/);
    expect(await counts()).to.deep.equal(before);
  });

  it('refuses bad forms, files and mappings with 400 naming the part', async () => {
    const before = await counts();
    expectProblem(await post(fixture('zones-4326.geojson'), 'zones.geojson', { mapping: { max_far: 'NOPE' } }), 400, '/mapping/max_far');
    expectProblem(await post(fixture('zones-4326.geojson'), 'zones.geojson', { mapping: { far: 'HSSDD' } }), 400, '/mapping/far');
    expectProblem(await post(fixture('zones-4326.geojson'), 'zones.geojson', { mapping: '{not json' }), 400, '/mapping');
    expectProblem(await post(fixture('zones-4326.geojson'), 'zones.geojson', { crs: 'EPSG:32648' }), 400, '/crs');
    expectProblem(await post(Buffer.from('not a zip'), 'zones.zip'), 400, '/file');
    expectProblem(await post(Buffer.from('{"type":'), 'zones.geojson'), 400, '/file');
    expectProblem(await post(Buffer.from('a,b\n1,2'), 'zones.csv'), 400, '/file');
    const noPlan = await request(t.app).post('/api/imports').set('Authorization', `Bearer ${planner}`).attach('file', fixture('zones-4326.geojson'), 'zones.geojson');
    expectProblem(noPlan, 400, '/plan_id');
    const noFile = await request(t.app).post('/api/imports').set('Authorization', `Bearer ${planner}`).field('plan_id', String(planId));
    expectProblem(noFile, 400, '/file');
    const json = await request(t.app).post('/api/imports').set('Authorization', `Bearer ${planner}`).send({ plan_id: planId });
    expectProblem(json, 415);
    expect(await counts()).to.deep.equal(before);
  });

  it('answers 413 for a file over 50 MB', async () => {
    const res = await post(Buffer.alloc(50 * 1024 * 1024 + 1, 0x20), 'big.geojson');
    expectProblem(res, 413);
  });

  it('lets only planners import: 403 for a permit officer, 401 without signing in', async () => {
    expectProblem(await post(fixture('zones-4326.geojson'), 'zones.geojson', {}, officer), 403);
    const anon = await request(t.app).post('/api/imports').field('plan_id', String(planId)).attach('file', fixture('zones-4326.geojson'), 'zones.geojson');
    expectProblem(anon, 401);
  });

  it('round trip: the Shapefile export imported back gives modify edits on the current versions with no geometric change', async () => {
    const bbox = '105.775,10.03,105.785,10.035';
    const exp = await request(t.app)
      .get(`/api/zones/export?format=shapefile&bbox=${bbox}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(exp.status).to.equal(200);
    const res = await post(exp.body as Buffer, 'zones-export.zip');
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const { rows } = await t.db.knex.raw(
      `SELECT feature_id, version, ST_AsGeoJSON(geom)::json AS g FROM zones WHERE valid_to IS NULL AND ST_Intersects(geom, ST_MakeEnvelope(105.775, 10.03, 105.785, 10.035, 4326)) ORDER BY feature_id`,
    );
    expect(rows.length).to.be.greaterThan(3);
    expect(res.body).to.deep.include({ features: rows.length, created: 0, modified: rows.length, crs: 'EPSG:5897' });
    const edits = await editsOf(res.body.change_set_id);
    expect(edits.map((e) => [e.op, e.feature_id, e.base_version])).to.deep.equal(rows.map((r: { feature_id: number; version: number }) => ['modify', r.feature_id, r.version]));
    const { rows: same } = await t.db.knex.raw(
      `SELECT bool_and(ST_Equals(z.geom, ST_SetSRID(ST_GeomFromGeoJSON(e.after->>'geometry'), 4326))) AS same
       FROM change_set_edits e JOIN zones z ON z.feature_id = e.feature_id AND z.valid_to IS NULL WHERE e.change_set_id = ?`,
      [res.body.change_set_id],
    );
    expect(same[0].same).to.equal(true);
  });
});
