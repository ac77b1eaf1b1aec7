// The change-set lifecycle as a pure state machine: statuses, events, who may fire them, and the author rule.
import type { Role } from '../auth/auth.types.ts';

export const CHANGE_SET_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ChangeSetStatus = (typeof CHANGE_SET_STATUSES)[number];

export const CHANGE_SET_EVENTS = ['submit', 'approve', 'reject', 'withdraw'] as const;
export type ChangeSetEvent = (typeof CHANGE_SET_EVENTS)[number];

export interface ChangeSetTransition {
  from: readonly ChangeSetStatus[];
  to: ChangeSetStatus;
  roles: readonly Role[];
  /** 'author': only the set's author (or an admin) fires it; 'not_author': anyone but its author, admins included. */
  who: 'author' | 'not_author';
}

// Planners prepare and submit their own sets and may withdraw them until they are decided;
// reviewers decide, never on a set they wrote themselves (the table's CHECK says the same for approval).
const TABLE: Record<ChangeSetEvent, ChangeSetTransition> = {
  submit: { from: ['draft'], to: 'submitted', roles: ['planner'], who: 'author' },
  approve: { from: ['submitted'], to: 'approved', roles: ['reviewer'], who: 'not_author' },
  reject: { from: ['submitted'], to: 'rejected', roles: ['reviewer'], who: 'not_author' },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', roles: ['planner'], who: 'author' },
};

/** Statuses in which edits may be added or removed (by the author). */
export const EDITABLE_STATUSES: readonly ChangeSetStatus[] = ['draft'];
/** Statuses in which reviewers decide edit by edit. */
export const REVIEWABLE_STATUSES: readonly ChangeSetStatus[] = ['submitted'];

export type ChangeSetTransitionOutcome =
  | { ok: true; transition: ChangeSetTransition }
  | { ok: false; reason: 'unknown_event' | 'illegal_transition' | 'forbidden' | 'own_change_set' | 'not_author'; allowed: ChangeSetEvent[] };

function holds(roles: readonly Role[], userRoles: readonly Role[]): boolean {
  return userRoles.includes('admin') || roles.some((r) => userRoles.includes(r));
}

function personOk(t: ChangeSetTransition, isAuthor: boolean, userRoles: readonly Role[]): boolean {
  if (t.who === 'not_author') return !isAuthor;
  return isAuthor || userRoles.includes('admin');
}

/** Events the user may fire on a set in this status (isAuthor: the user wrote the set). */
export function allowedChangeSetEvents(status: ChangeSetStatus, userRoles: readonly Role[], isAuthor: boolean): ChangeSetEvent[] {
  return CHANGE_SET_EVENTS.filter((e) => {
    const t = TABLE[e];
    return t.from.includes(status) && holds(t.roles, userRoles) && personOk(t, isAuthor, userRoles);
  });
}

/** Decides whether `event` may fire; never touches state. Status is checked before role, role before person. */
export function planChangeSetTransition(status: ChangeSetStatus, event: string, userRoles: readonly Role[], isAuthor: boolean): ChangeSetTransitionOutcome {
  const allowed = allowedChangeSetEvents(status, userRoles, isAuthor);
  if (!(CHANGE_SET_EVENTS as readonly string[]).includes(event)) return { ok: false, reason: 'unknown_event', allowed };
  const t = TABLE[event as ChangeSetEvent];
  if (!t.from.includes(status)) return { ok: false, reason: 'illegal_transition', allowed };
  if (!holds(t.roles, userRoles)) return { ok: false, reason: 'forbidden', allowed };
  if (!personOk(t, isAuthor, userRoles)) return { ok: false, reason: t.who === 'not_author' ? 'own_change_set' : 'not_author', allowed };
  return { ok: true, transition: t };
}

export function changeSetEventRoles(event: ChangeSetEvent): readonly Role[] {
  return TABLE[event].roles;
}
