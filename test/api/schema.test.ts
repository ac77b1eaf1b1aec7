import { expect } from 'chai';
import proj4 from 'proj4';
import type { Database } from '../../api/db/database.ts';
import { migratorConfig } from '../../api/db/migrate.ts';
import { freshDatabase } from '../support/test-db.ts';
import { registerVn2000 } from '../../geodata/crs.ts';

const square = (lon: number, lat: number, d = 0.0005) => ({
  type: 'MultiPolygon',
  coordinates: [[[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]]],
});
const bowTie = { type: 'MultiPolygon', coordinates: [[[[105.78, 10.03], [105.781, 10.031], [105.781, 10.03], [105.78, 10.031], [105.78, 10.03]]]] };

async function sqlState(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return String((err as { code?: string }).code);
  }
  return 'no error';
}

describe('database schema: migrations, VN-2000 zones, constraints that keep bad data out', function () {
  let db: Database;
  before(async function () {
    db = await freshDatabase();
  });
  after(async () => db?.close());

  it('transforms the Ninh Kiều check point to EPSG:5897 as the design says', async () => {
    const { rows } = await db.knex.raw(`SELECT ST_X(p) AS e, ST_Y(p) AS n FROM ST_Transform(ST_SetSRID(ST_MakePoint(105.7846, 10.0341), 4326), 5897) AS p`);
    expect(rows[0].e).to.be.closeTo(585811.32, 0.02);
    expect(rows[0].n).to.be.closeTo(1109729.84, 0.02);
  });

  it('has the added TM-3 zones 105°30′ (9209) and 105°45′ (9210), agreeing with proj4 to 1 mm', async () => {
    registerVn2000(proj4);
    for (const srid of [9209, 9210]) {
      const { rows } = await db.knex.raw(`SELECT ST_X(p) AS e, ST_Y(p) AS n FROM ST_Transform(ST_SetSRID(ST_MakePoint(105.97, 9.6), 4326), ?::int) AS p`, [srid]);
      const [e, n] = proj4('EPSG:4326', `EPSG:${srid}`, [105.97, 9.6]);
      expect(rows[0].e).to.be.closeTo(e, 0.001);
      expect(rows[0].n).to.be.closeTo(n, 0.001);
    }
  });

  it('refuses a zone with coverage over 100 %, an invalid geometry or an unknown land-use code', async () => {
    const plan = await db.knex('plans').first('id');
    const zone = (over: Record<string, unknown>) =>
      db.knex('zones').insert({
        feature_id: db.knex.raw(`nextval('zone_feature_id_seq')`),
        version: 1,
        valid_from: new Date(),
        plan_id: plan.id,
        lot_code: 'TEST-01',
        land_use_code: 'CX',
        geom: db.knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(square(105.9, 10.1))]),
        ...over,
      });
    expect(await sqlState(zone({ max_coverage_pct: 120 }))).to.equal('23514');
    expect(await sqlState(zone({ max_floors: -1 }))).to.equal('23514');
    expect(await sqlState(zone({ geom: db.knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(bowTie)]) }))).to.equal('23514');
    expect(await sqlState(zone({ land_use_code: 'NO_SUCH' }))).to.equal('23503');
    expect(await sqlState(zone({ land_use_scheme: 'land_law', land_use_code: 'ODT' }))).to.equal('23514');
  });

  it('keeps one current version per zone feature', async () => {
    const z = await db.knex('zones').whereNull('valid_to').first();
    const { id: _id, ...copy } = z;
    expect(await sqlState(db.knex('zones').insert({ ...copy, version: z.version + 1 }))).to.equal('23505');
  });

  it('refuses badly formed and duplicate permit numbers', async () => {
    const p = await db.knex('permits').first();
    const { id: _id, ...copy } = p;
    expect(await sqlState(db.knex('permits').insert({ ...copy, number: 'GP-1' }))).to.equal('23514');
    expect(await sqlState(db.knex('permits').insert({ ...copy }))).to.equal('23505');
    expect(await sqlState(db.knex('permits').insert({ ...copy, number: 'CT-GPXD-2026-999999', floors: 0 }))).to.equal('23514');
  });

  it('refuses a user with an unknown role', async () => {
    expect(await sqlState(db.knex('users').insert({ email: 'x@y.z', name: 'X', password_hash: 'h', roles: ['mayor'] }))).to.equal('23514');
  });

  it('makes inspection records immutable', async () => {
    const permit = await db.knex('permits').first('id');
    const user = await db.knex('users').where({ email: 'inspector@spp.demo' }).first('id');
    const [ins] = await db.knex('inspections').insert({ permit_id: permit.id, inspector_id: user.id, idempotency_key: 'key-00000001', result: 'pass' }).returning('id');
    expect(await sqlState(db.knex('inspections').where({ id: ins.id }).update({ result: 'fail' }))).to.not.equal('no error');
    expect(await sqlState(db.knex('inspections').where({ id: ins.id }).del())).to.not.equal('no error');
    expect(await sqlState(db.knex('inspections').insert({ permit_id: permit.id, inspector_id: user.id, idempotency_key: 'key-00000001', result: 'pass' }))).to.equal('23505');
  });

  it('has GiST indexes on every geometry column', async () => {
    const { rows } = await db.knex.raw(`
      SELECT c.table_name, c.column_name FROM information_schema.columns c
      WHERE c.udt_name = 'geometry' AND c.table_schema = 'public'
        AND NOT EXISTS (
          SELECT 1 FROM pg_indexes i WHERE i.tablename = c.table_name AND i.indexdef ILIKE '%gist%(' || c.column_name || ')%')`);
    expect(rows.map((r: { table_name: string; column_name: string }) => `${r.table_name}.${r.column_name}`)).to.deep.equal([]);
  });

  it('rolls every migration back and forward again', async () => {
    await db.knex.migrate.rollback(migratorConfig(), true);
    const { rows: left } = await db.knex.raw(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('zones', 'plans', 'users', 'permits')`);
    expect(left[0].n).to.equal(0);
    const { rows: srids } = await db.knex.raw(`SELECT count(*)::int AS n FROM spatial_ref_sys WHERE srid IN (9209, 9210)`);
    expect(srids[0].n).to.equal(0);
    const [, applied] = await db.knex.migrate.latest(migratorConfig());
    expect(applied.length).to.be.greaterThan(8);
    const { rows: back } = await db.knex.raw(`SELECT count(*)::int AS n FROM spatial_ref_sys WHERE srid IN (9209, 9210)`);
    expect(back[0].n).to.equal(2);
  });
});
