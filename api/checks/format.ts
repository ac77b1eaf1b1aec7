// Number formatting for check messages in English and Vietnamese, and the result builder every check uses.
import type { Geometry, Position } from 'geojson';
import type { CheckId, CheckResult, CheckStatus, ConstraintHit } from './check.types.ts';

/*
 * Formatting is done by hand rather than with Intl so that a message is the same string in Node and
 * in every browser (ICU data differs between builds). Vietnamese writes 1.234,5; English 1,234.5.
 */
function group(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function fixed(n: number, decimals: number, thousands: string, point: string): string {
  if (!Number.isFinite(n)) return String(n);
  const s = Math.abs(n).toFixed(decimals);
  const [i, f] = s.split('.');
  const sign = n < 0 && Number(s) !== 0 ? '-' : '';
  return sign + group(i, thousands) + (f ? point + f : '');
}

/** English number: 1,234.5 */
export const en = (n: number, decimals = 1): string => fixed(n, decimals, ',', '.');
/** Vietnamese number: 1.234,5 */
export const vi = (n: number, decimals = 1): string => fixed(n, decimals, '.', ',');

/** A position for a message: "lon 105.77312, lat 10.03125" (5 decimals ≈ 1 m). */
export const whereEn = (p: Position): string => `lon ${p[0].toFixed(6)}, lat ${p[1].toFixed(6)}`;
export const whereVi = (p: Position): string => `kinh độ ${p[0].toFixed(6)}, vĩ độ ${p[1].toFixed(6)}`;

/** " (citation)" or "". */
export const cite = (citation: string | null | undefined): string => (citation ? ` (${citation})` : '');

export interface ResultInput {
  status: CheckStatus;
  measured?: number | null;
  limit?: number | null;
  unit?: string | null;
  message: string;
  message_vi: string;
  citation?: string | null;
  evidence?: Geometry | null;
  hits?: ConstraintHit[];
}

/** A CheckResult with every field present, in the key order of DESIGN.md §5. */
export function result(id: CheckId, r: ResultInput): CheckResult {
  const out: CheckResult = {
    id,
    status: r.status,
    measured: r.measured ?? null,
    limit: r.limit ?? null,
    unit: r.unit ?? null,
    message: r.message,
    message_vi: r.message_vi,
    citation: r.citation ?? null,
    evidence: r.evidence ?? null,
  };
  if (r.hits) out.hits = r.hits;
  return out;
}

/** A not_applicable result. */
export function notApplicable(id: CheckId, message: string, message_vi: string, extra: Partial<ResultInput> = {}): CheckResult {
  return result(id, { ...extra, status: 'not_applicable', message, message_vi });
}

/** Whether `measured` is within `limit` up to a relative epsilon (floating-point noise, not a margin). */
export function withinRatio(measured: number, limit: number, epsilon: number): boolean {
  return measured <= limit + Math.abs(limit) * epsilon + epsilon * 1e-3;
}

/** Whether a number is a usable, finite, non-negative proposal value. */
export const isQuantity = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
