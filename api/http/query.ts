// Parsing of the query parameters shared by collection endpoints: bbox, limit, offset, date.
import type { Request } from 'express';
import { invalidField, ValidationError, type FieldError } from './problem.ts';

export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** Reads the single string value of a query parameter by name (see singleValue). */
export type QueryReader = (name: string) => string | undefined;

/** A query parameter's value as parsed (a string, several, or none): repeated parameters are refused, not guessed. */
export function singleValue(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw invalidField(`/query/${name}`, 'must be given once, as a plain value', 'chỉ được cho một lần, dưới dạng giá trị đơn');
  return raw;
}

/** The single string value of a query parameter of an Express request. */
export function queryString(req: Request, name: string): string | undefined {
  return singleValue(name, req.query[name]);
}

/** A QueryReader over a URL's search parameters (outside Express), with the same refusals. */
export function searchParamsReader(params: URLSearchParams): QueryReader {
  return (name) => {
    const all = params.getAll(name);
    return singleValue(name, all.length === 0 ? undefined : all.length === 1 ? all[0] : all);
  };
}

/** `bbox=minLon,minLat,maxLon,maxLat` in EPSG:4326 (OGC API order). */
export function parseBbox(req: Request, name = 'bbox'): Bbox | null {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return null;
  const path = `/query/${name}`;
  const parts = raw.split(',');
  if (parts.length !== 4) throw invalidField(path, 'must be four numbers: minLon,minLat,maxLon,maxLat', 'phải gồm bốn số: minLon,minLat,maxLon,maxLat');
  const nums = parts.map((p) => (/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !Number.isFinite(n))) throw invalidField(path, 'every value must be a finite decimal number', 'mỗi giá trị phải là một số thập phân hữu hạn');
  const [minLon, minLat, maxLon, maxLat] = nums;
  const errors: FieldError[] = [];
  if (minLon < -180 || maxLon > 180) errors.push({ path, message: 'longitudes must lie within -180..180 (EPSG:4326 lon/lat, not projected metres)', message_vi: 'kinh độ phải nằm trong -180..180 (kinh độ/vĩ độ EPSG:4326, không phải mét của hệ tọa độ phẳng)' });
  if (minLat < -90 || maxLat > 90) errors.push({ path, message: 'latitudes must lie within -90..90 (EPSG:4326 lon/lat, not projected metres)', message_vi: 'vĩ độ phải nằm trong -90..90 (kinh độ/vĩ độ EPSG:4326, không phải mét của hệ tọa độ phẳng)' });
  if (minLon > maxLon) errors.push({ path, message: 'minLon must not be greater than maxLon', message_vi: 'minLon không được lớn hơn maxLon' });
  if (minLat > maxLat) errors.push({ path, message: 'minLat must not be greater than maxLat', message_vi: 'minLat không được lớn hơn maxLat' });
  if (errors.length) throw new ValidationError({ en: `${path}: ${errors.map((e) => e.message).join('; ')}`, vi: `${path}: ${errors.map((e) => e.message_vi).join('; ')}` }, errors);
  return { minLon, minLat, maxLon, maxLat };
}

function parseWhole(req: Request, name: string, fallback: number, min: number, max: number): number {
  const raw = queryString(req, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalidField(`/query/${name}`, `must be a whole number between ${min} and ${max}`, `phải là số nguyên từ ${min} đến ${max}`);
  const n = Number(raw);
  if (n < min || n > max) throw invalidField(`/query/${name}`, `must be between ${min} and ${max}`, `phải nằm trong khoảng ${min} đến ${max}`);
  return n;
}

export function parseLimit(req: Request): number {
  return parseWhole(req, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
}

export function parseOffset(req: Request): number {
  return parseWhole(req, 'offset', 0, 0, 10_000_000);
}

/** A calendar date `YYYY-MM-DD` that really exists (2025-02-30 is refused). */
export function parseDate(req: Request, name = 'date'): string | null {
  return dateValue(name, queryString(req, name));
}

/** The date a query parameter holds (see parseDate), or null when it is absent or empty. */
export function dateValue(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  const path = `/query/${name}`;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) throw invalidField(path, 'must be a date written YYYY-MM-DD', 'phải là ngày dạng YYYY-MM-DD');
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw invalidField(path, 'is not a calendar date', 'không phải là ngày có thật trên lịch');
  }
  if (Number(m[1]) < 1900 || Number(m[1]) > 2200) throw invalidField(path, 'must lie between 1900 and 2200', 'phải nằm trong khoảng năm 1900 đến 2200');
  return raw;
}

/** Today's date in Việt Nam (UTC+7), the default "as of" date of the plan. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
