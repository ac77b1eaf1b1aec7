// Builds the rule card of a parcel or a point from its planning context with the compliance engine's own measurements (pure).
import {
  analyseSite,
  resolveParams,
  type CheckConstraint,
  type CheckParams,
  type CheckZone,
  type Polygonal,
} from '../checks/index.ts';
import { en, vi } from '../checks/format.ts';
import { CONTACT_M } from '../checks/contact.ts';
import { measureOverlap, wholeShape } from '../checks/overlap-width.ts';
import { polygonsOf, shapeArea, type Shape } from '../checks/planar.ts';
import { buildableShape, type RedLineSetback } from './lookup.buildable.ts';
import type { CardComputed, CardConstraint, CardGeometry, CardParcel, CardZone, ParcelRow } from './lookup.types.ts';

export interface Note {
  en: string;
  vi: string;
}

export interface ParcelCardBody {
  parcel: CardParcel;
  zones: CardZone[];
  constraints: CardConstraint[];
  computed: CardComputed;
  buildable: Polygonal | null;
  zone_parts: CardGeometry['zone_parts'];
  constraint_overlaps: CardGeometry['constraint_overlaps'];
  red_line_take: Polygonal | null;
  notes: Note[];
}

/**
 * Fewer metres than a degree of longitude or latitude spans anywhere in Việt Nam (≥ 104 km for
 * longitude at 23.4° N, ≥ 110 km for latitude, TM-3 scale within 0.9999–1.0002): a gap of g degrees
 * between two boxes is more than g × this in metres.
 */
const METRES_PER_DEGREE_MIN = 100_000;

type LonLatBox = [number, number, number, number];

function lonLatBox(g: Polygonal): LonLatBox {
  const b: LonLatBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygonsOf(g)) {
    for (const [x, y] of poly[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  }
  return b;
}

/** The larger of the x and y gaps between two boxes in degrees; ≤ 0 when they meet. */
function boxGapDeg(a: LonLatBox, b: LonLatBox): number {
  return Math.max(b[0] - a[2], a[0] - b[2], b[1] - a[3], a[1] - b[3]);
}

const EMPTY_COMPUTED: CardComputed = {
  red_line_take_m2: null,
  net_site_area_m2: null,
  buildable_area_m2: null,
  max_footprint_m2: null,
  max_gfa_m2: null,
  zone_rule: 'none',
  setback_m: null,
  crs: null,
};

function cardZone(z: Omit<CheckZone, 'geometry'>, share_pct: number, area_m2: number | null, governs: boolean): CardZone {
  return {
    id: Number(z.id),
    lot_code: z.lot_code,
    land_use_code: z.land_use_code,
    land_use_name: null,
    land_use_name_en: null,
    share_pct,
    area_m2,
    max_coverage_pct: z.max_coverage_pct,
    max_far: z.max_far,
    max_floors: z.max_floors,
    max_height_m: z.max_height_m,
    min_setback_m: z.min_setback_m,
    permitted_uses: z.permitted_uses ?? [],
    citation: z.citation,
    governs,
  };
}

/**
 * The card of a parcel: the parcel is measured as a site (and as its own footprint, which the
 * analysis needs but nothing here reads) by the engine's analyseSite, so zone shares, the multi-zone
 * rule, the red-line take and the net site are exactly what a compliance report on this parcel
 * says. Then: the buildable area (lookup.buildable.ts), max footprint = min(buildable, net ×
 * strictest max_coverage_pct), max GFA = net × strictest max_far (the engine's base area).
 * Constraints are listed when they overlap or touch the parcel, or lie within the distance their
 * rule keeps (a setback_m value, a red line's required setback).
 */
export function parcelCard(parcel: ParcelRow, context: { zones: CheckZone[]; constraints: CheckConstraint[] }, params: CheckParams = resolveParams()): ParcelCardBody {
  const site = parcel.geometry;
  const siteBox = lonLatBox(site);
  // Red lines whose box misses the parcel's take nothing from it: leaving them out of the analysis
  // changes no number of it and spares clipping the long road polygons of a whole neighbourhood.
  const gapDeg = new Map(context.constraints.map((c) => [c, boxGapDeg(siteBox, lonLatBox(c.geometry))]));
  const touching = context.constraints.filter((c) => c.kind === 'red_line' && gapDeg.get(c)! <= 0);
  const a = analyseSite({ site, footprint: site, use: '', floors: 0, height_m: 0, gfa_m2: 0 }, { zones: context.zones, constraints: touching }, params);
  const notes: Note[] = [];
  const byId = new Map(context.zones.map((z) => [String(z.id), z]));
  const zones = a.zones.shares.map((s) => cardZone(byId.get(String(s.id))!, s.share_pct, s.area_m2, s.governs));
  // The part of the parcel in each zone as ruleZones (zone-shares.ts) clipped it: its parts (contact
  // needles out) are exactly the ones whose areas make the zone's area_m2.
  const zone_parts: CardGeometry['zone_parts'] = [];
  a.zones.shares.forEach((s, i) => {
    const part = wholeShape(a.zones.overlaps[i]).lonlat;
    if (part) zone_parts.push({ zone_id: Number(s.id), geometry: part });
  });

  // The setback each red line requires: the engine's rule (api/checks/setback.ts), zone or line, the larger.
  const zoneSetback = a.zones.limits.min_setback_m?.value ?? null;
  const setbackOf = (c: CheckConstraint): number => {
    const own = c.rule === 'setback_m' && c.value !== null && Number.isFinite(c.value) ? c.value : null;
    return Math.max(zoneSetback ?? 0, own ?? 0);
  };

  const analysedLines = new Map(a.red_lines.map((r) => [r.line, r]));
  const constraints: CardConstraint[] = [];
  const constraint_overlaps: CardGeometry['constraint_overlaps'] = [];
  const lines: RedLineSetback[] = [];
  for (const c of context.constraints) {
    const setback = c.kind === 'red_line' ? setbackOf(c) : 0;
    const reach = Math.max(CONTACT_M, setback, c.rule === 'setback_m' && c.value !== null ? c.value : 0);
    // Boxes further apart than the reach: the constraint is further still (see METRES_PER_DEGREE_MIN).
    if (gapDeg.get(c)! * METRES_PER_DEGREE_MIN > reach) continue;
    // A red line the analysis took in is projected and clipped already: the same shapes, reused.
    const analysed = analysedLines.get(c);
    const shape = analysed?.shape ?? a.frame.shape(c.geometry);
    const distance_m = a.frame.distance(a.site, shape).distance_m;
    if (distance_m > reach) continue;
    const overlap = distance_m <= CONTACT_M ? (analysed?.measured ?? measureOverlap(a.frame.intersection(a.site, shape), 0)) : null;
    const overlap_m2 = overlap?.area_m2 ?? 0;
    const overlapGeometry = overlap && overlap_m2 > 0 ? wholeShape(overlap).lonlat : null;
    if (overlapGeometry) constraint_overlaps.push({ constraint_id: Number(c.id), geometry: overlapGeometry });
    constraints.push({ id: Number(c.id), kind: c.kind, rule: c.rule, value: c.value, overlap_m2, distance_m, citation: c.citation, name: c.name });
    if (c.kind === 'red_line') lines.push({ shape, setback_m: distance_m < setback ? setback : 0 });
  }
  constraints.sort((x, y) => x.distance_m! - y.distance_m! || y.overlap_m2! - x.overlap_m2! || x.id - y.id);
  const rank = new Map(constraints.map((c, i) => [c.id, i]));
  constraint_overlaps.sort((x, y) => rank.get(x.constraint_id)! - rank.get(y.constraint_id)!);

  let buildable: Shape | null = null;
  try {
    buildable = buildableShape(a.frame, a.site, lines);
  } catch {
    // Clipping can fail on degenerate input even after snapping (planar.ts); the other numbers stand.
    notes.push({ en: 'The buildable area could not be computed for this parcel geometry.', vi: 'Không tính được diện tích được phép xây dựng cho hình thửa đất này.' });
  }
  const buildable_area_m2 = buildable ? shapeArea(buildable) : null;
  const coverage = a.zones.limits.max_coverage_pct?.value ?? null;
  const far = a.zones.limits.max_far?.value ?? null;
  const regulated = a.zones.rule !== 'none';
  const byCoverage = coverage !== null ? (a.base_area_m2 * coverage) / 100 : null;
  const maxFootprint = !regulated ? null : buildable_area_m2 === null ? byCoverage : byCoverage === null ? buildable_area_m2 : Math.min(buildable_area_m2, byCoverage);

  if (!regulated) {
    notes.push({
      en: 'The parcel lies in no zone of a plan in force on this date, so no planning indicators apply to it here.',
      vi: 'Thửa đất không thuộc lô quy hoạch nào của đồ án có hiệu lực vào ngày này nên không có chỉ tiêu quy hoạch áp dụng.',
    });
  } else {
    if (a.zones.rule === 'strictest') {
      notes.push({
        en: `The parcel spans ${zones.length} zones and none holds 95 %, so the strictest limit of each indicator applies.`,
        vi: `Thửa đất nằm trên ${zones.length} lô quy hoạch, không lô nào chiếm tới 95 % nên áp dụng chỉ tiêu chặt chẽ nhất của từng loại.`,
      });
    }
    if (a.zones.uncovered_m2 > 0) {
      notes.push({
        en: `${en(a.zones.uncovered_m2, 1)} m² of the parcel lie in no zone.`,
        vi: `${vi(a.zones.uncovered_m2, 1)} m² của thửa đất không thuộc lô quy hoạch nào.`,
      });
    }
  }
  if (a.red_line_take_m2 > 0) {
    notes.push({
      en: `${en(a.red_line_take_m2, 1)} m² of the parcel lie beyond the red line (road widening) and carry no building rights.`,
      vi: `${vi(a.red_line_take_m2, 1)} m² của thửa đất nằm ngoài chỉ giới đường đỏ (mở rộng đường) và không được xây dựng.`,
    });
  }
  const applied = lines.filter((l) => l.setback_m > 0);
  const setback = applied.length ? Math.max(...applied.map((l) => l.setback_m)) : null;
  return {
    parcel: {
      id: parcel.id,
      sheet_no: parcel.sheet_no,
      parcel_no: parcel.parcel_no,
      address: parcel.address,
      ward_code: parcel.ward_code,
      legal_area_m2: parcel.legal_area_m2,
      area_m2: a.site_area_m2,
    },
    zones,
    constraints,
    computed: {
      red_line_take_m2: a.red_line_take_m2,
      net_site_area_m2: a.net_site_area_m2,
      buildable_area_m2,
      max_footprint_m2: maxFootprint,
      max_gfa_m2: regulated && far !== null ? far * a.base_area_m2 : null,
      zone_rule: a.zones.rule,
      setback_m: setback,
      crs: a.crs,
    },
    buildable: buildable?.lonlat ?? null,
    zone_parts,
    constraint_overlaps,
    red_line_take: a.red_line_take_m2 > 0 ? a.take.lonlat : null,
    notes,
  };
}

/**
 * The card of a point outside every parcel: the zone(s) whose geometry covers it. A point has no
 * area, so there are no shares to measure: one zone holds 100 %; on a common boundary of n zones
 * each is listed with 100 / n and, as for a site spanning zones, the strictest limits apply.
 * The areas (take, net site, buildable …) need a parcel and stay null.
 */
export function pointCard(zones: readonly Omit<CheckZone, 'geometry'>[], constraints: readonly Omit<CheckConstraint, 'geometry'>[]): { zones: CardZone[]; constraints: CardConstraint[]; computed: CardComputed; notes: Note[] } {
  const notes: Note[] = [];
  const n = zones.length;
  if (n > 1) {
    const codes = zones.map((z) => z.lot_code).join(', ');
    notes.push({
      en: `The point lies on the boundary between zones ${codes}: the strictest limit of each indicator applies there; pick a point inside a lot for its own rules.`,
      vi: `Điểm nằm trên ranh giới giữa các lô ${codes}: áp dụng chỉ tiêu chặt chẽ nhất của từng loại; hãy chọn một điểm bên trong lô để xem chỉ tiêu riêng của lô đó.`,
    });
  }
  if (n > 0) {
    notes.push({
      en: 'No cadastral parcel is recorded at this point: the card shows the zone only; areas need a parcel.',
      vi: 'Không có thửa đất nào tại điểm này: chỉ hiển thị lô quy hoạch; các diện tích cần có thửa đất.',
    });
  }
  return {
    zones: zones.map((z) => cardZone(z, 100 / n, null, true)),
    constraints: constraints.map((c) => ({ id: Number(c.id), kind: c.kind, rule: c.rule, value: c.value, overlap_m2: null, distance_m: null, citation: c.citation, name: c.name })),
    computed: { ...EMPTY_COMPUTED, zone_rule: n === 0 ? 'none' : n === 1 ? 'single' : 'strictest' },
    notes,
  };
}
