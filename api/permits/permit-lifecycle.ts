// The planning-permit lifecycle as a pure state machine: statuses, events, who may fire them, what they need.
import type { Role } from '../auth/auth.types.ts';

export const PERMIT_STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'revoked'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

export const PERMIT_EVENTS = ['submit', 'start_review', 'approve', 'reject', 'revoke'] as const;
export type PermitEvent = (typeof PERMIT_EVENTS)[number];

export interface Transition {
  from: PermitStatus;
  to: PermitStatus;
  roles: readonly Role[];
  /** The event needs a written reason (kept with the decision). */
  needsReason: boolean;
  /** The event decides the application: the compliance report is frozen as a snapshot. */
  decides: boolean;
}

// Officers take and decide applications; reviewers (heads of the licensing team) may decide too,
// and only they revoke a permit already issued. Admins hold every role (see http/auth.ts).
const TABLE: Record<PermitEvent, Transition> = {
  submit: { from: 'draft', to: 'submitted', roles: ['permit_officer'], needsReason: false, decides: false },
  start_review: { from: 'submitted', to: 'under_review', roles: ['permit_officer', 'reviewer'], needsReason: false, decides: false },
  approve: { from: 'under_review', to: 'approved', roles: ['permit_officer', 'reviewer'], needsReason: false, decides: true },
  reject: { from: 'under_review', to: 'rejected', roles: ['permit_officer', 'reviewer'], needsReason: true, decides: true },
  revoke: { from: 'approved', to: 'revoked', roles: ['reviewer'], needsReason: true, decides: true },
};

/** Statuses in which the application itself (site, footprint, numbers) may still be amended. */
export const EDITABLE_STATUSES: readonly PermitStatus[] = ['draft', 'submitted', 'under_review'];

export type TransitionOutcome =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'unknown_event' | 'illegal_transition' | 'forbidden'; allowed: PermitEvent[] };

function holds(roles: readonly Role[], userRoles: readonly Role[]): boolean {
  return userRoles.includes('admin') || roles.some((r) => userRoles.includes(r));
}

/** Events that can fire from a status, for a user with these roles. */
export function allowedEvents(status: PermitStatus, userRoles: readonly Role[]): PermitEvent[] {
  return PERMIT_EVENTS.filter((e) => TABLE[e].from === status && holds(TABLE[e].roles, userRoles));
}

/** Decides whether `event` may fire from `status` for the user; never touches state. */
export function planTransition(status: PermitStatus, event: string, userRoles: readonly Role[]): TransitionOutcome {
  if (!(PERMIT_EVENTS as readonly string[]).includes(event)) return { ok: false, reason: 'unknown_event', allowed: allowedEvents(status, userRoles) };
  const t = TABLE[event as PermitEvent];
  if (t.from !== status) return { ok: false, reason: 'illegal_transition', allowed: allowedEvents(status, userRoles) };
  if (!holds(t.roles, userRoles)) return { ok: false, reason: 'forbidden', allowed: allowedEvents(status, userRoles) };
  return { ok: true, transition: t };
}

export function rolesFor(event: PermitEvent): readonly Role[] {
  return TABLE[event].roles;
}

/** "expired" is derived: an approved permit whose validity ended before today. */
export function effectiveStatus(status: PermitStatus, validTo: string | null, today: string): PermitStatus | 'expired' {
  return status === 'approved' && validTo !== null && validTo < today ? 'expired' : status;
}
