// Check coverage (mật độ xây dựng): footprint area over the site area, against the zone's max coverage.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, result, vi } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { compareWithZoneLimit } from './zone-limit.ts';

/**
 * coverage: footprint area ÷ base area × 100 ≤ the governing max_coverage_pct. Both areas are planar
 * TM-3; the base area is the site after the red-line take (params.area_basis 'net', the default) or
 * the whole site ('gross'). Fails when nothing of the site remains after the take. Evidence on a
 * fail: the footprint.
 *
 * @example
 * const r = checkCoverage(proposal, { zones: [hh03], constraints: [] });
 * r.measured; // 68.2
 * r.message;  // "The footprint covers 68.2 % of the site (409.2 m² of 600.0 m²); zone HH-03 allows 60 % (Điều 12 …)."
 */
export function checkCoverage(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const a = analysisFor(proposal, context, params, shared);
  const base = a.base_area_m2;
  const net = a.params.area_basis === 'net' && a.red_line_take_m2 > 0;
  const which = net ? { en: 'net site', vi: 'khu đất còn lại sau chỉ giới đường đỏ' } : { en: 'site', vi: 'khu đất' };
  if (!(base > 0)) {
    return result('coverage', {
      status: 'fail',
      measured: null,
      unit: '%',
      message: `Nothing of the site remains for building (${which.en} area ${en(base, 1)} m²), so no footprint can be placed on it.`,
      message_vi: `Không còn diện tích để xây dựng (diện tích ${which.vi} ${vi(base, 1)} m²).`,
      evidence: a.take.lonlat,
    });
  }
  const pct = (a.footprint_area_m2 / base) * 100;
  return compareWithZoneLimit(
    'coverage',
    a,
    'max_coverage_pct',
    pct,
    '%',
    {
      measured: {
        en: `The footprint covers ${en(pct, 1)} % of the ${which.en} (${en(a.footprint_area_m2, 1)} m² of ${en(base, 1)} m²)`,
        vi: `Mật độ xây dựng ${vi(pct, 1)} % (${vi(a.footprint_area_m2, 1)} m² trên ${vi(base, 1)} m² ${which.vi})`,
      },
      limit: (v) => ({ en: `${en(v, 1)} %`, vi: `${vi(v, 1)} %` }),
      indicator: { en: 'maximum coverage', vi: 'mật độ xây dựng tối đa' },
    },
    proposal.footprint,
  );
}
