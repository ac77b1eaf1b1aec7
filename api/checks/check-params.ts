// Default engine parameters, each with the reason for its value.
import type { CheckParams } from './check.types.ts';

export const DEFAULT_CHECK_PARAMS: Readonly<CheckParams> = {
  // 10 cm: the width of a drawn line at 1:500 is 0.1 mm = 5 cm on the ground; twice that is noise
  // from tracing the same edge twice, not a building standing on someone else's land. The same
  // default as constraints.tolerance_m in the database.
  tolerance_m: 0.1,
  // One zone holding ≥ 95 % of the site governs alone: the rest is usually a digitising offset of the
  // zone boundary against the cadastre. Below that the strictest limit of each indicator applies.
  dominant_zone_share: 0.95,
  // Coverage and FAR are measured on the lot that remains after the road-widening take: the land
  // beyond the red line becomes road and carries no building rights (QCVN 01:2021 §1.4).
  area_basis: 'net',
  // Areas measured after a proj4 round trip differ from their design value by ~1e-9 relative; a
  // proposal drawn exactly at the limit must pass. Far below any legal rounding (0.1 m², 0.1 %).
  ratio_epsilon: 1e-6,
  // 1 cm: setbacks are surveyed and staked out to the centimetre.
  distance_epsilon_m: 0.01,
  // 1 mm: closer vertices come from double clicks or snapping, never from survey.
  duplicate_point_m: 0.001,
  // A TM-3 zone is 3° wide (±1.5° around its central meridian); beyond it the scale error exceeds
  // what cadastral measurement tolerates, so such coordinates are a mistake, not a site.
  max_meridian_offset_deg: 1.5,
};

/** Fills the defaults; rejects values that would make every check meaningless. */
export function resolveParams(overrides: Partial<CheckParams> = {}): CheckParams {
  const p: CheckParams = { ...DEFAULT_CHECK_PARAMS, ...overrides };
  const nonNegative: (keyof CheckParams)[] = ['tolerance_m', 'ratio_epsilon', 'distance_epsilon_m', 'duplicate_point_m'];
  for (const key of nonNegative) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`check param ${key} must be a finite number ≥ 0`);
  }
  if (!(p.dominant_zone_share > 0.5 && p.dominant_zone_share <= 1)) {
    throw new RangeError('check param dominant_zone_share must be in (0.5, 1]');
  }
  if (p.area_basis !== 'net' && p.area_basis !== 'gross') throw new RangeError("check param area_basis must be 'net' or 'gross'");
  return p;
}
