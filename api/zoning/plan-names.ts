// What Vietnamese readers call the statuses of a plan: problem details use them.
import type { Plan } from './zoning.types.ts';

const STATUS_VI: Record<Plan['status'], string> = {
  draft: 'bản nháp',
  in_force: 'đang có hiệu lực',
  superseded: 'đã được thay thế',
  withdrawn: 'đã bị huỷ bỏ',
};

/** A plan status in quotes, by its Vietnamese name (an unknown one as stored). */
export const planStatusVi = (status: string): string => `"${STATUS_VI[status as Plan['status']] ?? status}"`;
