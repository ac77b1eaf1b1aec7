// The land-use balance of a plan: planar areas per land-use category of its zones in force, in the plan's VN-2000 TM-3 zone.
import type { Knex } from 'knex';
import { crsName } from '../checks/planar.ts';
import { tm3SridForLongitude } from '../../geodata/crs.ts';
import { NotFoundError } from '../http/problem.ts';
import * as store from './zoning.store.ts';

export interface LandUseBalance {
  plan_id: number;
  plan_code: string;
  as_of: string;
  srid: number;
  crs: string;
  categories: (store.LandUseAreaRow & { area_ha: number; share_pct: number })[];
  total: { zone_count: number; area_m2: number; area_ha: number; share_pct: number };
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Areas are planar in one TM-3 zone for the whole plan (picked from the plan's centroid, as a plan
 * lies in one zone), so categories add up to the total exactly as on the plan sheet's table.
 * Zones of a plan do not overlap (the edit checks refuse overlaps), so the sum is the plan's area.
 */
export async function landUseBalance(db: Knex, planId: number, date: string, asOf: Date): Promise<LandUseBalance> {
  const plan = await store.planCentroidLon(db, planId);
  if (!plan) throw new NotFoundError({ en: `No plan in force or superseded has the id ${planId}.`, vi: `Không có đồ án quy hoạch nào đang có hiệu lực hoặc đã được thay thế mang mã ${planId}.` });
  const srid = tm3SridForLongitude(plan.lon ?? 105.78);
  const rows = await store.landUseAreas(db, planId, srid, asOf);
  const total = rows.reduce((s, r) => s + r.area_m2, 0);
  const zones = rows.reduce((s, r) => s + r.zone_count, 0);
  return {
    plan_id: planId,
    plan_code: plan.code,
    as_of: date,
    srid,
    crs: crsName(srid),
    categories: rows.map((r) => ({
      ...r,
      area_m2: round(r.area_m2, 2),
      area_ha: round(r.area_m2 / 10_000, 4),
      share_pct: total > 0 ? round((100 * r.area_m2) / total, 2) : 0,
    })),
    total: { zone_count: zones, area_m2: round(total, 2), area_ha: round(total / 10_000, 4), share_pct: total > 0 ? 100 : 0 },
  };
}
