// Plans and zoning-layer features (zones, constraints) as the API returns them.
import type { MultiPolygon } from 'geojson';
import type { ZoneRules } from '../checks/index.ts';

export interface Plan {
  id: number;
  code: string;
  name: string;
  level: 'general' | 'zoning' | 'detailed';
  decision_no: string | null;
  decision_date: string | null;
  approved_by: string | null;
  effective_from: string;
  effective_to: string | null;
  status: 'draft' | 'in_force' | 'superseded' | 'withdrawn';
  parent_plan_id: number | null;
  is_demo: boolean;
  notice_vi: string | null;
  notice_en: string | null;
}

export interface ZoneProperties extends ZoneRules {
  plan_id: number;
  lot_code: string;
  land_use_code: string;
  name: string | null;
  ward_code: string | null;
  version: number;
  valid_from: string;
  valid_to: string | null;
}

export const CONSTRAINT_KINDS = ['red_line', 'river_corridor', 'heritage', 'flood', 'height_limit'] as const;
export const CONSTRAINT_RULES = ['no_build', 'setback_m', 'max_height_m'] as const;

export interface ConstraintProperties {
  plan_id: number;
  kind: (typeof CONSTRAINT_KINDS)[number];
  rule: (typeof CONSTRAINT_RULES)[number];
  value: number | null;
  tolerance_m: number;
  name: string | null;
  citation: string | null;
  version: number;
  valid_from: string;
  valid_to: string | null;
}

export interface Feature<P> {
  type: 'Feature';
  id: number | string;
  geometry: MultiPolygon;
  properties: P;
}

export interface Page<T> {
  items: T[];
  numberMatched: number;
}

export interface FeatureQuery {
  bbox: import('../http/query.ts').Bbox | null;
  limit: number;
  offset: number;
  /** The instant whose state of the layer is read (end of the requested day). */
  asOf: Date;
}
