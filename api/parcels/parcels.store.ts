// SQL of cadastral parcels.
import type { Knex } from 'knex';
import type { MultiPolygon } from 'geojson';
import { countOf, geoJsonColumn, whereIntersectsBbox } from '../db/sql.ts';
import type { PageParams } from '../http/collection.ts';

export interface ParcelProperties {
  sheet_no: number;
  parcel_no: number;
  address: string | null;
  ward_code: string;
  legal_area_m2: number;
  land_law_code: string | null;
}

export interface ParcelFeature {
  type: 'Feature';
  id: number;
  geometry: MultiPolygon;
  properties: ParcelProperties;
}

export async function pageOfParcels(db: Knex, params: PageParams): Promise<{ items: ParcelFeature[]; numberMatched: number }> {
  const hits = whereIntersectsBbox(db('parcels as p').select('p.id'), db, 'p.geom', params.bbox);
  const numberMatched = await countOf(hits.clone());
  const rows = (await db
    .withMaterialized('hits', hits)
    .select('p.id', 'p.sheet_no', 'p.parcel_no', 'p.address', 'p.ward_code', db.raw('p.legal_area_m2::float8 AS legal_area_m2'), 'p.land_law_code', geoJsonColumn(db, 'p.geom'))
    .from('parcels as p')
    .join('hits', 'hits.id', 'p.id')
    .orderBy('p.id')
    .limit(params.limit)
    .offset(params.offset)) as (ParcelProperties & { id: number; geometry: MultiPolygon })[];
  return {
    numberMatched,
    items: rows.map(({ id, geometry, ...properties }) => ({ type: 'Feature', id, geometry, properties })),
  };
}

export type NewParcel = ParcelProperties & { geometry: unknown };

export async function insertParcels(db: Knex, parcels: NewParcel[], batchSize = 500): Promise<void> {
  for (let i = 0; i < parcels.length; i += batchSize) {
    await db('parcels').insert(
      parcels.slice(i, i + batchSize).map(({ geometry, ...p }) => ({
        ...p,
        geom: db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(geometry)]),
      })),
    );
  }
}

/** Ids of parcels by (ward, sheet, parcel number) keys. */
export async function findParcelIds(db: Knex, keys: { sheet_no: number; parcel_no: number }[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (!keys.length) return map;
  const rows = (await db('parcels')
    .select('id', 'sheet_no', 'parcel_no')
    .whereIn(['sheet_no', 'parcel_no'], keys.map((k) => [k.sheet_no, k.parcel_no]))) as { id: number; sheet_no: number; parcel_no: number }[];
  for (const r of rows) map.set(`${r.sheet_no}/${r.parcel_no}`, r.id);
  return map;
}
