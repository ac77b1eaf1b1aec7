// Shared shape of the indicator checks (coverage, far, floors, height): a measured value against the governing zone limit.
import type { Geometry } from 'geojson';
import type { CheckId, CheckResult } from './check.types.ts';
import { cite, notApplicable, result, withinRatio } from './format.ts';
import type { SiteAnalysis } from './site-analysis.ts';
import { ruleNote, type LimitKey } from './zone-shares.ts';

export interface LimitText {
  /** What was measured, as the start of a sentence: "The footprint covers 68.2 % of the site". */
  measured: { en: string; vi: string };
  /** The limit as a phrase: "60 %" / "60 %". */
  limit: (value: number) => { en: string; vi: string };
  /** Indicator name for not_applicable messages: "maximum coverage" / "mật độ xây dựng tối đa". */
  indicator: { en: string; vi: string };
  /** An extra sentence after the verdict (e.g. the max GFA), or nothing. */
  extra?: (value: number) => { en: string; vi: string };
}

/**
 * Compares a measured value with the limit the multi-zone rule chose for `key`: pass when within it
 * (up to params.ratio_epsilon, floating-point noise only), fail otherwise; not_applicable without a
 * governing zone or when no governing zone regulates the indicator (measured is still reported).
 */
export function compareWithZoneLimit(
  id: CheckId,
  a: SiteAnalysis,
  key: LimitKey,
  measured: number,
  unit: string,
  text: LimitText,
  evidence: Geometry | null = null,
): CheckResult {
  if (a.zones.governing.length === 0) {
    return notApplicable(id, `No zone governs the site, so its ${text.indicator.en} is unknown.`, `Không có lô quy hoạch áp dụng nên không xác định được ${text.indicator.vi}.`, { measured, unit });
  }
  const limit = a.zones.limits[key];
  if (!limit) {
    const lots = a.zones.governing.map((z) => z.lot_code).join(', ');
    return notApplicable(
      id,
      `${text.measured.en}; zone ${lots} sets no ${text.indicator.en}.`,
      `${text.measured.vi}; lô ${lots} không quy định ${text.indicator.vi}.`,
      { measured, unit },
    );
  }
  const ok = withinRatio(measured, limit.value, a.params.ratio_epsilon);
  const note = ruleNote(a.zones);
  const l = text.limit(limit.value);
  const extra = text.extra?.(limit.value);
  return result(id, {
    status: ok ? 'pass' : 'fail',
    measured,
    limit: limit.value,
    unit,
    message:
      `${text.measured.en}; zone ${limit.zone.lot_code} allows ${ok ? 'up to ' : ''}${l.en}${cite(limit.zone.citation)}${note.en}.` +
      (extra ? ` ${extra.en}` : ''),
    message_vi:
      `${text.measured.vi}; lô ${limit.zone.lot_code} cho phép ${ok ? 'tối đa ' : ''}${l.vi}${cite(limit.zone.citation)}${note.vi}.` +
      (extra ? ` ${extra.vi}` : ''),
    citation: limit.zone.citation,
    evidence: ok ? null : evidence,
  });
}

/** A fail for a proposal value that is missing or not a finite, non-negative number. */
export function badQuantity(id: CheckId, field: string, value: unknown, viName: string, whole = false): CheckResult {
  const what = whole ? { en: 'a whole number ≥ 0', vi: 'số nguyên ≥ 0' } : { en: 'a finite number ≥ 0', vi: 'số hữu hạn ≥ 0' };
  return result(id, {
    status: 'fail',
    message: `The proposal's ${field} (${JSON.stringify(value)}) is not ${what.en}.`,
    message_vi: `Giá trị ${viName} của hồ sơ (${JSON.stringify(value)}) không phải là ${what.vi}.`,
  });
}
