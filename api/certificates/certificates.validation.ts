// Reads the body of POST /api/certificates: a parcel id or a WGS 84 point, nothing else.
import { FieldErrors } from '../http/body.ts';
import { checkLonLatRanges, LONLAT_EXAMPLE } from '../http/wgs84.ts';
import type { CertificateRequest } from './certificates.types.ts';

/** Alphabet of the random part of a code: no 0/O, 1/I, so a code read off paper types back unchanged. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_PATTERN = /^TTQH-\d{4}-[2-9A-HJ-NP-Z]{8}$/;

const ACCEPTED = new Set(['parcel_id', 'lon', 'lat']);
const BOTH = 'give either parcel_id or lon and lat, not both';
const BOTH_VI = 'chỉ gửi parcel_id hoặc lon và lat, không gửi cả hai';

function degrees(body: Record<string, unknown>, name: 'lon' | 'lat', errors: FieldErrors): number | undefined {
  const v = body[name];
  const example = LONLAT_EXAMPLE[name];
  if (v === undefined || v === null) {
    errors.add(
      `/${name}`,
      `is required with ${name === 'lon' ? 'lat' : 'lon'}: WGS 84 ${name === 'lon' ? 'longitude' : 'latitude'} in decimal degrees, e.g. ${example}`,
      `là bắt buộc khi có ${name === 'lon' ? 'lat' : 'lon'}: ${name === 'lon' ? 'kinh độ' : 'vĩ độ'} WGS 84 bằng độ thập phân, ví dụ ${example}`,
    );
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.add(`/${name}`, `must be a number of decimal degrees (WGS 84), e.g. ${example}`, `phải là một số đo bằng độ thập phân (WGS 84), ví dụ ${example}`);
    return undefined;
  }
  return v;
}

/** The request of a sheet, or the errors that say where the body is wrong. */
export function readCertificateRequest(body: Record<string, unknown>): { request: CertificateRequest | null; errors: FieldErrors } {
  const errors = new FieldErrors();
  if ('date' in body) {
    errors.add(
      '/date',
      'is not accepted: a planning-information sheet states the plan in force today (Việt Nam time); GET /api/parcels/{id}/rules?date= reads another day',
      'không được chấp nhận: phiếu thông tin quy hoạch nêu đồ án quy hoạch có hiệu lực hôm nay (giờ Việt Nam); dùng GET /api/parcels/{id}/rules?date= để xem ngày khác',
    );
  }
  for (const key of Object.keys(body)) {
    if (key !== 'date' && !ACCEPTED.has(key)) errors.add(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'is not a member of a sheet request: send parcel_id, or lon and lat', 'không phải là trường của yêu cầu cấp phiếu: hãy gửi parcel_id, hoặc lon và lat');
  }
  const hasParcel = body.parcel_id !== undefined && body.parcel_id !== null;
  const hasPoint = (body.lon !== undefined && body.lon !== null) || (body.lat !== undefined && body.lat !== null);
  if (hasParcel && hasPoint) {
    errors.add('/parcel_id', BOTH, BOTH_VI);
    errors.add(body.lon !== undefined && body.lon !== null ? '/lon' : '/lat', BOTH, BOTH_VI);
    return { request: null, errors };
  }
  if (!hasParcel && !hasPoint) {
    errors.add('/parcel_id', 'is required unless lon and lat are given: the parcel the sheet is for', 'là bắt buộc nếu không có lon và lat: thửa đất cần cấp phiếu');
    return { request: null, errors };
  }
  if (hasParcel) {
    const id = body.parcel_id;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) {
      errors.add('/parcel_id', 'must be a parcel id (a positive whole number)', 'phải là mã thửa (một số nguyên dương)');
      return { request: null, errors };
    }
    return { request: errors.list.length ? null : { parcel_id: id }, errors };
  }
  const lon = degrees(body, 'lon', errors) ?? null;
  const lat = degrees(body, 'lat', errors) ?? null;
  if (!checkLonLatRanges(lon, lat, { lon: '/lon', lat: '/lat' }, errors) || errors.list.length) return { request: null, errors };
  return { request: { lon: lon!, lat: lat! }, errors };
}

/** A code as people type it (lower case, spaces around) in its stored form; null when it cannot be one. */
export function normaliseCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}
