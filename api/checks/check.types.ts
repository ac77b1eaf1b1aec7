// Types of the compliance engine: the proposal, the planning context it is checked against, check results and the report.
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

/** Polygonal GeoJSON in WGS 84 lon/lat (EPSG:4326), the only CRS the engine accepts as input. */
export type Polygonal = Polygon | MultiPolygon;

/** Stable check ids, in the order a report lists them (DESIGN.md §5). */
export const CHECK_IDS = [
  'geometry_valid',
  'within_parcel',
  'zone_found',
  'land_use',
  'coverage',
  'far',
  'floors',
  'height',
  'setback',
  'red_line',
  'constraints',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'not_applicable';

/** One constraint (or red line) the footprint overlaps, touches or comes too close to. */
export interface ConstraintHit {
  constraint_id: number | string;
  kind: ConstraintKind;
  rule: ConstraintRule;
  name: string | null;
  /** 'fail' for a breach; 'pass' for an overlap within the tolerance or a rule that is met. */
  status: 'pass' | 'fail';
  /** Area of footprint ∩ constraint in m² (planar, TM-3), slivers included. */
  overlap_area_m2: number;
  /** Width of the widest overlap part in m (diameter of its largest inscribed circle); 0 without overlap. */
  overlap_width_m: number;
  /** Smallest planar distance footprint → constraint in m; 0 when they touch or overlap. */
  distance_m: number;
  /** The constraint's value for setback_m / max_height_m rules (m), else null. */
  limit: number | null;
  tolerance_m: number;
  citation: string | null;
  /** The overlap (lon/lat), or the shortest segment footprint → constraint (a point where they touch) for a setback breach. */
  geometry: Geometry | null;
}

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  measured: number | null;
  limit: number | null;
  unit: string | null;
  /** What and where, with numbers (English). */
  message: string;
  /** The same in Vietnamese. */
  message_vi: string;
  citation: string | null;
  /** Where the result comes from, in lon/lat: the overlap, the crossing point, the shortest segment … */
  evidence: Geometry | null;
  /** red_line and constraints only: one entry per feature involved. */
  hits?: ConstraintHit[];
}

/** A planning application or a sketch: what is proposed on which land. Geometry in lon/lat. */
export interface BuildingProposal {
  site: Polygonal;
  footprint: Polygonal;
  /** Land-law use code (e.g. ODT urban housing, TMD commercial services). */
  use: string;
  /** Storeys above ground (tầng cao); basements are counted separately. */
  floors: number;
  height_m: number;
  /** Total floor area, basements included (as for hệ số sử dụng đất). */
  gfa_m2: number;
  basement_floors?: number;
}

/** The limits a zone sets on building (DESIGN.md §4); a null indicator is not regulated by the plan. */
export interface ZoneLimits {
  max_coverage_pct: number | null;
  max_far: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  min_setback_m: number | null;
}

/** A zone's rules as every layer of SPP carries them: its limits, the uses it permits and their legal source. */
export interface ZoneRules extends ZoneLimits {
  /** Land-law codes permitted in the zone; an empty list means the plan data does not say. */
  permitted_uses: string[];
  citation: string | null;
}

/** A zone of the zoning layer (DESIGN.md §4). */
export interface CheckZone extends ZoneRules {
  id: number | string;
  lot_code: string;
  land_use_code: string;
  geometry: Polygonal;
}

export type ConstraintKind = 'red_line' | 'river_corridor' | 'heritage' | 'flood' | 'height_limit';
export type ConstraintRule = 'no_build' | 'setback_m' | 'max_height_m';

/**
 * A constraint feature. A red line is stored as the polygon of land beyond it (road reserve), so
 * "crossing the red line" means overlapping that polygon and the setback is measured to it.
 */
export interface CheckConstraint {
  id: number | string;
  kind: ConstraintKind;
  rule: ConstraintRule;
  /** Metres for setback_m and max_height_m; null for no_build. */
  value: number | null;
  /** Overlaps no wider than this (m) are edges that merely touch, not a breach. */
  tolerance_m: number;
  name: string | null;
  citation: string | null;
  geometry: Polygonal;
}

/**
 * What a proposal is checked against. The server fills it from PostGIS with the features near the
 * site; the browser with what it has loaded. Features far from the site are harmless.
 */
export interface CheckContext {
  zones: CheckZone[];
  constraints: CheckConstraint[];
  parcel?: { id: number | string; geometry: Polygonal } | null;
}

/** Engine parameters; every field has a default in DEFAULT_CHECK_PARAMS (check-params.ts). */
export interface CheckParams {
  /** Overlap width (m) under which site/footprint/parcel/zone overlaps are drawing noise. */
  tolerance_m: number;
  /** Share of the site (0–1) from which one zone governs alone; below it the strictest limit applies. */
  dominant_zone_share: number;
  /** Base area for coverage and FAR: the site after the red-line take ('net') or the whole site. */
  area_basis: 'net' | 'gross';
  /** Relative slack for comparing a ratio with its limit: floating-point noise, not a legal margin. */
  ratio_epsilon: number;
  /** Absolute slack (m) for comparing a distance with a required setback: survey precision. */
  distance_epsilon_m: number;
  /** Consecutive positions closer than this (m) count as repeated. */
  duplicate_point_m: number;
  /** Widest offset (degrees) of a site from its TM-3 central meridian: the zone is 3° wide. */
  max_meridian_offset_deg: number;
}

/** Share of a zone in the site, as the report lists it (sorted by share, largest first). */
export interface ZoneShare {
  id: number | string;
  lot_code: string;
  land_use_code: string;
  share_pct: number;
  area_m2: number;
  /** Whether the zone's limits enter the multi-zone rule (see zone-shares.ts). */
  governs: boolean;
}

export type ComplianceStatus = 'compliant' | 'non_compliant' | 'incomplete';

/** Planar TM-3 measurements the checks share; null when the geometry could not be measured. */
export interface ComputedMeasures {
  site_area_m2: number | null;
  footprint_area_m2: number | null;
  /** Site area beyond the red line: land taken for road widening. */
  red_line_take_m2: number | null;
  net_site_area_m2: number | null;
  /** max_far × the base area, when the governing zones set a FAR limit. */
  max_gfa_m2: number | null;
  gfa_m2: number | null;
  coverage_pct: number | null;
  far: number | null;
  /** Smallest distance footprint → red line, m (null without a red line in the context). */
  red_line_distance_m: number | null;
  /** How the zone limits were chosen: see zone-shares.ts. */
  zone_rule: 'none' | 'single' | 'dominant' | 'strictest';
  area_basis: 'net' | 'gross';
  crs: 'EPSG:5897' | 'EPSG:9209' | null;
}

/**
 * The whole assessment. Status rule (run-compliance.ts):
 * - non_compliant: at least one rule check (within_parcel … constraints) fails — a definite breach;
 * - incomplete: no rule check fails, but geometry_valid or zone_found does, so the assessment could
 *   not be completed (fix the drawing, or the plan has no zone there);
 * - compliant: otherwise. A warn never changes the status.
 */
export interface ComplianceReport {
  status: ComplianceStatus;
  checks: CheckResult[];
  zones: ZoneShare[];
  computed: ComputedMeasures;
}
