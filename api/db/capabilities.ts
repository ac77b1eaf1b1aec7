// Capability probe: asks PostGIS what it can do once at start-up.
import type { Knex } from 'knex';
import type { Capabilities } from './database.ts';

export async function probeCapabilities(knex: Knex): Promise<Capabilities> {
  const version = await knex.raw(`SELECT postgis_lib_version() AS v`);
  const postgisVersion = String(version.rows[0].v);
  let hasAsMvt = true;
  try {
    // A real call, not a catalogue look-up: the function exists on the embedded build but fails
    // at run time because protobuf support was left out.
    await knex.raw(
      `SELECT ST_AsMVT(t, 'probe') AS tile FROM (SELECT ST_AsMVTGeom(ST_MakePoint(1, 1), ST_MakeEnvelope(0, 0, 4096, 4096)) AS geom) AS t`,
    );
  } catch {
    hasAsMvt = false;
  }
  return { postgisVersion, hasAsMvt };
}
