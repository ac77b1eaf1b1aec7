// Measurements every check shares (areas, red-line take, zone shares), computed once per report.
import type { BuildingProposal, CheckConstraint, CheckContext, CheckParams } from './check.types.ts';
import { resolveParams } from './check-params.ts';
import { measureOverlap, wholeShape, type Overlap } from './overlap-width.ts';
import { crsName, EMPTY_SHAPE, measurementSrid, PlanarFrame, shapeArea, type Shape, type Srid } from './planar.ts';
import { ruleZones, type ZoneRuling } from './zone-shares.ts';

export interface SiteAnalysis {
  params: CheckParams;
  /** The TM-3 plane every geometry of the report is measured and clipped in. */
  frame: PlanarFrame;
  srid: Srid;
  crs: 'EPSG:5897' | 'EPSG:9209';
  site: Shape;
  footprint: Shape;
  site_area_m2: number;
  footprint_area_m2: number;
  /** Red lines of the context (constraints of kind red_line, whatever their rule), projected; site ∩ line, and that measured (tolerance 0). */
  red_lines: { line: CheckConstraint; shape: Shape; overlap: Shape; measured: Overlap }[];
  /** Site ∩ the union of the red-line polygons: the road-widening take. */
  take: Shape;
  red_line_take_m2: number;
  net_site_area_m2: number;
  /** The area coverage and FAR divide by (params.area_basis). */
  base_area_m2: number;
  zones: ZoneRuling;
}

/**
 * Measures a proposal against its context. Expects geometry that passed geometry_valid's blocking
 * checks (run-compliance guarantees it; a check called alone trusts its caller).
 * All areas are planar in the TM-3 zone of the site's centroid (see planar.ts).
 *
 * @example
 * const a = analyseSite(proposal, context, resolveParams());
 * a.crs; // 'EPSG:5897' in the former Cần Thơ city
 */
export function analyseSite(proposal: BuildingProposal, context: CheckContext, params: CheckParams = resolveParams()): SiteAnalysis {
  const srid = measurementSrid(proposal.site);
  const frame = new PlanarFrame(srid);
  const site = frame.shape(proposal.site);
  // A footprint that is the site itself (a parcel measured as a lot) is projected once.
  const footprint = proposal.footprint === proposal.site ? site : frame.shape(proposal.footprint);
  const site_area_m2 = shapeArea(site);
  const footprint_area_m2 = footprint === site ? site_area_m2 : shapeArea(footprint);
  const red_lines = context.constraints
    .filter((c) => c.kind === 'red_line')
    .map((line) => {
      const shape = frame.shape(line.geometry);
      const overlap = frame.intersection(site, shape);
      // Areas and geometry are read from it, never the width (red-line.ts measures the footprint's own).
      return { line, shape, overlap, measured: measureOverlap(overlap, 0, false) };
    });
  // Intersect first, then union the pieces: two red lines meeting at a junction overlap each other,
  // and the take must count that corner once. The take is an area, so no tolerance applies; only
  // contact needles (a site edge on the red line) are dropped — line by line, before the union:
  // each needle alone is a thin strip measured exactly, while two needles joined at a corner make
  // an L-shaped sliver whose width search tiles its whole length (~200 ms).
  const pieces = red_lines.map((r) => wholeShape(r.measured)).filter((s) => s.xy.length > 0);
  const take = pieces.length <= 1 ? (pieces[0] ?? EMPTY_SHAPE) : wholeShape(measureOverlap(frame.union(pieces), 0, false));
  const red_line_take_m2 = shapeArea(take);
  const net_site_area_m2 = Math.max(0, site_area_m2 - red_line_take_m2);
  return {
    params,
    frame,
    srid,
    crs: crsName(srid),
    site,
    footprint,
    site_area_m2,
    footprint_area_m2,
    red_lines,
    take,
    red_line_take_m2,
    net_site_area_m2,
    base_area_m2: params.area_basis === 'net' ? net_site_area_m2 : site_area_m2,
    zones: ruleZones(frame, site, site_area_m2, context.zones, params),
  };
}

/** The shared analysis if the caller has one, else a fresh one (a check called on its own). */
export function analysisFor(
  proposal: BuildingProposal,
  context: CheckContext,
  params: Partial<CheckParams> | undefined,
  shared: SiteAnalysis | undefined,
): SiteAnalysis {
  return shared ?? analyseSite(proposal, context, resolveParams(params));
}
