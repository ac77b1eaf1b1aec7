// Planning permits as the API returns them and as the service receives them.
import type { MultiPolygon } from 'geojson';
import type { ComplianceReport, Polygonal } from '../checks/index.ts';
import type { PermitEvent, PermitStatus } from './permit-lifecycle.ts';

/** A building as an application or a sketch states it: on a parcel or a drawn site, in lon/lat. */
export interface ProposedBuilding {
  parcel_id: number | null;
  /** The site in EPSG:4326; null = the parcel's own geometry. */
  site: Polygonal | null;
  footprint: Polygonal;
  use: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
}

export interface PermitInput extends ProposedBuilding {
  applicant: string;
}

export const CONDITION_KINDS = ['inspection_stage', 'document', 'other'] as const;
export const CONDITION_STAGES = ['setout', 'foundation', 'structure', 'roof', 'completion'] as const;

export interface PermitCondition {
  id?: number;
  kind: (typeof CONDITION_KINDS)[number];
  stage: (typeof CONDITION_STAGES)[number] | null;
  text: string;
}

export interface PermitEventRecord {
  event: PermitEvent;
  from_status: PermitStatus;
  to_status: PermitStatus;
  reason: string | null;
  user_email: string | null;
  at: string;
}

export interface PermitSummary {
  id: number;
  number: string;
  applicant: string;
  parcel_id: number | null;
  parcel: { id: number; sheet_no: number; parcel_no: number; address: string | null } | null;
  ward_code: string | null;
  use: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: PermitStatus;
  effective_status: PermitStatus | 'expired';
  submitted_at: string | null;
  decided_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  lock_version: number;
  created_at: string;
  updated_at: string;
}

export interface Permit extends PermitSummary {
  site: MultiPolygon;
  footprint: MultiPolygon;
  decided_by: number | null;
  decision_reason: string | null;
  override_reason: string | null;
  compliance_snapshot: ComplianceReport | null;
  conditions: PermitCondition[];
  events: PermitEventRecord[];
  allowed_events: PermitEvent[];
}

export interface TransitionRequest {
  event: string;
  reason: string | null;
  override_reason: string | null;
  conditions: PermitCondition[];
  valid_to: string | null;
}
