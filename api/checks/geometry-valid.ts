// Check geometry_valid: the site and footprint are measurable polygons in lon/lat, and the footprint stands on the site.
import type { Geometry } from 'geojson';
import type { BuildingProposal, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { resolveParams } from './check-params.ts';
import { en, result, vi } from './format.ts';
import { findGeometryIssues, type GeometryIssue } from './geometry-issues.ts';
import { measureOverlap, significantGeometry } from './overlap-width.ts';
import { measurementSrid, PlanarFrame } from './planar.ts';

/** Issues listed in a message before "and N more": a message has to stay readable on a phone. */
const MAX_LISTED = 4;

/**
 * Every geometry issue of a proposal: the structural ones (geometry-issues.ts) and, when the
 * geometry is measurable, a footprint reaching beyond the site by more than params.tolerance_m.
 */
export function proposalGeometryIssues(proposal: BuildingProposal, params: CheckParams): GeometryIssue[] {
  const issues = findGeometryIssues(proposal.site, proposal.footprint, params);
  if (issues.some((i) => i.blocking)) return issues;
  const frame = new PlanarFrame(measurementSrid(proposal.site));
  const outside = measureOverlap(frame.differenceBeyondContact(frame.shape(proposal.footprint), [frame.shape(proposal.site)]), params.tolerance_m);
  if (outside.significant.length > 0) {
    const area = outside.significant_area_m2;
    const width = Math.max(...outside.significant.map((p) => p.width_m));
    issues.push({
      code: 'footprint_outside_site',
      subject: 'footprint',
      blocking: false,
      severity: 'fail',
      message: `The footprint reaches ${en(area, 2)} m² beyond the site (up to ${en(width, 2)} m wide).`,
      message_vi: `Công trình vượt ra ngoài khu đất ${vi(area, 2)} m² (rộng tới ${vi(width, 2)} m).`,
      evidence: significantGeometry(outside),
    });
  }
  return issues;
}

/** Whether issues prevent measuring (the other checks are then not_applicable). */
export const hasBlockingIssue = (issues: readonly GeometryIssue[]): boolean => issues.some((i) => i.blocking);

/**
 * geometry_valid: fail on any structural issue (self-intersections with the crossing point as
 * evidence, unclosed or too-short rings, zero-area rings, non-finite or out-of-range coordinates,
 * VN-2000 metres or swapped axes passed as lon/lat, holes outside shells, overlapping parts) and on
 * a footprint reaching beyond the site; warn on repeated consecutive points (ignored when measuring).
 * measured = number of issues (limit 0).
 *
 * @example
 * const r = checkGeometryValid({ site, footprint: bowTie, use: 'ODT', floors: 3, height_m: 12, gfa_m2: 300 }, { zones: [], constraints: [] });
 * r.status;   // 'fail'
 * r.evidence; // { type: 'Point', coordinates: [105.7712, 10.0301] } — where the footprint crosses itself
 */
export function checkGeometryValid(
  proposal: BuildingProposal,
  _context?: CheckContext,
  params?: Partial<CheckParams>,
  issues: GeometryIssue[] = proposalGeometryIssues(proposal, resolveParams(params)),
): CheckResult {
  if (issues.length === 0) {
    return result('geometry_valid', {
      status: 'pass',
      measured: 0,
      limit: 0,
      unit: 'issues',
      message: 'The site and the footprint are valid polygons, and the footprint lies within the site.',
      message_vi: 'Khu đất và công trình là các đa giác hợp lệ; công trình nằm trong khu đất.',
    });
  }
  const failing = issues.filter((i) => i.severity === 'fail');
  const listed = (failing.length > 0 ? failing : issues).concat(failing.length > 0 ? issues.filter((i) => i.severity === 'warn') : []);
  const shown = listed.slice(0, MAX_LISTED);
  const rest = listed.length - shown.length;
  const evidence = gather(issues.map((i) => i.evidence).filter((g): g is Geometry => g !== null));
  return result('geometry_valid', {
    status: failing.length > 0 ? 'fail' : 'warn',
    measured: issues.length,
    limit: 0,
    unit: 'issues',
    message: shown.map((i) => i.message).join(' ') + (rest > 0 ? ` And ${rest} more.` : ''),
    message_vi: shown.map((i) => i.message_vi).join(' ') + (rest > 0 ? ` Và ${rest} lỗi khác.` : ''),
    evidence,
  });
}

/** One geometry, or a GeometryCollection of several. */
function gather(gs: Geometry[]): Geometry | null {
  if (gs.length === 0) return null;
  if (gs.length === 1) return gs[0];
  return { type: 'GeometryCollection', geometries: gs };
}
