// Loads the reference data every SPP database needs: land-use code lists and the 2025 wards of Cần Thơ.
import fs from 'node:fs';
import type { Knex } from 'knex';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { LAND_USE_CODES } from '../land-use-codes.ts';
import { upsertLandUseCodes } from '../../api/land-use/land-use.store.ts';
import { insertWards } from '../../api/wards/wards.store.ts';
import { countOf } from '../../api/db/sql.ts';

const WARDS_FILE = new URL('../cantho_wards_2025.geojson', import.meta.url);

interface WardFileProps {
  code: string;
  name: string;
  full_name: string;
  full_name_en?: string;
  unit_type: string;
  area_km2?: number;
  province_code: string;
  in_pre2025_cantho: boolean;
  former_cantho_districts?: string | null;
  merged_from?: string | null;
}

/** Code lists are upserted on every start (they are versioned with the code); wards only once. */
export async function loadReferenceData(db: Knex): Promise<{ wards: number; landUseCodes: number }> {
  await db.transaction(async (trx) => {
    await upsertLandUseCodes(trx, LAND_USE_CODES);
  });
  let wards = 0;
  if ((await countOf(db('wards'))) === 0) {
    const fc = JSON.parse(fs.readFileSync(WARDS_FILE, 'utf8')) as FeatureCollection<MultiPolygon, WardFileProps>;
    await db.transaction(async (trx) => {
      await insertWards(
        trx,
        fc.features.map(({ properties: p, geometry }) => ({
          code: p.code,
          name: p.name,
          full_name: p.full_name,
          full_name_en: p.full_name_en ?? null,
          unit_type: p.unit_type,
          province_code: p.province_code,
          in_pre2025_cantho: p.in_pre2025_cantho,
          former_districts: p.former_cantho_districts ?? null,
          merged_from: p.merged_from ?? null,
          area_km2: p.area_km2 ?? null,
          geom: geometry,
        })),
      );
    });
    wards = fc.features.length;
  }
  return { wards, landUseCodes: LAND_USE_CODES.length };
}
