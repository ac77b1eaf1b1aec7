// What Vietnamese readers call change-set statuses and events (the pages' names): problem details use them.
import type { ChangeSetEvent, ChangeSetStatus } from './changeset-lifecycle.ts';

const STATUS_VI: Record<ChangeSetStatus, string> = {
  draft: 'Nháp',
  submitted: 'Chờ phê duyệt',
  approved: 'Đã phê duyệt',
  rejected: 'Bị trả lại',
  withdrawn: 'Đã rút',
};

const EVENT_VI: Record<ChangeSetEvent, string> = {
  submit: 'Trình phê duyệt',
  withdraw: 'Rút lại',
  approve: 'Phê duyệt bộ thay đổi',
  reject: 'Trả lại bộ thay đổi',
};

/** A status in quotes, by its Vietnamese name (an unknown one as sent). */
export const changeSetStatusVi = (status: string): string => `"${STATUS_VI[status as ChangeSetStatus] ?? status}"`;

/** An event in quotes, by its Vietnamese name (one the API does not know, as sent). */
export const changeSetEventVi = (event: string): string => `"${EVENT_VI[event as ChangeSetEvent] ?? event}"`;
