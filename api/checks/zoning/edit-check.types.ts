// Types of the zoning-layer edit checks (topology and indicators), run on every change-set edit, at submit and at approval.
import type { Geometry } from 'geojson';
import type { Polygonal, ZoneLimits } from '../check.types.ts';

/** Stable ids of the edit checks, in the order results are listed. */
export const EDIT_CHECK_IDS = ['geometry_valid', 'overlap', 'gap', 'sliver', 'outside_plan', 'indicators', 'land_use_code'] as const;
export type EditCheckId = (typeof EDIT_CHECK_IDS)[number];

/** error blocks submission and approval; warning is shown but never blocks. */
export type EditCheckSeverity = 'error' | 'warning';

export interface EditCheckResult {
  id: EditCheckId;
  severity: EditCheckSeverity;
  /**
   * Machine-readable detail:
   * - geometry_valid: the codes of geometry-issues.ts ('self_intersection', 'unclosed_ring',
   *   'too_few_points', 'repeated_point' (warning) …) and 'spike';
   * - overlap: 'overlap', 'inside_neighbour', 'neighbour_not_measured' (warning);
   * - gap: 'gap' (warning); sliver: 'sliver_part', 'sliver_after_overlap' (warnings);
   * - outside_plan: 'outside_plan', 'entirely_outside_plan', 'boundary_not_measured' (warning);
   * - indicators: 'lot_code_missing', 'lot_code_too_long', 'out_of_range', 'far_above_coverage_times_floors',
   *   'height_too_low_for_floors' (warning); for constraints 'value_required', 'out_of_range', 'unknown_kind', 'unknown_rule';
   * - land_use_code: 'unknown_land_use_code', 'land_use_code_missing'.
   */
  code: string;
  /** What and where, with numbers (English). */
  message: string;
  /** The same in Vietnamese. */
  message_vi: string;
  /** Area of the overlap / gap / sliver in m² (planar, VN-2000 TM-3), else null. */
  area_m2: number | null;
  /** The other feature involved (overlap, gap), by feature_id. */
  other_feature_id?: number | string | null;
  /** The attribute at fault for indicator checks ('max_far' …), else undefined. */
  field?: string;
  /** Where the problem is, in lon/lat: the overlap polygon, the crossing point, the gap … */
  evidence: Geometry | null;
}

/** Indicator attributes of a zone as edited (null = not regulated). */
export interface ZoneAttributes extends ZoneLimits {
  lot_code: string;
  land_use_code: string;
  name?: string | null;
  permitted_uses?: string[];
  citation?: string | null;
}

/** A zone as a change-set edit proposes it; feature_id is null for a new zone. */
export interface EditedZone {
  feature_id: number | string | null;
  attributes: ZoneAttributes;
  geometry: Polygonal;
}

export interface ConstraintAttributes {
  kind: 'red_line' | 'river_corridor' | 'heritage' | 'flood' | 'height_limit';
  rule: 'no_build' | 'setback_m' | 'max_height_m';
  value: number | null;
  tolerance_m?: number;
  name?: string | null;
  citation?: string | null;
}

export interface EditedConstraint {
  feature_id: number | string | null;
  attributes: ConstraintAttributes;
  geometry: Polygonal;
}

/**
 * What an edit is checked against. The server fills it from PostGIS (zones of the plan in force
 * near the edit, with the other edits of the same change set applied); the browser from what it
 * has loaded. The edited feature itself must not be among the neighbours.
 */
export interface EditCheckContext {
  neighbours: { feature_id: number | string; lot_code: string; geometry: Polygonal }[];
  /** The plan's boundary; null when the plan has none (the check is then skipped). */
  plan_boundary: Polygonal | null;
  /** Land-use codes of the plan_symbol scheme that exist. */
  land_use_codes: string[];
}

export interface EditCheckParams {
  /** Gaps and slivers narrower than this (m) are reported (default 1 m). */
  gap_tolerance_m: number;
  /** Zone parts or overlaps smaller than this (m²) are drawing noise, not reported as overlaps (default 0.01 m²). */
  min_overlap_m2: number;
  /** A zone part thinner than this (m) is a sliver (default 1 m). */
  sliver_width_m: number;
  /** A vertex where the outline turns back by more than 180° − this angle (degrees) is a spike (default 1°). */
  spike_angle_deg: number;
  /** Facing edges of two zones are a gap only when their directions differ by less than this (degrees, default 15°). */
  gap_max_angle_deg: number;
  /** Storey height (m) under which max_height_m cannot hold max_floors storeys (default 2.5 m). */
  min_storey_height_m: number;
}
