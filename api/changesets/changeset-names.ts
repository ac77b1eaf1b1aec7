// What Vietnamese readers call change-set statuses and events: the pages show these names and problem details use them.
import type { ChangeSetEvent, ChangeSetStatus } from './changeset-lifecycle.ts';

export const CHANGE_SET_STATUS_VI: Record<ChangeSetStatus, string> = {
  draft: 'Nháp',
  submitted: 'Chờ phê duyệt',
  approved: 'Đã phê duyệt',
  rejected: 'Bị trả lại',
  withdrawn: 'Đã rút',
};

export const CHANGE_SET_EVENT_VI: Record<ChangeSetEvent, string> = {
  submit: 'Trình phê duyệt',
  withdraw: 'Rút lại',
  approve: 'Phê duyệt bộ thay đổi',
  reject: 'Trả lại bộ thay đổi',
};

/** A status in quotes, by its Vietnamese name (an unknown one as sent). */
export const changeSetStatusVi = (status: string): string => `"${CHANGE_SET_STATUS_VI[status as ChangeSetStatus] ?? status}"`;

/** An event in quotes, by its Vietnamese name (one the API does not know, as sent). */
export const changeSetEventVi = (event: string): string => `"${CHANGE_SET_EVENT_VI[event as ChangeSetEvent] ?? event}"`;

export const REVIEW_DECISION_VI: Record<'approve' | 'reject', string> = { approve: 'Đồng ý', reject: 'Trả lại' };

/** A reviewer's decision on an edit in quotes, by the name of its button. */
export const reviewDecisionVi = (decision: 'approve' | 'reject'): string => `"${REVIEW_DECISION_VI[decision]}"`;
