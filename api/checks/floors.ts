// Check floors (tầng cao): storeys above ground against the zone's max floors.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { isQuantity } from './format.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { badQuantity, compareWithZoneLimit } from './zone-limit.ts';

/**
 * floors: storeys above ground ≤ the governing max_floors. Basements are not storeys in tầng cao
 * (they count in the FAR instead); they are named in the message so the reader sees them.
 * A fractional or negative floor count fails as invalid input.
 *
 * @example
 * const r = checkFloors({ ...proposal, floors: 7 }, { zones: [hh03], constraints: [] });
 * r.message; // "7 storeys above ground; zone HH-03 allows 5 (Điều 12 …)."
 */
export function checkFloors(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const n = proposal.floors;
  if (!isQuantity(n) || !Number.isInteger(n)) return badQuantity('floors', 'floors', n, 'số tầng', true);
  const b = proposal.basement_floors;
  const basements = isQuantity(b) && b > 0 ? { en: ` (plus ${b} basement${b > 1 ? 's' : ''}, not counted)`, vi: ` (cộng ${b} tầng hầm, không tính)` } : { en: '', vi: '' };
  const a = analysisFor(proposal, context, params, shared);
  return compareWithZoneLimit('floors', a, 'max_floors', n, 'floors', {
    measured: { en: `${n} storey${n === 1 ? '' : 's'} above ground${basements.en}`, vi: `Công trình cao ${n} tầng${basements.vi}` },
    limit: (v) => ({ en: `${v} storey${v === 1 ? '' : 's'}`, vi: `${v} tầng` }),
    indicator: { en: 'maximum number of storeys', vi: 'tầng cao tối đa' },
  });
}
