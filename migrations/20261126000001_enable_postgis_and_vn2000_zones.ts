// Enables PostGIS and adds the VN-2000 TM-3 zones that PostGIS's spatial_ref_sys lacks (105°30′, 105°45′).
import type { Knex } from 'knex';
import { SPATIAL_REF_SYS_ROWS } from '../geodata/crs.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  for (const row of SPATIAL_REF_SYS_ROWS) {
    // Only when missing: a newer PostGIS may ship these rows with its own EPSG text.
    await knex.raw(
      `INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (srid) DO NOTHING`,
      [row.srid, row.auth_name, row.auth_srid, row.srtext, row.proj4text],
    );
  }
  await knex.raw(`CREATE TABLE spp_added_srids (srid integer PRIMARY KEY)`);
  for (const row of SPATIAL_REF_SYS_ROWS) {
    await knex.raw(`INSERT INTO spp_added_srids (srid) VALUES (?)`, [row.srid]);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM spatial_ref_sys WHERE srid IN (SELECT srid FROM spp_added_srids)`);
  await knex.raw(`DROP TABLE spp_added_srids`);
}
