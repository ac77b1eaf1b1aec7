// Query of the rule card's GETs (GET /api/lookup, GET /api/parcels/:id/rules), read alike by the routes and the card lane.
import { FieldErrors } from '../http/body.ts';
import { ApiError, invalidField } from '../http/problem.ts';
import { dateValue, todayInVietnam, type QueryReader } from '../http/query.ts';
import { checkLonLatRanges, LONLAT_EXAMPLE } from '../http/wgs84.ts';

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A longitude or latitude in decimal degrees, with a hint for the usual mix-ups (metres, swapped axes). */
function degrees(read: QueryReader, name: 'lon' | 'lat', errors: FieldErrors): number | null {
  const path = `/query/${name}`;
  let raw: string | undefined;
  try {
    raw = read(name);
  } catch {
    errors.add(path, 'must be given once, as a plain value', 'chỉ được cho một lần, dưới dạng giá trị đơn');
    return null;
  }
  const example = LONLAT_EXAMPLE[name];
  if (raw === undefined || raw.trim() === '') {
    errors.add(
      path,
      `is required: WGS 84 ${name === 'lon' ? 'longitude' : 'latitude'} in decimal degrees, e.g. ${example}`,
      `là bắt buộc: ${name === 'lon' ? 'kinh độ' : 'vĩ độ'} WGS 84 bằng độ thập phân, ví dụ ${example}`,
    );
    return null;
  }
  if (!DECIMAL.test(raw) || !Number.isFinite(Number(raw))) {
    errors.add(path, `must be a decimal number of degrees (WGS 84), e.g. ${example}`, `phải là một số đo bằng độ thập phân (WGS 84), ví dụ ${example}`);
    return null;
  }
  return Number(raw);
}

/** The as-of date (default today in Việt Nam), its problem added to the others instead of thrown alone. */
function asOfDate(read: QueryReader, errors: FieldErrors): string | null {
  try {
    return dateValue('date', read('date')) ?? todayInVietnam();
  } catch (err) {
    if (!(err instanceof ApiError) || !err.errors) throw err;
    for (const e of err.errors) errors.add(e.path, e.message, e.message_vi);
    return null;
  }
}

/** The query of GET /api/lookup, or a ValidationError naming every bad parameter. Shared with the card lane (lookup.lane.ts). */
export function lookupQuery(read: QueryReader): { lon: number; lat: number; date: string } {
  const errors = new FieldErrors();
  const lon = degrees(read, 'lon', errors);
  const lat = degrees(read, 'lat', errors);
  checkLonLatRanges(lon, lat, { lon: '/query/lon', lat: '/query/lat' }, errors);
  const date = asOfDate(read, errors);
  errors.throwIfAny({ en: 'The lookup has invalid parameters.', vi: 'Yêu cầu tra cứu có tham số không hợp lệ.' });
  return { lon: lon!, lat: lat!, date: date! };
}

/** The parcel id of GET /api/parcels/:id/rules and its query, or a ValidationError. Shared with the card lane. */
export function parcelRulesQuery(rawId: string, read: QueryReader): { id: number; date: string } {
  if (!/^\d{1,9}$/.test(rawId) || Number(rawId) < 1) throw invalidField('/path/id', 'must be a parcel id (a positive whole number)', 'phải là mã thửa (một số nguyên dương)');
  const errors = new FieldErrors();
  const date = asOfDate(read, errors);
  errors.throwIfAny({ en: 'The request has invalid parameters.', vi: 'Yêu cầu có tham số không hợp lệ.' });
  return { id: Number(rawId), date: date! };
}
