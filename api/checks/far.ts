// Check far (hệ số sử dụng đất): gross floor area over the site area, against the zone's max FAR.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, isQuantity, result, vi } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { badQuantity, compareWithZoneLimit } from './zone-limit.ts';

/**
 * far: gfa_m2 ÷ base area ≤ the governing max_far (base area as for coverage: the net site by
 * default). The proposal's GFA includes basements, as hệ số sử dụng đất counts them. The message
 * also gives the largest GFA the limit allows on this site.
 *
 * @example
 * const r = checkFar({ ...proposal, gfa_m2: 1800 }, { zones: [hh03], constraints: [] });
 * r.measured; // 3 on a 600 m² site
 * r.status;   // 'pass' when max_far is 3: exactly at the limit is within it
 */
export function checkFar(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  if (!isQuantity(proposal.gfa_m2)) return badQuantity('far', 'gfa_m2', proposal.gfa_m2, 'tổng diện tích sàn');
  const a = analysisFor(proposal, context, params, shared);
  const base = a.base_area_m2;
  if (!(base > 0)) {
    return result('far', {
      status: 'fail',
      measured: null,
      unit: 'ratio',
      message: `Nothing of the site remains for building (base area ${en(base, 1)} m²), so no floor area is allowed.`,
      message_vi: `Không còn diện tích đất để tính hệ số sử dụng đất (${vi(base, 1)} m²).`,
      evidence: a.take.lonlat,
    });
  }
  const far = proposal.gfa_m2 / base;
  return compareWithZoneLimit('far', a, 'max_far', far, 'ratio', {
    measured: {
      en: `A floor area of ${en(proposal.gfa_m2, 1)} m² on ${en(base, 1)} m² gives a FAR of ${en(far, 2)}`,
      vi: `Tổng diện tích sàn ${vi(proposal.gfa_m2, 1)} m² trên ${vi(base, 1)} m² đất cho hệ số sử dụng đất ${vi(far, 2)} lần`,
    },
    limit: (v) => ({ en: `${en(v, 2)}`, vi: `${vi(v, 2)} lần` }),
    indicator: { en: 'maximum FAR', vi: 'hệ số sử dụng đất tối đa' },
    extra: (v) => ({
      en: `The largest floor area allowed here is ${en(v * base, 1)} m².`,
      vi: `Tổng diện tích sàn tối đa cho phép là ${vi(v * base, 1)} m².`,
    }),
  });
}
