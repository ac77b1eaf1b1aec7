// What Vietnamese readers call permit statuses, events and compliance results: the pages show these names and problem details use them.
import type { ComplianceStatus } from '../checks/index.ts';
import type { PermitEvent, PermitStatus } from './permit-lifecycle.ts';

export const PERMIT_STATUS_VI: Record<PermitStatus, string> = {
  draft: 'Nháp',
  submitted: 'Đã nộp',
  under_review: 'Đang thẩm định',
  approved: 'Đã cấp phép',
  rejected: 'Từ chối',
  revoked: 'Đã thu hồi',
};

export const PERMIT_EVENT_VI: Record<PermitEvent, string> = {
  submit: 'Nộp hồ sơ',
  start_review: 'Bắt đầu thẩm định',
  approve: 'Cấp phép',
  reject: 'Từ chối',
  revoke: 'Thu hồi',
};

/** A status in quotes, by its Vietnamese name (an unknown one as sent). */
export const permitStatusVi = (status: string): string => `"${PERMIT_STATUS_VI[status as PermitStatus] ?? status}"`;

/** Statuses by their Vietnamese names, joined by `joiner`. */
export const permitStatusesVi = (statuses: readonly string[], joiner = ', '): string => statuses.map(permitStatusVi).join(joiner);

/** An event in quotes, by its Vietnamese name (one the API does not know, as sent). */
export const permitEventVi = (event: string): string => `"${PERMIT_EVENT_VI[event as PermitEvent] ?? event}"`;

export const COMPLIANCE_VI: Record<ComplianceStatus, string> = {
  compliant: 'Phù hợp quy hoạch',
  non_compliant: 'Không phù hợp quy hoạch',
  incomplete: 'Chưa đủ căn cứ kết luận',
};

/** A compliance result in quotes, by its Vietnamese name. */
export const complianceStatusVi = (status: ComplianceStatus): string => `"${COMPLIANCE_VI[status]}"`;
