// Shapes of the sign-in and planning-permit API for the officer pages: entities re-exported from the API, requests and pages of the client.
import type { ComplianceReport, Polygonal } from '../../api/checks/index.ts';
import type { Link } from './types.ts';

// The permit shapes are the API's own (api/permits, api/auth): one definition for server and client.
export type { Role, User } from '../../api/auth/auth.types.ts';
export { PERMIT_STATUSES, PERMIT_EVENTS, type PermitStatus, type PermitEvent } from '../../api/permits/permit-lifecycle.ts';
export {
  CONDITION_KINDS,
  CONDITION_STAGES,
  type PermitCondition,
  type PermitEventRecord,
  type PermitSummary,
  type Permit,
} from '../../api/permits/permits.types.ts';
import type { PermitStatus, PermitEvent } from '../../api/permits/permit-lifecycle.ts';
import type { CONDITION_KINDS, CONDITION_STAGES, PermitCondition, PermitSummary } from '../../api/permits/permits.types.ts';

/** "expired" is derived by the server: approved, but the validity has ended. */
export type EffectiveStatus = PermitStatus | 'expired';
export type ConditionKind = (typeof CONDITION_KINDS)[number];
export type ConditionStage = (typeof CONDITION_STAGES)[number];
export type PermitParcel = NonNullable<PermitSummary['parcel']>;

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
