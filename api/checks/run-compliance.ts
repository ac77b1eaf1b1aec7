// Runs every check on a proposal in the fixed order of ids and composes the compliance report.
import type {
  BuildingProposal,
  CheckContext,
  CheckId,
  CheckParams,
  CheckResult,
  ComplianceReport,
  ComplianceStatus,
  ComputedMeasures,
} from './check.types.ts';
import { CHECK_IDS } from './check.types.ts';
import { resolveParams } from './check-params.ts';
import { checkConstraints } from './constraints.ts';
import { checkCoverage } from './coverage.ts';
import { checkFar } from './far.ts';
import { checkFloors } from './floors.ts';
import { isQuantity, notApplicable } from './format.ts';
import { checkGeometryValid, hasBlockingIssue, proposalGeometryIssues } from './geometry-valid.ts';
import { checkHeight } from './height.ts';
import { checkLandUse } from './land-use.ts';
import { checkRedLine } from './red-line.ts';
import { checkSetback } from './setback.ts';
import { analyseSite, type SiteAnalysis } from './site-analysis.ts';
import { checkWithinParcel } from './within-parcel.ts';
import { checkZoneFound } from './zone-found.ts';

/** A check as the registry holds it: the shared analysis is optional (computed when absent). */
export type CheckFn = (proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis) => CheckResult;

/** Every check by id, for callers that run one check (the browser while drawing, the golden tests). */
export const CHECKS: Readonly<Record<CheckId, CheckFn>> = {
  geometry_valid: (p, c, params) => checkGeometryValid(p, c, params),
  within_parcel: checkWithinParcel,
  zone_found: checkZoneFound,
  land_use: checkLandUse,
  coverage: checkCoverage,
  far: checkFar,
  floors: checkFloors,
  height: checkHeight,
  setback: checkSetback,
  red_line: checkRedLine,
  constraints: checkConstraints,
};

/** The input checks: when they fail the assessment is incomplete rather than a breach. */
const INPUT_CHECKS: ReadonlySet<CheckId> = new Set<CheckId>(['geometry_valid', 'zone_found']);

/**
 * Report status (also documented on ComplianceReport): non_compliant when a rule check fails (a
 * definite breach, even if the assessment is otherwise incomplete); incomplete when only
 * geometry_valid or zone_found fails; compliant otherwise. warn and not_applicable never change it.
 */
export function reportStatus(checks: readonly CheckResult[]): ComplianceStatus {
  if (checks.some((c) => c.status === 'fail' && !INPUT_CHECKS.has(c.id))) return 'non_compliant';
  if (checks.some((c) => c.status === 'fail')) return 'incomplete';
  return 'compliant';
}

const EMPTY_COMPUTED: ComputedMeasures = {
  site_area_m2: null,
  footprint_area_m2: null,
  red_line_take_m2: null,
  net_site_area_m2: null,
  max_gfa_m2: null,
  gfa_m2: null,
  coverage_pct: null,
  far: null,
  red_line_distance_m: null,
  zone_rule: 'none',
  area_basis: 'net',
  crs: null,
};

/** The numbers of a report's computed block, from the shared analysis. */
export function computeMeasures(proposal: BuildingProposal, a: SiteAnalysis): ComputedMeasures {
  const base = a.base_area_m2;
  const maxFar = a.zones.limits.max_far;
  const gfa = isQuantity(proposal.gfa_m2) ? proposal.gfa_m2 : null;
  const distances = a.red_lines.map((r) => a.frame.distance(a.footprint, r.shape).distance_m);
  return {
    site_area_m2: a.site_area_m2,
    footprint_area_m2: a.footprint_area_m2,
    red_line_take_m2: a.red_line_take_m2,
    net_site_area_m2: a.net_site_area_m2,
    max_gfa_m2: maxFar ? maxFar.value * base : null,
    gfa_m2: gfa,
    coverage_pct: base > 0 ? (a.footprint_area_m2 / base) * 100 : null,
    far: base > 0 && gfa !== null ? gfa / base : null,
    red_line_distance_m: distances.length > 0 ? Math.min(...distances) : null,
    zone_rule: a.zones.rule,
    area_basis: a.params.area_basis,
    crs: a.crs,
  };
}

/**
 * Runs the eleven checks in the order of CHECK_IDS on one shared analysis (areas, the red-line take
 * and the zone shares with the multi-zone rule of zone-shares.ts are computed once). When the
 * geometry cannot be measured (a blocking geometry_valid issue) the other checks are
 * not_applicable and the report is incomplete.
 *
 * @example
 * const report = runCompliance(
 *   { site, footprint, use: 'ODT', floors: 4, height_m: 15, gfa_m2: 1400 },
 *   { zones, constraints, parcel: null },
 * );
 * report.status;                 // 'non_compliant'
 * report.checks.map((c) => c.id); // ['geometry_valid', 'within_parcel', …, 'constraints']
 * report.computed.net_site_area_m2;
 */
export function runCompliance(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>): ComplianceReport {
  const p = resolveParams(params);
  const issues = proposalGeometryIssues(proposal, p);
  const geometry = checkGeometryValid(proposal, context, p, issues);
  if (hasBlockingIssue(issues)) {
    const skipped = CHECK_IDS.filter((id) => id !== 'geometry_valid').map((id) =>
      notApplicable(id, 'Not checked: the geometry cannot be measured (see geometry_valid).', 'Chưa kiểm tra: hình học không đo được (xem geometry_valid).'),
    );
    return { status: 'incomplete', checks: [geometry, ...skipped], zones: [], computed: { ...EMPTY_COMPUTED, area_basis: p.area_basis } };
  }
  const a = analyseSite(proposal, context, p);
  const checks = CHECK_IDS.map((id) => (id === 'geometry_valid' ? geometry : CHECKS[id](proposal, context, p, a)));
  return { status: reportStatus(checks), checks, zones: a.zones.shares, computed: computeMeasures(proposal, a) };
}
