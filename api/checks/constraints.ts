// Check constraints: no-build areas, setbacks from river corridors and the like, and height limits of constraint layers.
import type { Geometry } from 'geojson';
import type { BuildingProposal, CheckConstraint, CheckContext, CheckParams, CheckResult, ConstraintHit, ConstraintKind } from './check.types.ts';
import { cite, en, isQuantity, notApplicable, result, vi } from './format.ts';
import { CONTACT_M } from './contact.ts';
import { measureOverlap, significantGeometry, wholeShape } from './overlap-width.ts';
import { nearestEvidence } from './setback.ts';
import { analysisFor, type SiteAnalysis } from './site-analysis.ts';

const KIND: Record<ConstraintKind, { en: string; vi: string }> = {
  red_line: { en: 'red line', vi: 'chỉ giới đường đỏ' },
  river_corridor: { en: 'river corridor', vi: 'hành lang bảo vệ sông' },
  heritage: { en: 'heritage area', vi: 'khu vực bảo vệ di tích' },
  flood: { en: 'flood area', vi: 'vùng ngập lụt' },
  height_limit: { en: 'height-limit area', vi: 'vùng giới hạn chiều cao' },
};

function label(c: CheckConstraint): { en: string; vi: string } {
  const k = KIND[c.kind];
  return c.name ? { en: `the ${k.en} ${c.name}`, vi: `${k.vi} ${c.name}` } : { en: `the ${k.en} ${c.id}`, vi: `${k.vi} ${c.id}` };
}

interface Assessed {
  hit: ConstraintHit;
  en: string;
  vi: string;
}

/** One constraint against the footprint, or null when it is not involved at all. */
function assess(c: CheckConstraint, proposal: BuildingProposal, a: SiteAnalysis): Assessed | null {
  const shape = a.frame.shape(c.geometry);
  const overlap = measureOverlap(a.frame.intersection(a.footprint, shape), c.tolerance_m);
  const nearest = a.frame.distance(a.footprint, shape);
  const significant = significantGeometry(overlap);
  const anyOverlap = wholeShape(overlap).lonlat;
  const l = label(c);
  const base = {
    constraint_id: c.id,
    kind: c.kind,
    rule: c.rule,
    name: c.name,
    overlap_area_m2: overlap.area_m2,
    overlap_width_m: overlap.width_m,
    distance_m: nearest.distance_m,
    limit: c.rule === 'no_build' ? null : c.value,
    tolerance_m: c.tolerance_m,
    citation: c.citation,
  };
  const eps = a.params.distance_epsilon_m;
  if (c.rule === 'setback_m' && c.value !== null) {
    if (nearest.distance_m >= c.value - eps) return null;
    return {
      hit: { ...base, status: 'fail', geometry: anyOverlap ?? nearestEvidence(nearest) },
      en: `The footprint is ${en(nearest.distance_m, 2)} m from ${l.en}; ${en(c.value, 2)} m are required${cite(c.citation)}.`,
      vi: `Công trình cách ${l.vi} ${vi(nearest.distance_m, 2)} m; khoảng cách tối thiểu là ${vi(c.value, 2)} m${cite(c.citation)}.`,
    };
  }
  if (c.rule === 'max_height_m' && c.value !== null) {
    if (!significant) return null;
    const h = proposal.height_m;
    const ok = isQuantity(h) && h <= c.value * (1 + a.params.ratio_epsilon);
    return {
      hit: { ...base, status: ok ? 'pass' : 'fail', geometry: significant },
      en: `The building stands in ${l.en} (${en(overlap.significant_area_m2, 1)} m² of its footprint) and is ${en(h, 2)} m high; the area allows ${ok ? 'up to ' : ''}${en(c.value, 2)} m${cite(c.citation)}.`,
      vi: `Công trình nằm trong ${l.vi} (${vi(overlap.significant_area_m2, 1)} m² diện tích xây dựng) và cao ${vi(h, 2)} m; khu vực này cho phép ${ok ? 'tối đa ' : ''}${vi(c.value, 2)} m${cite(c.citation)}.`,
    };
  }
  // no_build (and a rule without its value, read as no_build: the safe side).
  if (overlap.parts.length === 0 && nearest.distance_m > CONTACT_M) return null;
  if (significant) {
    return {
      hit: { ...base, status: 'fail', geometry: significant },
      en: `The footprint overlaps ${l.en}, where building is not allowed, by ${en(overlap.significant_area_m2, 2)} m², up to ${en(overlap.width_m, 2)} m wide${cite(c.citation)}.`,
      vi: `Công trình chồng lấn ${l.vi}, nơi không được phép xây dựng, ${vi(overlap.significant_area_m2, 2)} m², rộng tới ${vi(overlap.width_m, 2)} m${cite(c.citation)}.`,
    };
  }
  return {
    hit: { ...base, status: 'pass', geometry: anyOverlap },
    en:
      overlap.parts.length > 0
        ? `The footprint's ${en(overlap.area_m2, 3)} m² overlap with ${l.en} is ${en(overlap.width_m, 3)} m wide, within the ${en(c.tolerance_m, 2)} m tolerance.`
        : `The footprint touches ${l.en} without overlapping it.`,
    vi:
      overlap.parts.length > 0
        ? `Phần chồng lấn ${vi(overlap.area_m2, 3)} m² với ${l.vi} chỉ rộng ${vi(overlap.width_m, 3)} m, trong dung sai ${vi(c.tolerance_m, 2)} m.`
        : `Công trình chạm ${l.vi} nhưng không chồng lấn.`,
  };
}

/**
 * constraints: every constraint other than red lines (those are red_line and setback). Per rule:
 * - no_build: fails when footprint ∩ area has a part wider than the constraint's tolerance_m
 *   (touching edges and slivers pass, see overlap-width.ts);
 * - setback_m: fails when the footprint is closer than `value` m (planar TM-3, 1 cm slack);
 * - max_height_m: applies where the footprint stands in the area (beyond the tolerance) and fails
 *   when height_m exceeds `value`.
 * measured = number of breaches (limit 0); hits = every constraint involved, with its overlap area
 * and geometry (or the shortest segment for a setback); evidence = the breaching geometries.
 *
 * @example
 * const r = checkConstraints(proposal, { zones: [], constraints: [heritage] });
 * r.hits?.[0].overlap_area_m2; // 12.4
 * r.status;                     // 'fail'
 */
export function checkConstraints(proposal: BuildingProposal, context: CheckContext, params?: Partial<CheckParams>, shared?: SiteAnalysis): CheckResult {
  const others = context.constraints.filter((c) => c.kind !== 'red_line');
  if (others.length === 0) {
    return notApplicable('constraints', 'No constraint area (river corridor, heritage, flood, height limit) lies near the site.', 'Không có vùng hạn chế (hành lang sông, di tích, vùng ngập, giới hạn chiều cao) gần khu đất.', {
      measured: 0,
      limit: 0,
      unit: 'breaches',
    });
  }
  const a = analysisFor(proposal, context, params, shared);
  const assessed = others.map((c) => assess(c, proposal, a)).filter((x): x is Assessed => x !== null);
  const failing = assessed.filter((x) => x.hit.status === 'fail');
  const hits = assessed.map((x) => x.hit);
  if (failing.length > 0) {
    const geoms = failing.map((x) => x.hit.geometry).filter((g): g is Geometry => g !== null);
    return result('constraints', {
      status: 'fail',
      measured: failing.length,
      limit: 0,
      unit: 'breaches',
      message: failing.map((x) => x.en).join(' '),
      message_vi: failing.map((x) => x.vi).join(' '),
      citation: failing[0].hit.citation,
      evidence: geoms.length === 1 ? geoms[0] : geoms.length > 1 ? { type: 'GeometryCollection', geometries: geoms } : null,
      hits,
    });
  }
  const notes = assessed.map((x) => ({ en: x.en, vi: x.vi }));
  return result('constraints', {
    status: 'pass',
    measured: 0,
    limit: 0,
    unit: 'breaches',
    message: `No constraint is breached (${others.length} checked).` + notes.map((n) => ` ${n.en}`).join(''),
    message_vi: `Không vi phạm vùng hạn chế nào (đã xét ${others.length}).` + notes.map((n) => ` ${n.vi}`).join(''),
    hits: hits.length > 0 ? hits : undefined,
  });
}
