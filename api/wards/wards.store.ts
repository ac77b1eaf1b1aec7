// SQL of the 2025 wards and communes (phường/xã) of Cần Thơ.
import type { Knex } from 'knex';
import type { MultiPolygon } from 'geojson';
import { countOf, geoJsonColumn, whereIntersectsBbox } from '../db/sql.ts';
import type { PageParams } from '../http/collection.ts';

export interface WardRow {
  code: string;
  name: string;
  full_name: string;
  full_name_en: string | null;
  unit_type: string;
  province_code: string;
  in_pre2025_cantho: boolean;
  former_districts: string | null;
  merged_from: string | null;
  area_km2: number | null;
  geom: MultiPolygon;
}

export async function insertWards(db: Knex, wards: WardRow[]): Promise<void> {
  for (const w of wards) {
    await db('wards').insert({ ...w, geom: db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(w.geom)]) });
  }
}

export async function pageOfWards(db: Knex, params: PageParams) {
  const hits = whereIntersectsBbox(db('wards as w').select('w.code'), db, 'w.geom', params.bbox);
  const numberMatched = await countOf(hits.clone());
  const rows = (await db
    .withMaterialized('hits', hits)
    .select('w.code', 'w.name', 'w.full_name', 'w.full_name_en', 'w.unit_type', 'w.in_pre2025_cantho', 'w.former_districts', 'w.area_km2', geoJsonColumn(db, 'w.geom'))
    .from('wards as w')
    .join('hits', 'hits.code', 'w.code')
    .orderBy('w.code')
    .limit(params.limit)
    .offset(params.offset)) as (Omit<WardRow, 'geom'> & { geometry: MultiPolygon })[];
  return {
    numberMatched,
    items: rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, id: properties.code, geometry, properties })),
  };
}
