// Reading a search box: coordinates (decimal, DMS, VN-2000 metres), số tờ / số thửa, and words without accents (pure).
import { fromVn2000, type Vn2000Srid } from '../../geodata/crs.ts';

/**
 * Lower case without Vietnamese (or any Latin) diacritics: "Phường Bình Thuỷ" → "phuong binh thuy".
 * Both tone placements ("Thuỷ", "Thủy") and decomposed input meet in the same letters; đ has no
 * decomposition, so it is mapped by hand. search.store.ts does the same in SQL.
 */
export function unaccent(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Search words: unaccented runs of letters and digits; "12/3" (a house number in an alley) stays one word. */
export function searchWords(s: string): string[] {
  return unaccent(s)
    .split(/[^a-z0-9/]+/)
    .map((w) => w.replace(/^\/+|\/+$/g, ''))
    .filter((w) => w.length > 0);
}

export type CoordinateForm = 'decimal' | 'dms' | 'vn2000';

export interface ParsedCoordinate {
  kind: 'coordinate';
  form: CoordinateForm;
  /** WGS 84 lon/lat. */
  point: [number, number];
  /** CRS of what was typed, and the two numbers as typed (E, N for VN-2000). */
  crs: string;
  input: [number, number];
}

export interface ParsedSheetParcel {
  kind: 'sheet_parcel';
  sheet_no: number | null;
  parcel_no: number | null;
  /** The other words of the query (a ward or street name), to narrow the match. */
  words: string[];
  /** "12/345" may also be a house number in an alley: searched as such after the parcel. */
  house_no: string | null;
}

export interface ParsedText {
  kind: 'text';
  words: string[];
}

export type ParsedQuery = ParsedCoordinate | ParsedSheetParcel | ParsedText;

const VN2000_SRIDS: readonly Vn2000Srid[] = [5897, 9209, 9210, 3405];
/** Cần Thơ's own TM-3 zone, assumed when the query names none (DOMAIN-VN.md). */
const DEFAULT_VN2000_SRID: Vn2000Srid = 5897;

// VN-2000 TM-3 / UTM eastings lie within 100 000–900 000 m; northings in Viet Nam 900 000–2 700 000 m.
const isEasting = (v: number): boolean => v >= 100_000 && v < 900_000;
const isNorthing = (v: number): boolean => v >= 900_000 && v <= 2_700_000;

const num = (s: string): number => Number(s.replace(',', '.'));

/** "585811 1109729", "1109729, 585811", "E 585811.3 N 1109729.8", with an optional "EPSG:9209" or "VN-2000". */
function parseVn2000(q: string, srid: Vn2000Srid): ParsedCoordinate | null {
  const m = /^\s*(?:([EN])\s*[:=]?\s*)?(\d{6,7}(?:[.,]\d+)?)\s*(?:[,;]\s*|\s+)(?:([EN])\s*[:=]?\s*)?(\d{6,7}(?:[.,]\d+)?)\s*$/i.exec(q);
  if (!m) return null;
  let a = num(m[2]);
  let b = num(m[4]);
  const la = m[1]?.toUpperCase();
  const lb = m[3]?.toUpperCase();
  if ((la && la === lb) || (la === 'N' && lb === undefined && isEasting(a))) return null;
  if (la === 'N' || lb === 'E' || (!la && !lb && isNorthing(a) && isEasting(b))) [a, b] = [b, a];
  if (!isEasting(a) || !isNorthing(b)) return null;
  const [lon, lat] = fromVn2000([a, b], srid);
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  return { kind: 'coordinate', form: 'vn2000', point: [lon, lat], crs: `EPSG:${srid}`, input: [a, b] };
}

const HEMI = '[NSEWBĐ]';
const NUMBER = String.raw`[-+]?\d+(?:[.,]\d+)?`;
const PART = String.raw`\d+(?:[.,]\d+)?`;
/**
 * One angle with its hemisphere letter either before or after it, never both: "N10.03" or "10.03N".
 * Both layouts keep six groups (lead, degrees, degree sign, minutes, seconds, trail) so angle() reads
 * either; the letter of the other layout is an empty group.
 */
const component = (lead: boolean): string =>
  (lead ? String.raw`(?:(${HEMI})\s*)?` : '()') +
  String.raw`(${NUMBER})\s*(?:([°º˚])\s*)?(?:(${PART})\s*['′’]\s*)?(?:(${PART})\s*(?:"|″|”|''|′′)\s*)?` +
  (lead ? '()' : String.raw`(${HEMI})?`);
const pair = (lead: boolean): RegExp => new RegExp(String.raw`^\s*${component(lead)}\s*(?:[,;]|\s)\s*${component(lead)}\s*$`, 'iu');
/** Letters after the numbers (the usual way), then before them. */
const PAIRS = [pair(false), pair(true)];

interface Angle {
  value: number;
  axis: 'lat' | 'lon' | null;
  marked: boolean;
  fraction: boolean;
}

/**
 * One angle: degrees, or degrees-minutes(-seconds). Hemisphere letters: N/S and E/W, and the
 * Vietnamese B (Bắc, north) and Đ (Đông, east). A Vietnamese "N" (Nam, south) cannot be told from the
 * English N (north); N is read as north, where every coordinate of Viet Nam lies.
 */
function angle(m: RegExpExecArray, at: number): Angle | null {
  const [lead, degText, degSign, minText, secText, trail] = [m[at], m[at + 1], m[at + 2], m[at + 3], m[at + 4], m[at + 5]];
  if (lead && trail) return null;
  const hemi = (lead || trail || undefined)?.toUpperCase();
  const deg = num(degText);
  const min = minText !== undefined ? num(minText) : 0;
  const sec = secText !== undefined ? num(secText) : 0;
  if ((minText !== undefined || secText !== undefined) && !Number.isInteger(deg)) return null;
  if (min >= 60 || sec >= 60 || (secText !== undefined && minText !== undefined && !Number.isInteger(min))) return null;
  let value = Math.abs(deg) + min / 60 + sec / 3600;
  if (degText.startsWith('-') || hemi === 'S' || hemi === 'W') value = -value;
  if (degText.startsWith('-') && (hemi === 'S' || hemi === 'W')) return null;
  const axis = hemi === undefined ? null : 'NSB'.includes(hemi) ? 'lat' : 'lon';
  return { value, axis, marked: Boolean(degSign || minText || secText || hemi), fraction: /[.,]/.test(degText) || minText !== undefined };
}

/** "10.0341, 105.7846", "105.7846 10.0341", "10,0341 105,7846", "10°02'02.8\"N 105°47'04.6\"E", "N10.0341 E105.7846". */
function parseAngles(q: string): ParsedCoordinate | null {
  for (const re of PAIRS) {
    const m = re.exec(q);
    const parsed = m ? anglePair(m) : null;
    if (parsed) return parsed;
  }
  return null;
}

function anglePair(m: RegExpExecArray): ParsedCoordinate | null {
  const a = angle(m, 1);
  const b = angle(m, 7);
  if (!a || !b) return null;
  // Two bare whole numbers ("12 345") are more likely a sheet and a parcel than a place.
  if (!a.marked && !b.marked && !a.fraction && !b.fraction) return null;
  let lat: number;
  let lon: number;
  if (a.axis && b.axis) {
    if (a.axis === b.axis) return null;
    [lat, lon] = a.axis === 'lat' ? [a.value, b.value] : [b.value, a.value];
  } else if (a.axis || b.axis) {
    const known = (a.axis ? a : b) as Angle;
    const other = a.axis ? b : a;
    [lat, lon] = known.axis === 'lat' ? [known.value, other.value] : [other.value, known.value];
  } else if (Math.abs(a.value) > 90 && Math.abs(b.value) <= 90) {
    [lon, lat] = [a.value, b.value];
  } else {
    // Both could be latitudes: "lat, lon", the order map apps and GPS receivers show.
    [lat, lon] = [a.value, b.value];
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  const dms = Boolean(m[4] || m[5] || m[10] || m[11]);
  return { kind: 'coordinate', form: dms ? 'dms' : 'decimal', point: [lon, lat], crs: 'EPSG:4326', input: [a.value, b.value] };
}

/** A coordinate in any of the accepted forms, or null. */
export function parseCoordinate(raw: string): ParsedCoordinate | null {
  let q = raw.trim();
  let srid: Vn2000Srid | null = null;
  let wgs84 = false;
  q = q.replace(/\bEPSG\s*:?\s*(\d{4,5})\b/i, (_all, code: string) => {
    const n = Number(code);
    if (n === 4326) wgs84 = true;
    else if ((VN2000_SRIDS as readonly number[]).includes(n)) srid = n as Vn2000Srid;
    else srid = -1 as Vn2000Srid;
    return ' ';
  });
  q = q.replace(/\bVN[-\s]?2000\b/i, () => {
    srid ??= DEFAULT_VN2000_SRID;
    return ' ';
  });
  q = q.replace(/\bWGS\s*-?\s*84\b/i, () => {
    wgs84 = true;
    return ' ';
  });
  if ((srid as number | null) === -1) return null;
  if (!wgs84) {
    const metres = parseVn2000(q, srid ?? DEFAULT_VN2000_SRID);
    if (metres) return metres;
  }
  return srid === null ? parseAngles(q) : null;
}

/**
 * Số tờ / số thửa: "12/345", "tờ 12 thửa 345", "to 12 thua 345", "tờ bản đồ số 12, thửa đất số 345",
 * "thửa 345 tờ 12", "sheet 12 parcel 345"; either alone ("thửa 345") as well.
 */
export function parseSheetParcel(raw: string): ParsedSheetParcel | null {
  const slash = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(raw);
  if (slash) return { kind: 'sheet_parcel', sheet_no: Number(slash[1]), parcel_no: Number(slash[2]), words: [], house_no: `${Number(slash[1])}/${Number(slash[2])}` };
  let u = ` ${unaccent(raw)} `;
  let sheet: number | null = null;
  let parcel: number | null = null;
  u = u.replace(/[\s,;](?:to(?:\s+ban\s+do)?|sheet|map\s+sheet)(?:\s+so)?(?:\s+no\.?)?\s*[:.#]?\s*(\d{1,6})(?=[\s,;])/, (_a, n: string) => {
    sheet = Number(n);
    return ' ';
  });
  u = u.replace(/[\s,;](?:thua(?:\s+dat)?|parcel|plot|lot)(?:\s+so)?(?:\s+no\.?)?\s*[:.#]?\s*(\d{1,6})(?=[\s,;])/, (_a, n: string) => {
    parcel = Number(n);
    return ' ';
  });
  if (sheet === null && parcel === null) return null;
  return { kind: 'sheet_parcel', sheet_no: sheet, parcel_no: parcel, words: searchWords(u).slice(0, 8), house_no: null };
}

/** What the query asks for: a place by coordinates, a parcel by its numbers, or words. */
export function parseQuery(raw: string): ParsedQuery {
  return parseCoordinate(raw) ?? parseSheetParcel(raw) ?? { kind: 'text', words: searchWords(raw).slice(0, 8) };
}
