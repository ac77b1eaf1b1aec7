// Shapes of the sign-in and planning-permit API the officer pages read and write (mirrors the documented contract).
import type { MultiPolygon } from 'geojson';
import type { ComplianceReport, Polygonal } from '../../api/checks/index.ts';
import type { Link } from './types.ts';

export type Role = 'admin' | 'planner' | 'reviewer' | 'permit_officer' | 'inspector';

export interface User {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  ward_codes: string[] | null;
}

export const PERMIT_STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'revoked'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];
/** "expired" is derived by the server: approved, but the validity has ended. */
export type EffectiveStatus = PermitStatus | 'expired';

export const PERMIT_EVENTS = ['submit', 'start_review', 'approve', 'reject', 'revoke'] as const;
export type PermitEvent = (typeof PERMIT_EVENTS)[number];

export const CONDITION_KINDS = ['inspection_stage', 'document', 'other'] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export const CONDITION_STAGES = ['setout', 'foundation', 'structure', 'roof', 'completion'] as const;
export type ConditionStage = (typeof CONDITION_STAGES)[number];

export interface PermitCondition {
  id?: number;
  kind: ConditionKind;
  stage?: ConditionStage | null;
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

/** A permit as the list returns it (no geometry). */
export interface PermitSummary {
  id: number;
  number: string;
  applicant: string;
  parcel_id: number | null;
  parcel?: PermitParcel | null;
  ward_code: string | null;
  use: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: PermitStatus;
  effective_status: EffectiveStatus;
  submitted_at: string | null;
  decided_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  lock_version: number;
  created_at: string;
  updated_at: string;
}

export interface PermitParcel {
  id: number;
  sheet_no: number;
  parcel_no: number;
  address: string | null;
}

export interface Permit extends PermitSummary {
  parcel: PermitParcel | null;
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

export interface PermitPage {
  items: PermitSummary[];
  numberMatched: number;
  numberReturned: number;
  links?: Link[];
}

export interface PermitQuery {
  status?: EffectiveStatus;
  number?: string;
  ward?: string;
  limit?: number;
  offset?: number;
}

/** The application fields (POST takes them all, PATCH any of them with lock_version). */
export interface PermitApplication {
  applicant: string;
  parcel_id?: number | null;
  site?: Polygonal | null;
  footprint: Polygonal;
  use: string;
  floors: number;
  basement_floors?: number;
  height_m: number;
  gfa_m2: number;
}

export type PermitAmendment = Partial<PermitApplication> & { lock_version: number };

/** The server's report: a fresh check on `as_of`, or the snapshot frozen at the decision. */
export type ServerComplianceReport = ComplianceReport & { as_of: string; snapshot: boolean };

export interface TransitionRequest {
  event: PermitEvent;
  reason?: string;
  override_reason?: string;
  conditions?: PermitCondition[];
  valid_to?: string;
}
