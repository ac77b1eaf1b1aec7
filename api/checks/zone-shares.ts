// The multi-zone rule: each zone's share of a site, which zones govern, and which limit of each indicator applies.
import type { CheckParams, CheckZone, Polygonal, ZoneShare } from './check.types.ts';
import { CONTACT_AREA_M2 } from './contact.ts';
import { measureOverlap, significantGeometry, type Overlap } from './overlap-width.ts';
import { EMPTY_SHAPE, shapeArea, type PlanarFrame, type Shape } from './planar.ts';

/**
 * THE MULTI-ZONE RULE (the only place it is decided; every check reads its outcome):
 * 1. A zone takes part only if its overlap with the site is wider than params.tolerance_m somewhere
 *    (see overlap-width.ts); a zone edge that merely touches or shaves the site is drawing noise.
 * 2. Shares are planar TM-3 areas of site ∩ zone over the (gross) site area.
 * 3. One zone only → 'single'. One zone holding ≥ params.dominant_zone_share (95 %) → 'dominant':
 *    it governs alone, the rest being a boundary offset between plan and cadastre.
 * 4. Otherwise → 'strictest': every zone that takes part governs, and for each indicator the
 *    strictest value among the zones that regulate it applies (lowest max_coverage_pct, max_far,
 *    max_floors, max_height_m; highest min_setback_m); the use must be permitted in every governing
 *    zone. A zone with a null indicator does not regulate it and so does not relax the others.
 *    Ties go to the zone with the larger share, so the citation is that zone's.
 * Why not area-weighted limits: a building can stand anywhere on its site, including entirely in the
 * stricter zone's part; and a plan's regulation never states a weighting.
 */

export type LimitKey = 'max_coverage_pct' | 'max_far' | 'max_floors' | 'max_height_m' | 'min_setback_m';
export const LIMIT_KEYS: readonly LimitKey[] = ['max_coverage_pct', 'max_far', 'max_floors', 'max_height_m', 'min_setback_m'];

/** The limit that applies for one indicator, and the zone it comes from. */
export interface GoverningLimit {
  value: number;
  zone: CheckZone;
}

export interface ZoneRuling {
  rule: 'none' | 'single' | 'dominant' | 'strictest';
  /** Zones taking part, sorted by share (largest first). */
  shares: ZoneShare[];
  /** Site ∩ zone of each share, same order, every part measured (slivers included): reused, not clipped again. */
  overlaps: Overlap[];
  governing: CheckZone[];
  limits: Record<LimitKey, GoverningLimit | null>;
  /** Part of the site in no zone (wider than the tolerance), m², and its geometry. */
  uncovered_m2: number;
  uncovered: Polygonal | null;
}

const stricter = (key: LimitKey, a: number, b: number): boolean => (key === 'min_setback_m' ? a > b : a < b);

/** Applies the multi-zone rule to a site (a shape of `frame`) whose planar area is siteArea (m²). */
export function ruleZones(frame: PlanarFrame, site: Shape, siteArea: number, zones: readonly CheckZone[], params: CheckParams): ZoneRuling {
  const taking: { zone: CheckZone; area: number; overlap: Shape; measured: Overlap }[] = [];
  for (const zone of zones) {
    const overlap = frame.intersection(site, frame.shape(zone.geometry));
    // Only whether each part passes the tolerance matters here, not how wide it is.
    const measured = measureOverlap(overlap, params.tolerance_m, false);
    if (measured.significant.length === 0) continue;
    taking.push({ zone, area: measured.area_m2, overlap, measured });
  }
  // Code-point order, not localeCompare: the same order in every browser.
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  taking.sort((a, b) => b.area - a.area || cmp(a.zone.lot_code, b.zone.lot_code) || cmp(String(a.zone.id), String(b.zone.id)));
  const sharePct = (area: number): number => (siteArea > 0 ? (area / siteArea) * 100 : 0);

  let rule: ZoneRuling['rule'];
  if (taking.length === 0) rule = 'none';
  else if (taking.length === 1) rule = 'single';
  // Inclusive, up to floating-point noise: a boundary drawn at exactly 95 % must count as 95 %.
  else if (sharePct(taking[0].area) >= params.dominant_zone_share * 100 * (1 - params.ratio_epsilon)) rule = 'dominant';
  else rule = 'strictest';
  const governing = rule === 'strictest' ? taking.map((t) => t.zone) : taking.slice(0, 1).map((t) => t.zone);

  const limits = {} as Record<LimitKey, GoverningLimit | null>;
  for (const key of LIMIT_KEYS) {
    let best: GoverningLimit | null = null;
    for (const zone of governing) {
      const v = zone[key];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (!best || stricter(key, v, best.value)) best = { value: v, zone };
    }
    limits[key] = best;
  }

  // A zone whose overlap misses at most CONTACT_AREA_M2 of the site leaves nothing but contact
  // uncovered (every part of the rest is smaller still): no clipping needed to know it.
  const whole = taking.some((t) => siteArea - shapeArea(t.overlap) <= CONTACT_AREA_M2);
  const uncovered = measureOverlap(whole ? EMPTY_SHAPE : frame.differenceBeyondContact(site, taking.map((t) => t.overlap)), params.tolerance_m, false);
  const governed = new Set(governing);
  return {
    rule,
    shares: taking.map((t) => ({
      id: t.zone.id,
      lot_code: t.zone.lot_code,
      land_use_code: t.zone.land_use_code,
      share_pct: sharePct(t.area),
      area_m2: t.area,
      governs: governed.has(t.zone),
    })),
    overlaps: taking.map((t) => t.measured),
    governing,
    limits,
    uncovered_m2: uncovered.significant_area_m2,
    uncovered: significantGeometry(uncovered),
  };
}

/** "HH-03" or "HH-03, CX-01" for messages. */
export function lotCodes(zones: readonly CheckZone[]): string {
  return zones.map((z) => z.lot_code).join(', ');
}

/** Why this zone's value applies, for messages: "" for a single zone, else the rule in a few words. */
export function ruleNote(ruling: ZoneRuling): { en: string; vi: string } {
  if (ruling.rule === 'strictest') {
    return {
      en: `; the site spans ${lotCodes(ruling.governing)}, so the strictest limit applies`,
      vi: `; khu đất nằm trên các lô ${lotCodes(ruling.governing)} nên áp dụng chỉ tiêu chặt chẽ nhất`,
    };
  }
  if (ruling.rule === 'dominant') {
    const top = ruling.shares[0];
    const pct = top ? top.share_pct.toFixed(1) : '';
    return {
      en: `; ${top?.lot_code} holds ${pct} % of the site and governs alone`,
      vi: `; lô ${top?.lot_code} chiếm ${pct.replace('.', ',')} % khu đất nên áp dụng riêng chỉ tiêu của lô này`,
    };
  }
  return { en: '', vi: '' };
}
