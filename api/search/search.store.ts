// SQL of the search box: parcels by số tờ / số thửa, by address words or at a point, and wards by name or code.
import type { Knex } from 'knex';

/**
 * unaccent() without the extension, which neither backend is guaranteed to have loaded (PGlite
 * ships it as a separate module): NFD, drop the combining marks, đ → d, lower case — the same as
 * search.parse.ts's unaccent, so a query typed without accents meets the stored Vietnamese text.
 * Every function in it is immutable, so an expression index on it is possible when the cadastre grows.
 */
const unaccented = (column: string): string =>
  `lower(translate(regexp_replace(normalize(coalesce(${column}, ''), NFD), '[\\u0300-\\u036f]', '', 'g'), 'Đđ', 'Dd'))`;

/** A row the search answers with: label parts, a point on the surface and the bbox. */
export interface ParcelHit {
  id: number;
  sheet_no: number;
  parcel_no: number;
  address: string | null;
  ward_code: string;
  ward_name: string | null;
  ward_name_en: string | null;
  x: number;
  y: number;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

export interface WardHit {
  code: string;
  full_name: string;
  full_name_en: string | null;
  x: number;
  y: number;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
}

// ST_PointOnSurface, not the centroid: the point must lie in the parcel (an L-shaped lot's centroid may not).
const PARCEL_SELECT = `p.id, p.sheet_no, p.parcel_no, p.address, p.ward_code, w.full_name AS ward_name, w.full_name_en AS ward_name_en,
  ST_X(ST_PointOnSurface(p.geom)) AS x, ST_Y(ST_PointOnSurface(p.geom)) AS y,
  ST_XMin(p.geom) AS minx, ST_YMin(p.geom) AS miny, ST_XMax(p.geom) AS maxx, ST_YMax(p.geom) AS maxy`;

/**
 * A word must start a word of the text; a number must be a whole house number there: "12" is not
 * "123", nor the "12" of an alley address "12/3" or "5/12".
 */
export function wordPattern(word: string): string {
  return /^[0-9/]+$/.test(word) ? `(?<![0-9/])${word}(?![0-9/])` : `\\m${word}`;
}

/**
 * The index half of an address search: a word that starts with a letter becomes a prefix term of
 * the tsvector column parcels.address_words (GIN), so a search reads the matching rows only; the
 * regular expressions of wordPattern then keep the exact meaning. Null when no word can use it
 * (a query of house numbers only scans, as before).
 */
export function addressTsQuery(words: readonly string[]): string | null {
  const terms = words.filter((w) => /^[a-z][a-z0-9]*$/.test(w)).map((w) => `${w}:*`);
  return terms.length > 0 ? terms.join(' & ') : null;
}

function whereWords(q: Knex.QueryBuilder, expr: string, words: readonly string[]): Knex.QueryBuilder {
  for (const w of words) q.whereRaw(`${expr} ~ ?`, [wordPattern(w)]);
  return q;
}

/** Parcels by sheet and/or parcel number (the index on (sheet_no, parcel_no)), narrowed by words of the address or ward. */
export async function parcelsByNumber(db: Knex, sheet: number | null, parcel: number | null, words: readonly string[], limit: number): Promise<ParcelHit[]> {
  const q = db('parcels as p').leftJoin('wards as w', 'w.code', 'p.ward_code').select(db.raw(PARCEL_SELECT));
  if (sheet !== null) q.where('p.sheet_no', sheet);
  if (parcel !== null) q.where('p.parcel_no', parcel);
  whereWords(q, unaccented(`p.address || ' ' || coalesce(w.full_name, '')`), words);
  return (await q.orderBy(['p.sheet_no', 'p.parcel_no', 'p.id']).limit(limit)) as ParcelHit[];
}

/**
 * Parcels whose address holds every word (each the start of a word, accents ignored). Ranking: the
 * house number at the start of the address ("Số 12 …" for "12 D21"), then the words in the order
 * typed, then the shorter address, then the id — stable pages for the same query. The address is
 * unaccented once per row and the labels are built for the page only.
 */
export async function parcelsByAddress(db: Knex, words: readonly string[], limit: number): Promise<ParcelHit[]> {
  if (words.length === 0 || limit <= 0) return [];
  const house = words.find((w) => /^\d[0-9/]*$/.test(w));
  const phrase = words.map((w) => wordPattern(w)).join('\\W+');
  const tsQuery = addressTsQuery(words);
  const rows = db.select('p.id', db.raw(`${unaccented('p.address')} AS u`)).from('parcels as p');
  if (tsQuery) rows.whereRaw(`p.address_words @@ to_tsquery('simple', ?)`, [tsQuery]);
  const page = db
    .select('x.id', db.raw('CASE WHEN x.u ~ ? THEN 0 ELSE 1 END AS r1', [house ? `^(so )?${house}(?![0-9/])` : '^$']), db.raw('CASE WHEN x.u ~ ? THEN 0 ELSE 1 END AS r2', [phrase]), db.raw('length(x.u) AS len'))
    .from(rows.as('x'))
    .modify((q) => whereWords(q, 'x.u', words))
    .orderBy(['r1', 'r2', 'len', 'x.id'])
    .limit(limit);
  return (await db
    .with('page', page)
    .select(db.raw(PARCEL_SELECT))
    .from('page')
    .join('parcels as p', 'p.id', 'page.id')
    .leftJoin('wards as w', 'w.code', 'p.ward_code')
    .orderBy(['page.r1', 'page.r2', 'page.len', 'page.id'])) as ParcelHit[];
}

/** Parcels whose geometry covers the point (GiST: && then ST_Intersects). */
export async function parcelsAtPoint(db: Knex, lon: number, lat: number, limit: number): Promise<ParcelHit[]> {
  const pt = 'ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)';
  return (await db('parcels as p')
    .leftJoin('wards as w', 'w.code', 'p.ward_code')
    .select(db.raw(PARCEL_SELECT))
    .whereRaw(`p.geom && ${pt}`, [lon, lat])
    .andWhereRaw(`ST_Intersects(p.geom, ${pt})`, [lon, lat])
    .orderBy('p.id')
    .limit(limit)) as ParcelHit[];
}

const WARD_SELECT = `w.code, w.full_name, w.full_name_en, ST_X(ST_PointOnSurface(w.geom)) AS x, ST_Y(ST_PointOnSurface(w.geom)) AS y,
  ST_XMin(w.geom) AS minx, ST_YMin(w.geom) AS miny, ST_XMax(w.geom) AS maxx, ST_YMax(w.geom) AS maxy`;

/** Wards whose Vietnamese or English name holds every word, or whose code is the one word; exact names first. */
export async function wardsByWords(db: Knex, words: readonly string[], limit: number): Promise<WardHit[]> {
  if (words.length === 0) return [];
  const q = db('wards as w').select(db.raw(WARD_SELECT));
  if (words.length === 1 && /^\d{5}$/.test(words[0])) {
    q.where('w.code', words[0]);
  } else {
    whereWords(q, unaccented(`w.full_name || ' ' || coalesce(w.full_name_en, '')`), words);
  }
  q.orderByRaw(`CASE WHEN ${unaccented('w.name')} = ? THEN 0 ELSE 1 END`, [words.join(' ')]).orderByRaw('length(w.full_name)').orderBy('w.code');
  return (await q.limit(limit)) as WardHit[];
}
