// Output shape of the demo-plan generator, as the database seed loader reads it. Geometry is GeoJSON in EPSG:4326.
import type { MultiPolygon } from 'geojson';

export type PermitStatus = 'draft' | 'submitted' | 'under_review' | 'approved' | 'rejected' | 'revoked';
export type ConstraintKind = 'red_line' | 'river_corridor' | 'heritage' | 'flood' | 'height_limit';
export type ConstraintRule = 'no_build' | 'setback_m' | 'max_height_m';

export interface DemoPlan {
  plan: {
    code: string;
    name: string;
    level: 'zoning';
    decision_no: string;
    /** YYYY-MM-DD */
    decision_date: string;
    approved_by: string;
    /** YYYY-MM-DD */
    effective_from: string;
    notice_vi: string;
    notice_en: string;
    boundary: MultiPolygon;
  };
  zones: DemoZone[];
  constraints: DemoConstraint[];
  parcels: DemoParcel[];
  permits: DemoPermit[];
}

export interface DemoZone {
  ref: string;
  /** Unique within the plan, e.g. "HH-01". */
  lot_code: string;
  /** A plan_symbol code of land-use-codes.ts. */
  land_use_code: string;
  name: string;
  max_coverage_pct: number | null;
  max_far: number | null;
  max_floors: number | null;
  max_height_m: number | null;
  min_setback_m: number | null;
  /** land_law codes of land-use-codes.ts. */
  permitted_uses: string[];
  citation: string;
  ward_code: string;
  geometry: MultiPolygon;
}

export interface DemoConstraint {
  ref: string;
  kind: ConstraintKind;
  rule: ConstraintRule;
  /** Metres for setback_m and max_height_m; null for no_build. */
  value: number | null;
  /** Distance below which a touching footprint is not flagged (digitising accuracy), m. */
  tolerance_m: number;
  name: string;
  citation: string;
  geometry: MultiPolygon;
}

export interface DemoParcel {
  /** Số tờ: cadastral map sheet, numbered across the plan. */
  sheet_no: number;
  /** Số thửa: parcel number within the sheet. */
  parcel_no: number;
  address: string;
  ward_code: string;
  /** Area on the land-use certificate, m²: planar EPSG:5897 area to 0.1 m², a few with a small recorded difference. */
  legal_area_m2: number;
  land_law_code: string;
  geometry: MultiPolygon;
}

export interface DemoPermit {
  /** CT-GPXD-YYYY-NNNNNN */
  number: string;
  applicant: string;
  parcel: { sheet_no: number; parcel_no: number } | null;
  site: MultiPolygon;
  footprint: MultiPolygon;
  /** land_law code. */
  use: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: PermitStatus;
  /** ISO 8601 date-time with the Việt Nam offset (+07:00). */
  submitted_at: string | null;
  decided_at: string | null;
  /** YYYY-MM-DD */
  valid_from: string | null;
  valid_to: string | null;
  decision_reason: string | null;
}
