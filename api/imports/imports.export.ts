// Exports of the zone layer in force on a date: GeoJSON streamed page by page, or a zipped Shapefile in VN-2000 TM-3 or WGS 84.
import type { Knex } from 'knex';
import { zipSync } from 'fflate';
import { tm3SridForLongitude } from '../../geodata/crs.ts';
import { prjFor, type LayerSrid } from './imports.prj.ts';
import { PolygonShapefileWriter, type DbfField, type DbfValue } from './imports.shp-writer.ts';
import * as store from './imports.store.ts';
import { ZONE_FIELDS } from './imports.types.ts';

/** Rows read from the database at a time: the layer never sits in memory whole as rows. */
export const EXPORT_BATCH = 1000;

/**
 * Writes a FeatureCollection of the zones in force (the features, ids and properties GET /api/zones
 * gives), one keyset page at a time; `write` resolves when the chunk may be followed by the next.
 */
export async function writeGeoJson(db: Knex, q: store.ExportQuery, head: Record<string, unknown>, write: (chunk: string) => Promise<void>): Promise<number> {
  const opening = JSON.stringify({ type: 'FeatureCollection', ...head, features: [] });
  // The opening up to and with the "[" of features; the features follow page by page.
  await write(`${opening.slice(0, -2)}\n`);
  let after = 0;
  let n = 0;
  for (;;) {
    const rows = await store.exportPage(db, q, after, EXPORT_BATCH, null);
    if (rows.length === 0) break;
    const parts = rows.map(({ id, geometry, ...properties }) => JSON.stringify({ type: 'Feature', id, geometry, properties }));
    await write(`${n > 0 ? ',\n' : ''}${parts.join(',\n')}`);
    n += rows.length;
    after = rows[rows.length - 1].id;
    if (rows.length < EXPORT_BATCH) break;
  }
  await write('\n]}\n');
  return n;
}

/** DBF fields of the zone export: identity and validity first, then the zone fields under their DBF names, then the area. */
export const ZONE_EXPORT_FIELDS: readonly (DbfField & { from: string })[] = [
  { from: 'id', name: 'FEATURE_ID', type: 'N', length: 10, decimals: 0 },
  { from: 'version', name: 'PHIEN_BAN', type: 'N', length: 6, decimals: 0 },
  { from: 'plan_id', name: 'PLAN_ID', type: 'N', length: 10, decimals: 0 },
  ...ZONE_FIELDS.map((f) => ({ from: f.name, ...f.dbf })),
  { from: 'valid_from', name: 'HL_TU', type: 'D', length: 8 },
  { from: 'area_m2', name: 'DT_M2', type: 'N', length: 14, decimals: 2 },
];

/** The CRS of a Shapefile export: the one asked for, else the TM-3 zone of the exported extent (EPSG:5897 for the former Cần Thơ). */
export async function exportSrid(db: Knex, q: store.ExportQuery, asked: LayerSrid | null): Promise<LayerSrid> {
  if (asked) return asked;
  const lon = await store.selectionCentreLon(db, q);
  return lon === null ? 5897 : tm3SridForLongitude(lon);
}

/** Valid-from instants as the calendar day in Việt Nam (UTC+7), as a DBF date wants. */
function vietnamDay(iso: unknown): string | null {
  if (typeof iso !== 'string') return null;
  return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A zip of zones.shp/.shx/.dbf/.prj/.cpg (UTF-8 attributes) in `srid`. */
export async function buildShapefileZip(db: Knex, q: store.ExportQuery, srid: LayerSrid, baseName = 'zones'): Promise<{ zip: Uint8Array; features: number }> {
  const writer = new PolygonShapefileWriter(ZONE_EXPORT_FIELDS);
  let after = 0;
  for (;;) {
    const rows = await store.exportPage(db, q, after, EXPORT_BATCH, srid);
    for (const r of rows) {
      const values: DbfValue[] = ZONE_EXPORT_FIELDS.map((f) => {
        const v = r[f.from];
        if (f.from === 'valid_from') return vietnamDay(v);
        if (Array.isArray(v)) return v.join(',');
        return v as DbfValue;
      });
      writer.add(r.geometry, values);
    }
    if (rows.length < EXPORT_BATCH) break;
    after = rows[rows.length - 1].id;
  }
  const { shp, shx, dbf } = writer.finish();
  const enc = new TextEncoder();
  const zip = zipSync({
    [`${baseName}.shp`]: shp,
    [`${baseName}.shx`]: shx,
    [`${baseName}.dbf`]: dbf,
    [`${baseName}.prj`]: enc.encode(prjFor(srid)),
    [`${baseName}.cpg`]: enc.encode('UTF-8'),
  });
  return { zip, features: writer.records };
}
