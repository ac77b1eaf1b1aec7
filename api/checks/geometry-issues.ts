// Structural problems of a drawn site or footprint: coordinates, rings, crossings, holes and parts — each with where it is.
import type { Geometry, Position } from 'geojson';
import { getVn2000Crs, tm3SridForLongitude, toVn2000, type CanThoTm3Srid } from '../../geodata/crs.ts';
import type { CheckParams } from './check.types.ts';
import { whereEn, whereVi } from './format.ts';
import { lonLatCentroid, type XY } from './planar.ts';
import { crossingText, findCrossings, type CleanRing } from './ring-crossings.ts';

/** What is being drawn: a proposal's site or footprint, or a zoning-layer zone or constraint being edited. */
export type Subject = 'site' | 'footprint' | 'zone' | 'constraint';

export interface GeometryIssue {
  code:
    | 'not_polygonal'
    | 'non_finite'
    | 'out_of_range'
    | 'metres_as_lonlat'
    | 'swapped_lonlat'
    | 'outside_tm3_zone'
    | 'unclosed_ring'
    | 'too_few_points'
    | 'zero_area'
    | 'repeated_point'
    | 'self_intersection'
    | 'rings_cross'
    | 'hole_outside_shell'
    | 'parts_overlap'
    | 'footprint_outside_site';
  subject: Subject;
  /** A blocking issue makes measurement meaningless: the other checks are not run. */
  blocking: boolean;
  severity: 'fail' | 'warn';
  message: string;
  message_vi: string;
  evidence: Geometry | null;
}

type Text = { en: string; vi: string };
const NAME: Record<Subject, Text> = {
  site: { en: 'site', vi: 'khu đất' },
  footprint: { en: 'footprint', vi: 'công trình' },
  zone: { en: 'zone', vi: 'ô quy hoạch' },
  constraint: { en: 'constraint area', vi: 'vùng hạn chế' },
};
const cap = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

function issue(code: GeometryIssue['code'], subject: Subject, text: Text, evidence: Geometry | null = null, warn = false): GeometryIssue {
  return { code, subject, blocking: !warn, severity: warn ? 'warn' : 'fail', message: text.en, message_vi: text.vi, evidence };
}

/** "the outer ring of the footprint", "hole 1 of part 2 of the site" … (1-based, as a person counts). */
function ringName(s: Subject, part: number, ring: number, multi: boolean): Text {
  const n = NAME[s];
  const ofPart = multi ? { en: ` of part ${part + 1}`, vi: ` của phần ${part + 1}` } : { en: '', vi: '' };
  if (ring === 0) return { en: `the outer ring${ofPart.en} of the ${n.en}`, vi: `vòng ngoài${ofPart.vi} của ${n.vi}` };
  return { en: `hole ${ring}${ofPart.en} of the ${n.en}`, vi: `lỗ ${ring}${ofPart.vi} của ${n.vi}` };
}

/** The polygon parts of an untrusted value, or null if it is not a Polygon/MultiPolygon at all. */
function partsOfUntrusted(g: unknown): unknown[] | null {
  if (!g || typeof g !== 'object') return null;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return null;
  if (type === 'Polygon') return [coordinates];
  if (type === 'MultiPolygon') return coordinates;
  return null;
}

/** A coordinate problem, or null: finite, lon/lat in range, inside the TM-3 zone it is measured in. */
function coordinateIssue(s: Subject, parts: Position[][][], meridian: number | null, p: CheckParams): GeometryIssue | null {
  const n = NAME[s];
  const all = parts.flat(2);
  const bad = all.find((q) => !Array.isArray(q) || q.length < 2 || !Number.isFinite(q[0]) || !Number.isFinite(q[1]));
  if (bad !== undefined) {
    const shown = JSON.stringify(bad);
    return issue('non_finite', s, {
      en: `The ${n.en} has a position that is not two finite numbers (${shown}).`,
      vi: `${cap(n.vi)} có một điểm không phải là hai số hữu hạn (${shown}).`,
    });
  }
  const out = all.find((q) => Math.abs(q[0]) > 180 || Math.abs(q[1]) > 90);
  if (out) {
    const [x, y] = out;
    // VN-2000 TM-3 eastings are 500 000 ± 170 000 m, northings 900 000–2 600 000 m in Viet Nam.
    if (x > 300_000 && x < 700_000 && y > 800_000 && y < 2_700_000) {
      const [e, nn] = [x.toFixed(1), y.toFixed(1)];
      return issue('metres_as_lonlat', s, {
        en: `The ${n.en}'s coordinates (E ${e}, N ${nn}) are not longitude/latitude: they look like VN-2000 metres (E, N). Send WGS 84 lon/lat (EPSG:4326).`,
        vi: `Tọa độ ${n.vi} (E ${e.replace('.', ',')}; N ${nn.replace('.', ',')}) không phải kinh độ/vĩ độ mà giống tọa độ phẳng VN-2000 tính bằng mét (E, N). Hãy gửi kinh độ/vĩ độ WGS 84 (EPSG:4326).`,
      });
    }
    // [lat, lon] instead of [lon, lat]: Viet Nam's longitudes (102–110) are no latitudes.
    if (x >= 8 && x <= 24 && y >= 102 && y <= 110) {
      const shown = `[${x.toFixed(6)}, ${y.toFixed(6)}]`;
      return issue('swapped_lonlat', s, {
        en: `The ${n.en}'s positions look like [latitude, longitude] (${shown}); GeoJSON wants [longitude, latitude].`,
        vi: `Các điểm của ${n.vi} có vẻ ghi theo thứ tự [vĩ độ, kinh độ] (${shown}); GeoJSON yêu cầu [kinh độ, vĩ độ].`,
      });
    }
    return issue('out_of_range', s, {
      en: `The ${n.en} has a coordinate out of range (${x}, ${y}): longitude must be within ±180 and latitude within ±90.`,
      vi: `${cap(n.vi)} có tọa độ ngoài phạm vi (${x}; ${y}): kinh độ phải trong ±180 và vĩ độ trong ±90.`,
    });
  }
  if (meridian === null) return null;
  const lo = meridian - p.max_meridian_offset_deg;
  const hi = meridian + p.max_meridian_offset_deg;
  // Viet Nam's mainland lies between 8° and 24° N.
  const far = all.find(([lon, lat]) => lon < lo || lon > hi || lat < 8 || lat > 24);
  if (!far) return null;
  return issue(
    'outside_tm3_zone',
    s,
    {
      en: `The ${n.en} reaches ${whereEn(far)}, outside the VN-2000 TM-3 zone it is measured in (${lo.toFixed(2)}–${hi.toFixed(2)}° E, 8–24° N).`,
      vi: `${cap(n.vi)} có điểm tại ${whereVi(far)}, nằm ngoài múi chiếu TM-3 VN-2000 dùng để đo (${lo.toFixed(2).replace('.', ',')}–${hi.toFixed(2).replace('.', ',')}° Đ, 8–24° B).`,
    },
    { type: 'Point', coordinates: [far[0], far[1]] },
  );
}

/** The TM-3 zone a site is measured in (by its centroid), or null if its coordinates are unusable. */
function zoneOf(parts: unknown[]): { srid: CanThoTm3Srid; meridian: number } | null {
  const ok = (q: unknown): boolean => Array.isArray(q) && Math.abs(q[0]) <= 180 && Math.abs(q[1]) <= 90;
  if (!parts.every((rings) => Array.isArray(rings) && rings.every((r) => Array.isArray(r) && r.every(ok)))) return null;
  const [lon] = lonLatCentroid({ type: 'MultiPolygon', coordinates: parts as Position[][][] });
  if (!Number.isFinite(lon)) return null;
  const srid = tm3SridForLongitude(lon);
  return { srid, meridian: getVn2000Crs(srid).central_meridian as number };
}

/** Whether every position lies within `eps` metres of the line through the first and the farthest one. */
function collinear(xy: XY[], eps: number): boolean {
  const [a] = xy;
  const d = (q: XY): number => Math.hypot(q[0] - a[0], q[1] - a[1]);
  const far = xy.reduce((m, q) => (d(q) > d(m) ? q : m), a);
  const len = d(far);
  if (len === 0) return true;
  return xy.every((q) => Math.abs((far[0] - a[0]) * (q[1] - a[1]) - (far[1] - a[1]) * (q[0] - a[0])) / len <= eps);
}

/**
 * One ring: closed, at least 4 positions, repeated consecutive positions (closer than
 * params.duplicate_point_m, a warning: they are dropped), at least 3 distinct positions, not all on
 * one line. Returns the cleaned ring (in lon/lat and TM-3), or null when the ring is unusable.
 */
function cleanRing(ring: Position[], name: Text, s: Subject, srid: CanThoTm3Srid, p: CheckParams, out: GeometryIssue[]): CleanRing | null {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4) {
    out.push(issue('too_few_points', s, {
      en: `${cap(name.en)} has ${ring.length} positions; a closed ring needs at least 4 (the last repeating the first).`,
      vi: `${cap(name.vi)} chỉ có ${ring.length} điểm; một vòng khép kín cần ít nhất 4 điểm (điểm cuối trùng điểm đầu).`,
    }));
    return null;
  }
  if (first[0] !== last[0] || first[1] !== last[1]) {
    const evidence: Geometry = { type: 'MultiPoint', coordinates: [first, last] };
    out.push(issue('unclosed_ring', s, {
      en: `${cap(name.en)} is not closed: it ends at ${whereEn(last)} instead of its start ${whereEn(first)}.`,
      vi: `${cap(name.vi)} không khép kín: kết thúc tại ${whereVi(last)} thay vì điểm đầu ${whereVi(first)}.`,
    }, evidence));
    return null;
  }
  const lonlat: Position[] = [];
  const xy: XY[] = [];
  ring.forEach((pos, i) => {
    const q = toVn2000(pos, srid);
    const prev = xy[xy.length - 1];
    const repeated = prev !== undefined && Math.hypot(q[0] - prev[0], q[1] - prev[1]) < p.duplicate_point_m;
    if (repeated) {
      const closing = i === ring.length - 1;
      out.push(issue('repeated_point', s, closing
        ? { en: `${cap(name.en)} repeats its first position just before closing, at ${whereEn(pos)}; the duplicate was ignored.`, vi: `${cap(name.vi)} lặp lại điểm đầu ngay trước khi khép vòng, tại ${whereVi(pos)}; điểm trùng đã được bỏ qua.` }
        : { en: `${cap(name.en)} repeats position ${i + 1} at ${whereEn(pos)}; the duplicate was ignored.`, vi: `${cap(name.vi)} lặp lại điểm ${i + 1} tại ${whereVi(pos)}; điểm trùng đã được bỏ qua.` },
      { type: 'Point', coordinates: pos }, true));
      if (!closing) return;
      // The closing position must stay (it closes the ring): drop the one before it instead.
      xy.pop();
      lonlat.pop();
    }
    xy.push(q);
    lonlat.push(pos);
  });
  if (xy.length < 4) {
    out.push(issue('too_few_points', s, {
      en: `${cap(name.en)} has only ${xy.length - 1} distinct positions; a polygon needs at least 3.`,
      vi: `${cap(name.vi)} chỉ có ${xy.length - 1} điểm phân biệt; đa giác cần ít nhất 3 điểm.`,
    }));
    return null;
  }
  // Collinear positions, not merely a zero signed area: a bow-tie has zero area too, and its
  // crossing is the better message.
  if (collinear(xy, p.duplicate_point_m)) {
    out.push(issue('zero_area', s, {
      en: `${cap(name.en)} encloses no area (its positions lie on one line).`,
      vi: `${cap(name.vi)} có diện tích bằng 0 (các điểm thẳng hàng).`,
    }, { type: 'LineString', coordinates: lonlat }));
    return null;
  }
  return { lonlat, xy };
}

/** Rings, then crossings and placement of one geometry, in the TM-3 zone of the site. */
function ringIssues(s: Subject, parts: Position[][][], srid: CanThoTm3Srid, p: CheckParams, out: GeometryIssue[]): void {
  const multi = parts.length > 1;
  const clean: CleanRing[][] = [];
  let usable = true;
  parts.forEach((rings, pi) => {
    if (rings.length === 0) {
      usable = false;
      out.push(issue('too_few_points', s, { en: `Part ${pi + 1} of the ${NAME[s].en} has no rings.`, vi: `Phần ${pi + 1} của ${NAME[s].vi} không có vòng nào.` }));
      return;
    }
    const cleaned = rings.map((ring, ri) => cleanRing(ring, ringName(s, pi, ri, multi), s, srid, p, out));
    if (cleaned.some((r) => r === null)) usable = false;
    else clean.push(cleaned as CleanRing[]);
  });
  if (!usable) return;
  for (const c of findCrossings(clean)) {
    const text = crossingText(c, (part, ring) => ringName(s, part, ring, multi));
    out.push(issue(c.code, s, text, c.evidence));
  }
}

/**
 * Every structural issue of the site and the footprint. The TM-3 zone is chosen by the site, as for
 * measuring; the footprint is checked in the same zone.
 */
export function findGeometryIssues(site: unknown, footprint: unknown, p: CheckParams): GeometryIssue[] {
  const siteParts = partsOfUntrusted(site);
  const zone = siteParts ? zoneOf(siteParts) : null;
  return subjectIssues([['site', site], ['footprint', footprint]], zone, p);
}

/** Every structural issue of one drawn geometry (a zone or constraint as edited), in the TM-3 zone of its own centroid. */
export function findShapeIssues(subject: Subject, g: unknown, p: CheckParams): GeometryIssue[] {
  const parts = partsOfUntrusted(g);
  return subjectIssues([[subject, g]], parts ? zoneOf(parts) : null, p);
}

function subjectIssues(subjects: [Subject, unknown][], zone: { srid: CanThoTm3Srid; meridian: number } | null, p: CheckParams): GeometryIssue[] {
  const out: GeometryIssue[] = [];
  for (const [s, g] of subjects) {
    const parts = partsOfUntrusted(g);
    if (!parts || parts.length === 0) {
      const type = g && typeof g === 'object' ? String((g as { type?: unknown }).type) : typeof g;
      out.push(issue('not_polygonal', s, {
        en: `The ${NAME[s].en} is a ${type} without polygon coordinates; a Polygon or MultiPolygon is needed.`,
        vi: `${cap(NAME[s].vi)} có kiểu ${type} không có tọa độ đa giác; cần Polygon hoặc MultiPolygon.`,
      }));
      continue;
    }
    if (!parts.every((rings) => Array.isArray(rings) && rings.every((r) => Array.isArray(r)))) {
      out.push(issue('not_polygonal', s, {
        en: `The ${NAME[s].en}'s coordinates are not nested as polygon rings.`,
        vi: `Tọa độ của ${NAME[s].vi} không được lồng theo cấu trúc vòng của đa giác.`,
      }));
      continue;
    }
    const coordinates = parts as Position[][][];
    const bad = coordinateIssue(s, coordinates, zone?.meridian ?? null, p);
    if (bad) out.push(bad);
    else if (zone) ringIssues(s, coordinates, zone.srid, p, out);
    // (without a zone the site's own coordinate issue already says why nothing else is checked)
  }
  return out;
}
