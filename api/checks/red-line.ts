// Check red_line (chỉ giới đường đỏ): the footprint must not cross a red line; reports the road-widening take and the net site.
import type { BuildingProposal, CheckContext, CheckParams, CheckResult, ConstraintHit } from './check.types.ts';
import { cite, en, notApplicable, result, vi } from './format.ts';
import { CONTACT_M } from './contact.ts';
import { measureOverlap, significantShape, wholeShape } from './overlap-width.ts';
import { mergeShapes, type Shape } from './planar.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';

/**
 * red_line: a red line is stored as the polygon of land beyond it (road reserve). The footprint
 * crosses it when footprint ∩ polygon has a part wider than the red line's tolerance_m (see
 * overlap-width.ts): touching the line, or a sliver from tracing it, is not crossing. measured = the
 * area of the crossing parts (m², limit 0); evidence = those parts on a fail, else the take (the
 * site's land beyond the red line, taken for road widening). hits lists every red line the footprint
 * overlaps or touches. The take and the net site area are in the message (and in the report's
 * computed block). Any rule of a red-line feature means "no building beyond it"; its setback_m
 * value is used by the setback check.
 *
 * @example
 * const r = checkRedLine(proposal, { zones: [], constraints: [redLine] });
 * r.status;   // 'fail'
 * r.measured; // 12.4 — m² of the footprint beyond the red line
 */
export function checkRedLine(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const a = analysisFor(proposal, context, params, shared);
  if (a.red_lines.length === 0) {
    return notApplicable(
      'red_line',
      `No red line lies near the site: the whole site (${en(a.site_area_m2, 1)} m²) is buildable land.`,
      `Không có chỉ giới đường đỏ gần khu đất: toàn bộ khu đất (${vi(a.site_area_m2, 1)} m²) là đất xây dựng.`,
      { measured: 0, limit: 0, unit: 'm²' },
    );
  }
  const hits: ConstraintHit[] = [];
  const crossing: Shape[] = [];
  let crossingArea = 0;
  for (const { line, shape } of a.red_lines) {
    const overlap = measureOverlap(a.frame.intersection(a.footprint, shape), line.tolerance_m);
    const distance = overlap.parts.length > 0 ? 0 : a.frame.distance(a.footprint, shape).distance_m;
    if (overlap.parts.length === 0 && distance > CONTACT_M) continue;
    const significant = overlap.significant.length > 0 ? significantShape(overlap) : null;
    if (significant) {
      crossing.push(significant);
      crossingArea += overlap.significant_area_m2;
    }
    hits.push({
      constraint_id: line.id,
      kind: line.kind,
      rule: line.rule,
      name: line.name,
      status: significant ? 'fail' : 'pass',
      overlap_area_m2: overlap.area_m2,
      overlap_width_m: overlap.width_m,
      distance_m: distance,
      limit: line.rule === 'no_build' ? null : line.value,
      tolerance_m: line.tolerance_m,
      citation: line.citation,
      geometry: (significant ?? wholeShape(overlap)).lonlat,
    });
  }
  const takePct = a.site_area_m2 > 0 ? (a.red_line_take_m2 / a.site_area_m2) * 100 : 0;
  const take =
    a.red_line_take_m2 > 0
      ? {
          en: ` ${en(a.red_line_take_m2, 1)} m² of the site (${en(takePct, 1)} %) lies beyond the red line and is taken for the road; the net site area is ${en(a.net_site_area_m2, 1)} m².`,
          vi: ` ${vi(a.red_line_take_m2, 1)} m² khu đất (${vi(takePct, 1)} %) thuộc phạm vi lộ giới (phía ngoài chỉ giới đường đỏ) dành cho mở rộng đường; diện tích đất còn lại ${vi(a.net_site_area_m2, 1)} m².`,
        }
      : { en: ' No part of the site lies beyond the red line.', vi: ' Khu đất không có phần nào thuộc phạm vi lộ giới.' };
  const failing = hits.filter((h) => h.status === 'fail');
  if (failing.length > 0) {
    const area = crossingArea;
    const h = failing[0];
    const name = h.name ? ` (${h.name})` : '';
    return result('red_line', {
      status: 'fail',
      measured: area,
      limit: 0,
      unit: 'm²',
      message: `The footprint crosses the red line${name} by ${en(area, 2)} m², up to ${en(h.overlap_width_m, 2)} m wide${cite(h.citation)}.${take.en}`,
      message_vi: `Công trình lấn qua chỉ giới đường đỏ${name} ${vi(area, 2)} m², rộng tới ${vi(h.overlap_width_m, 2)} m${cite(h.citation)}.${take.vi}`,
      citation: h.citation,
      evidence: mergeShapes(crossing).lonlat,
      hits,
    });
  }
  const slivers = hits.filter((h) => h.overlap_area_m2 > 0);
  const contact =
    slivers.length > 0
      ? {
          en: `The footprint does not cross the red line: its ${en(slivers[0].overlap_area_m2, 3)} m² overlap is ${en(slivers[0].overlap_width_m, 3)} m wide, within the ${en(slivers[0].tolerance_m, 2)} m tolerance.`,
          vi: `Công trình không lấn qua chỉ giới đường đỏ: phần chồng lấn ${vi(slivers[0].overlap_area_m2, 3)} m² chỉ rộng ${vi(slivers[0].overlap_width_m, 3)} m, trong dung sai ${vi(slivers[0].tolerance_m, 2)} m.`,
        }
      : hits.length > 0
        ? { en: 'The footprint touches the red line without crossing it.', vi: 'Công trình chạm chỉ giới đường đỏ nhưng không lấn qua.' }
        : { en: 'The footprint stays behind the red line.', vi: 'Công trình không vượt quá chỉ giới đường đỏ.' };
  return result('red_line', {
    status: 'pass',
    measured: 0,
    limit: 0,
    unit: 'm²',
    message: contact.en + take.en,
    message_vi: contact.vi + take.vi,
    citation: a.red_lines.find((r) => r.line.citation)?.line.citation ?? null,
    evidence: a.take.lonlat,
    hits: hits.length > 0 ? hits : undefined,
  });
}
