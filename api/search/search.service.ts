// The search box: reads the query, asks the store, ranks and labels the results; never sees HTTP.
import type { Knex } from 'knex';
import { en, vi } from '../checks/format.ts';
import { parseQuery, type ParsedCoordinate } from './search.parse.ts';
import * as store from './search.store.ts';
import type { SearchItem, SearchResult } from './search.types.ts';

/** Most results a search returns. */
export const MAX_RESULTS = 20;
/** Wards listed before the addresses of a word search: a name matches one or two, never more. */
const MAX_WARDS = 5;

function parcelItem(p: store.ParcelHit): SearchItem {
  const where = p.address ?? p.ward_name ?? p.ward_code;
  return {
    kind: 'parcel',
    label: `Thửa ${p.parcel_no}, tờ bản đồ ${p.sheet_no} — ${where}`,
    label_en: `Parcel ${p.parcel_no}, map sheet ${p.sheet_no} — ${p.address ?? p.ward_name_en ?? p.ward_code}`,
    parcel_id: p.id,
    ward_code: p.ward_code,
    point: [p.x, p.y],
    bbox: [p.minx, p.miny, p.maxx, p.maxy],
  };
}

function wardItem(w: store.WardHit): SearchItem {
  return {
    kind: 'ward',
    label: w.full_name,
    ...(w.full_name_en ? { label_en: w.full_name_en } : {}),
    ward_code: w.code,
    point: [w.x, w.y],
    bbox: [w.minx, w.miny, w.maxx, w.maxy],
  };
}

const hemi = (v: number, pos: string, neg: string): string => (v >= 0 ? pos : neg);

function coordinateItem(c: ParsedCoordinate): SearchItem {
  const [lon, lat] = c.point;
  const viText = `${vi(Math.abs(lat), 6)}° ${hemi(lat, 'B', 'N')}, ${vi(Math.abs(lon), 6)}° ${hemi(lon, 'Đ', 'T')}`;
  const enText = `${Math.abs(lat).toFixed(6)}° ${hemi(lat, 'N', 'S')}, ${Math.abs(lon).toFixed(6)}° ${hemi(lon, 'E', 'W')}`;
  const from = c.form === 'vn2000'
    ? { vi: ` (VN-2000 ${c.crs}: E ${vi(c.input[0], 2)}, N ${vi(c.input[1], 2)})`, en: ` (VN-2000 ${c.crs}: E ${en(c.input[0], 2)}, N ${en(c.input[1], 2)})` }
    : { vi: '', en: '' };
  return { kind: 'coordinate', label: `Toạ độ ${viText}${from.vi}`, label_en: `Coordinates ${enText}${from.en}`, point: c.point, crs: c.crs, input: c.input };
}

export class SearchService {
  constructor(private readonly db: Knex) {}

  /**
   * Best first: a coordinate (unambiguous once read) and the parcel it falls in; else parcels by
   * số tờ / số thửa (and, for "12/345", addresses with that house number); else wards whose name
   * holds the words, then addresses (ranked in search.store.ts).
   */
  async search(query: string): Promise<SearchResult> {
    const parsed = parseQuery(query);
    const items: SearchItem[] = [];
    if (parsed.kind === 'coordinate') {
      items.push(coordinateItem(parsed));
      const [lon, lat] = parsed.point;
      for (const p of await store.parcelsAtPoint(this.db, lon, lat, MAX_RESULTS - 1)) items.push(parcelItem(p));
    } else if (parsed.kind === 'sheet_parcel') {
      for (const p of await store.parcelsByNumber(this.db, parsed.sheet_no, parsed.parcel_no, parsed.words, MAX_RESULTS)) items.push(parcelItem(p));
      if (parsed.house_no && items.length < MAX_RESULTS) {
        const seen = new Set(items.map((i) => i.parcel_id));
        for (const p of await store.parcelsByAddress(this.db, [parsed.house_no], MAX_RESULTS)) if (!seen.has(p.id)) items.push(parcelItem(p));
      }
    } else if (parsed.words.length > 0) {
      for (const w of await store.wardsByWords(this.db, parsed.words, MAX_WARDS)) items.push(wardItem(w));
      for (const p of await store.parcelsByAddress(this.db, parsed.words, MAX_RESULTS - items.length)) items.push(parcelItem(p));
    }
    const page = items.slice(0, MAX_RESULTS);
    return { query, interpreted_as: parsed.kind, items: page, numberReturned: page.length };
  }
}
