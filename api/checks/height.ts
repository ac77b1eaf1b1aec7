// Check height (chiều cao công trình): building height against the zone's max height.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, isQuantity, vi } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { badQuantity, compareWithZoneLimit } from './zone-limit.ts';

/**
 * height: height_m ≤ the governing max_height_m. Height limits of constraint layers (e.g. an
 * airport or heritage height_limit) are checked by `constraints`, where their area matters.
 *
 * @example
 * const r = checkHeight({ ...proposal, height_m: 25.5 }, { zones: [hh03], constraints: [] });
 * r.status; // 'fail' when HH-03 allows 22 m
 */
export function checkHeight(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const h = proposal.height_m;
  if (!isQuantity(h)) return badQuantity('height', 'height_m', h, 'chiều cao');
  const a = analysisFor(proposal, context, params, shared);
  return compareWithZoneLimit('height', a, 'max_height_m', h, 'm', {
    measured: { en: `The building is ${en(h, 2)} m high`, vi: `Chiều cao công trình ${vi(h, 2)} m` },
    limit: (v) => ({ en: `${en(v, 2)} m`, vi: `${vi(v, 2)} m` }),
    indicator: { en: 'maximum height', vi: 'chiều cao tối đa' },
  });
}
