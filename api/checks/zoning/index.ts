// Public entry of the zoning-layer edit checks (topology and indicators), for the change-set API and the web editor alike.
import type { Polygonal } from '../check.types.ts';
import { EDIT_CHECK_IDS, type EditCheckContext, type EditCheckParams, type EditCheckResult, type EditedConstraint, type EditedZone } from './edit-check.types.ts';
import { constraintAttributeResults, zoneAttributeResults } from './edit-indicators.ts';
import { resolveEditParams } from './edit-params.ts';
import { constraintName, zoneName } from './edit-text.ts';
import { outsidePlanResults, zoneTopologyResults } from './edit-topology.ts';
import { validityResults } from './edit-validity.ts';

export * from './edit-check.types.ts';
export { DEFAULT_EDIT_CHECK_PARAMS, resolveEditParams } from './edit-params.ts';

/** Results in the order of EDIT_CHECK_IDS, errors before warnings within a check (stable otherwise). */
function ordered(results: EditCheckResult[]): EditCheckResult[] {
  const rank = (r: EditCheckResult): number => EDIT_CHECK_IDS.indexOf(r.id) * 2 + (r.severity === 'error' ? 0 : 1);
  return results.map((r, i) => ({ r, i })).sort((x, y) => rank(x.r) - rank(y.r) || x.i - y.i).map(({ r }) => r);
}

/**
 * Every check of a zone as a change-set edit proposes it: geometry_valid, overlap, gap, sliver,
 * outside_plan (skipped when the geometry cannot be measured), indicators and land_use_code.
 * An empty list means the edit is clean. Pure: runs the same on the server and in the browser.
 *
 * @example
 * const results = checkZoneEdit(
 *   { feature_id: null, attributes: { lot_code: 'HH-05', land_use_code: 'HH', max_coverage_pct: 60, max_far: 4, max_floors: 5, max_height_m: 22, min_setback_m: 3 }, geometry },
 *   { neighbours: [{ feature_id: 12, lot_code: 'HH-04', geometry: hh04 }], plan_boundary, land_use_codes: ['HH', 'CX', 'OM'] },
 * );
 * results.map((r) => r.code); // ['overlap', 'far_above_coverage_times_floors'] — 500 m² over HH-04; 4 > 60 % × 5 ÷ 100 = 3
 * hasBlockingErrors(results); // true
 */
export function checkZoneEdit(zone: EditedZone, ctx: EditCheckContext, params?: Partial<EditCheckParams>): EditCheckResult[] {
  const p = resolveEditParams(params);
  const attrs = zone.attributes ?? ({} as EditedZone['attributes']);
  const name = zoneName(attrs.lot_code, zone.feature_id);
  const validity = validityResults('zone', zone.geometry, name, p);
  const topology = validity.blocking ? [] : zoneTopologyResults({ feature_id: zone.feature_id, geometry: zone.geometry as Polygonal }, name, ctx, p);
  return ordered([...validity.results, ...topology, ...zoneAttributeResults(attrs, name, ctx.land_use_codes, p)]);
}

/**
 * Every check of a constraint as edited: geometry_valid, outside_plan and its attributes (a value
 * unless the rule is no_build, tolerance 0–10 m). Constraints may overlap zones and each other, so
 * there is no overlap, gap or sliver check.
 */
export function checkConstraintEdit(constraint: EditedConstraint, ctx: EditCheckContext, params?: Partial<EditCheckParams>): EditCheckResult[] {
  const p = resolveEditParams(params);
  const attrs = constraint.attributes ?? ({} as EditedConstraint['attributes']);
  const name = constraintName(attrs.name, attrs.kind, constraint.feature_id);
  const validity = validityResults('constraint', constraint.geometry, name, p);
  const outside = validity.blocking ? [] : outsidePlanResults(constraint.geometry as Polygonal, name, ctx.plan_boundary, p);
  return ordered([...validity.results, ...outside, ...constraintAttributeResults(attrs, name)]);
}

/** Whether any result blocks submission and approval (an error); warnings never do. */
export const hasBlockingErrors = (results: readonly EditCheckResult[]): boolean => results.some((r) => r.severity === 'error');
