// Check within_parcel: the site stays on the cadastral parcel it is applied for.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, notApplicable, result, vi } from './format.ts';
import { measureOverlap, significantGeometry } from './overlap-width.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';

/**
 * within_parcel: the part of the site outside the parcel must be no wider than params.tolerance_m
 * (a site traced over the cadastre never matches it to the millimetre). measured = area of the
 * site beyond the parcel that counts (m², limit 0); evidence = that area. not_applicable without a
 * parcel (a site drawn freely on the map).
 *
 * @example
 * const r = checkWithinParcel(proposal, { zones, constraints, parcel: { id: 'T12/345', geometry: parcel } });
 * r.status;   // 'fail'
 * r.measured; // 24.6 — m² of the site outside parcel T12/345
 */
export function checkWithinParcel(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const parcel = context.parcel;
  if (!parcel) {
    return notApplicable(
      'within_parcel',
      'No cadastral parcel was given: the site was drawn freely, so it is not compared with a parcel.',
      'Không có thửa đất địa chính: khu đất được vẽ tự do nên không đối chiếu với thửa đất.',
    );
  }
  const a = analysisFor(proposal, context, params, shared);
  const tol = a.params.tolerance_m;
  const outside = measureOverlap(a.frame.differenceBeyondContact(a.site, [a.frame.shape(parcel.geometry)]), tol);
  if (outside.significant.length > 0) {
    const area = outside.significant_area_m2;
    const width = Math.max(...outside.significant.map((p) => p.width_m));
    return result('within_parcel', {
      status: 'fail',
      measured: area,
      limit: 0,
      unit: 'm²',
      message: `The site reaches ${en(area, 2)} m² beyond parcel ${parcel.id} (up to ${en(width, 2)} m wide; the tolerance is ${en(tol, 2)} m).`,
      message_vi: `Khu đất vượt ra ngoài thửa đất ${parcel.id} ${vi(area, 2)} m² (rộng tới ${vi(width, 2)} m; dung sai ${vi(tol, 2)} m).`,
      evidence: significantGeometry(outside),
    });
  }
  const sliver = outside.area_m2 > 0;
  return result('within_parcel', {
    status: 'pass',
    measured: 0,
    limit: 0,
    unit: 'm²',
    message:
      `The site lies within parcel ${parcel.id}` +
      (sliver ? ` (a ${en(outside.area_m2, 3)} m² sliver along the boundary, ${en(outside.width_m, 3)} m wide, is within the ${en(tol, 2)} m tolerance).` : '.'),
    message_vi:
      `Khu đất nằm trong thửa đất ${parcel.id}` +
      (sliver ? ` (dải hẹp ${vi(outside.area_m2, 3)} m² dọc ranh, rộng ${vi(outside.width_m, 3)} m, nằm trong dung sai ${vi(tol, 2)} m).` : '.'),
  });
}
