// Check zone_found: which zones of the plan the site lies in, and which multi-zone rule applies.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, result, vi } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';

/**
 * zone_found: fail when no zone covers the site (beyond the tolerance): nothing to check the
 * indicators against, so the report is incomplete. Otherwise pass, or warn when a part of the site
 * wider than the tolerance lies in no zone (evidence: that part). measured = share of the site
 * covered by zones (%, no limit); the message names each zone with its share and the rule (zone-shares.ts).
 *
 * @example
 * const r = checkZoneFound(proposal, { zones: [hh03, cx01], constraints: [] });
 * r.message; // "The site spans 2 zones: HH-03 62.0 %, CX-01 38.0 %; none holds 95 %, so the strictest limit of each indicator applies."
 */
export function checkZoneFound(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const a = analysisFor(proposal, context, params, shared);
  const z = a.zones;
  if (z.rule === 'none') {
    return result('zone_found', {
      status: 'fail',
      measured: 0,
      unit: '%',
      message:
        context.zones.length > 0
          ? `No zone of the plan covers the site (none of the ${context.zones.length} zones nearby does), so its indicators cannot be assessed.`
          : 'No zone of the plan covers the site, so its indicators cannot be assessed.',
      message_vi:
        context.zones.length > 0
          ? `Không có lô quy hoạch nào chứa khu đất (đã xét ${context.zones.length} lô lân cận) nên không thể đánh giá các chỉ tiêu.`
          : 'Không có lô quy hoạch nào chứa khu đất nên không thể đánh giá các chỉ tiêu.',
    });
  }
  const covered = Math.min(100, z.shares.reduce((s, x) => s + x.share_pct, 0));
  const list = (d: (n: number, k?: number) => string): string => z.shares.map((s) => `${s.lot_code} ${d(s.share_pct, 1)} %`).join(', ');
  const dominance = en(a.params.dominant_zone_share * 100, 0);
  let message: string;
  let message_vi: string;
  if (z.rule === 'single') {
    message = `The site lies in zone ${z.shares[0].lot_code} (${z.shares[0].land_use_code}, ${en(z.shares[0].share_pct, 1)} % of the site).`;
    message_vi = `Khu đất nằm trong lô ${z.shares[0].lot_code} (${z.shares[0].land_use_code}, ${vi(z.shares[0].share_pct, 1)} % diện tích khu đất).`;
  } else if (z.rule === 'dominant') {
    message = `The site spans ${z.shares.length} zones: ${list(en)}; ${z.shares[0].lot_code} holds at least ${dominance} % and governs alone.`;
    message_vi = `Khu đất nằm trên ${z.shares.length} lô: ${list(vi)}; lô ${z.shares[0].lot_code} chiếm từ ${dominance} % trở lên nên áp dụng riêng chỉ tiêu của lô này.`;
  } else {
    message = `The site spans ${z.shares.length} zones: ${list(en)}; none holds ${dominance} %, so the strictest limit of each indicator applies.`;
    message_vi = `Khu đất nằm trên ${z.shares.length} lô: ${list(vi)}; không lô nào chiếm tới ${dominance} % nên áp dụng chỉ tiêu chặt chẽ nhất của từng loại.`;
  }
  const citation = z.governing.length === 1 ? z.governing[0].citation : null;
  if (z.uncovered_m2 > 0) {
    const pct = a.site_area_m2 > 0 ? (z.uncovered_m2 / a.site_area_m2) * 100 : 0;
    return result('zone_found', {
      status: 'warn',
      measured: covered,
      unit: '%',
      message: `${message} ${en(z.uncovered_m2, 1)} m² (${en(pct, 1)} %) of the site lies in no zone.`,
      message_vi: `${message_vi} ${vi(z.uncovered_m2, 1)} m² (${vi(pct, 1)} %) khu đất không thuộc lô quy hoạch nào.`,
      citation,
      evidence: z.uncovered,
    });
  }
  return result('zone_found', { status: 'pass', measured: covered, unit: '%', message, message_vi, citation });
}
