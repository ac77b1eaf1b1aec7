// Default parameters of the zoning-layer edit checks, each with the reason for its value.
import type { EditCheckParams } from './edit-check.types.ts';

export const DEFAULT_EDIT_CHECK_PARAMS: Readonly<EditCheckParams> = {
  // 1 m: zone boundaries of a 1:2000 zoning plan are drawn to ~0.2 mm on the sheet = 0.4 m on the
  // ground; a strip narrower than twice that between two zones is a digitising slip, not land.
  gap_tolerance_m: 1,
  // 0.01 m²: edges traced along a neighbour in lon/lat meet it within nanometres in TM-3, which
  // leaves overlaps of ~1e-6 m²; a real overlap (1 cm × 1 m) is already this big.
  min_overlap_m2: 0.01,
  // 1 m: no lot of a zoning plan is narrower than a footpath; thinner parts are drawing slips.
  sliver_width_m: 1,
  // 1°: the outline runs out and comes straight back (a 10 m spike is then < 18 cm wide at its
  // base); real corners of zones at road junctions are far wider than this.
  spike_angle_deg: 1,
  // 15°: two zones meant to share an edge were drawn with nearly parallel edges; edges meeting at a
  // wider angle bound a corner of open space (a road junction), not a slip between neighbours.
  gap_max_angle_deg: 15,
  // 2.5 m: less than the lowest clear storey height in any building standard (2.7 m for housing),
  // so a height limit under max_floors × 2.5 m makes the floors limit unreachable.
  min_storey_height_m: 2.5,
};

/** Fills the defaults; rejects values that would make the checks meaningless. */
export function resolveEditParams(overrides: Partial<EditCheckParams> = {}): EditCheckParams {
  const p: EditCheckParams = { ...DEFAULT_EDIT_CHECK_PARAMS, ...overrides };
  for (const key of Object.keys(DEFAULT_EDIT_CHECK_PARAMS) as (keyof EditCheckParams)[]) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`edit check param ${key} must be a finite number ≥ 0`);
  }
  if (p.spike_angle_deg >= 90 || p.gap_max_angle_deg >= 90) throw new RangeError('edit check angles must be below 90°');
  return p;
}
