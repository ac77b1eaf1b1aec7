// Check setback (khoảng lùi): the footprint's smallest distance to the red line against the required setback.
import type { Geometry } from 'geojson';
import type { BuildingProposal, CheckConstraint, CheckContext, CheckParams, CheckResult } from './check.types.ts';
import { en, notApplicable, result, vi } from './format.ts';
import type { Nearest } from './planar.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';
import { ruleNote } from './zone-shares.ts';

interface LineSetback {
  line: CheckConstraint;
  nearest: Nearest;
  /** Required setback from this line (m) and where it comes from; null when nothing requires one. */
  required: { value: number; citation: string | null; source: { en: string; vi: string } } | null;
}

/** ", citation" inside a parenthesis that is already open. */
const also = (citation: string | null): string => (citation ? `, ${citation}` : '');

const lineName = (c: CheckConstraint): { en: string; vi: string } =>
  c.name ? { en: `the red line (${c.name})`, vi: `chỉ giới đường đỏ (${c.name})` } : { en: 'the red line', vi: 'chỉ giới đường đỏ' };

/** The shortest segment between the footprint and a line, or the contact point. */
export function nearestEvidence(n: Nearest): Geometry {
  return n.distance_m > 0 ? { type: 'LineString', coordinates: [n.from, n.to] } : { type: 'Point', coordinates: n.from };
}

/**
 * setback: for every red line in the context, the smallest planar TM-3 distance from the footprint
 * to the red-line polygon (the land beyond the line) must be ≥ the required setback, up to
 * params.distance_epsilon_m (1 cm, survey precision). Required = the governing zone's min_setback_m
 * (multi-zone rule) or, when larger, the red line's own value if its rule is setback_m. measured and
 * limit are those of the line with the smallest margin; evidence = the shortest segment footprint →
 * red line (a point when they touch). not_applicable without a red line, or when nothing requires a
 * setback (measured still reports the distance).
 *
 * @example
 * const r = checkSetback(proposal, { zones: [hh03], constraints: [redLine] });
 * r.measured; // 2.4 (m)
 * r.message;  // "The footprint is 2.40 m from the red line (Đường 3/2); the required setback is 3.00 m (zone HH-03, Điều 14 …)."
 */
export function checkSetback(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const a = analysisFor(proposal, context, params, shared);
  if (a.red_lines.length === 0) {
    return notApplicable('setback', 'No red line lies near the site, so there is no setback to measure.', 'Không có chỉ giới đường đỏ gần khu đất nên không có khoảng lùi để đo.');
  }
  const zoneLimit = a.zones.limits.min_setback_m;
  const lines: LineSetback[] = a.red_lines.map(({ line, shape }) => {
    const nearest = a.frame.distance(a.footprint, shape);
    const own = line.rule === 'setback_m' && line.value !== null && Number.isFinite(line.value) ? line.value : null;
    let required: LineSetback['required'] = null;
    if (zoneLimit && (own === null || zoneLimit.value >= own)) {
      const note = ruleNote(a.zones);
      required = {
        value: zoneLimit.value,
        citation: zoneLimit.zone.citation,
        source: { en: `zone ${zoneLimit.zone.lot_code}${also(zoneLimit.zone.citation)}${note.en}`, vi: `lô ${zoneLimit.zone.lot_code}${also(zoneLimit.zone.citation)}${note.vi}` },
      };
    } else if (own !== null) {
      required = { value: own, citation: line.citation, source: { en: `the red line's own rule${also(line.citation)}`, vi: `quy định của chỉ giới đường đỏ${also(line.citation)}` } };
    }
    return { line, nearest, required };
  });
  const closest = lines.reduce((m, l) => (l.nearest.distance_m < m.nearest.distance_m ? l : m));
  const ruled = lines.filter((l) => l.required !== null);
  if (ruled.length === 0) {
    const d = closest.nearest.distance_m;
    const name = lineName(closest.line);
    return notApplicable(
      'setback',
      `The footprint is ${en(d, 2)} m from ${name.en}; neither the zone nor the red line requires a setback.`,
      `Công trình cách ${name.vi} ${vi(d, 2)} m; lô quy hoạch và chỉ giới đều không quy định khoảng lùi.`,
      { measured: d, unit: 'm', evidence: nearestEvidence(closest.nearest) },
    );
  }
  const worst = ruled.reduce((m, l) => (l.nearest.distance_m - l.required!.value < m.nearest.distance_m - m.required!.value ? l : m));
  const req = worst.required!;
  const d = worst.nearest.distance_m;
  const ok = d >= req.value - a.params.distance_epsilon_m;
  const name = lineName(worst.line);
  return result('setback', {
    status: ok ? 'pass' : 'fail',
    measured: d,
    limit: req.value,
    unit: 'm',
    message: `The footprint is ${en(d, 2)} m from ${name.en}; the required setback is ${en(req.value, 2)} m (${req.source.en}).`,
    message_vi: `Công trình cách ${name.vi} ${vi(d, 2)} m; khoảng lùi tối thiểu là ${vi(req.value, 2)} m (${req.source.vi}).`,
    citation: req.citation,
    evidence: nearestEvidence(worst.nearest),
  });
}
