// WGS 84 longitude/latitude given to the API: the range check with hints for the usual mix-ups (VN-2000 metres, swapped axes), for query strings and bodies alike.
import type { FieldErrors } from './body.ts';

/** A point in Cần Thơ, as the example every message gives. */
export const LONLAT_EXAMPLE = { lon: '105.7846', lat: '10.0341' } as const;

/** VN-2000 TM-3 eastings are 500 000 ± 170 000 m, northings 900 000–2 600 000 m in Việt Nam: far beyond any degree. */
const looksLikeMetres = (v: number): boolean => Math.abs(v) >= 1000;

/**
 * Adds to `errors` what is wrong with the ranges of a longitude and a latitude (either may be null
 * when it is missing or not a number; its own problem is reported already), at the given paths.
 * Returns whether both are present and in range.
 */
export function checkLonLatRanges(lon: number | null, lat: number | null, paths: { lon: string; lat: string }, errors: FieldErrors): boolean {
  let ok = lon !== null && lat !== null;
  if (lon !== null && Math.abs(lon) > 180) {
    ok = false;
    if (looksLikeMetres(lon)) {
      errors.add(
        paths.lon,
        `${lon} looks like projected metres (a VN-2000 easting?): send the WGS 84 longitude in decimal degrees, e.g. ${LONLAT_EXAMPLE.lon} (GET /api/search?q=E N converts VN-2000 metres)`,
        `${lon} có vẻ là mét của hệ tọa độ phẳng (tọa độ X VN-2000?): hãy gửi kinh độ WGS 84 bằng độ thập phân, ví dụ ${LONLAT_EXAMPLE.lon} (GET /api/search?q=E N đổi tọa độ mét VN-2000)`,
      );
    } else errors.add(paths.lon, 'must lie within -180..180 degrees', 'phải nằm trong -180..180 độ');
  }
  if (lat !== null && Math.abs(lat) > 90) {
    ok = false;
    if (looksLikeMetres(lat)) errors.add(paths.lat, `${lat} looks like projected metres (a VN-2000 northing?): send the WGS 84 latitude in decimal degrees, e.g. ${LONLAT_EXAMPLE.lat}`, `${lat} có vẻ là mét của hệ tọa độ phẳng (tọa độ Y VN-2000?): hãy gửi vĩ độ WGS 84 bằng độ thập phân, ví dụ ${LONLAT_EXAMPLE.lat}`);
    else if (lon !== null && Math.abs(lon) <= 90 && Math.abs(lat) <= 180) errors.add(paths.lat, `must lie within -90..90 degrees; lon=${lon} and lat=${lat} look swapped`, `phải nằm trong -90..90 độ; lon=${lon} và lat=${lat} có vẻ bị đổi chỗ cho nhau`);
    else errors.add(paths.lat, 'must lie within -90..90 degrees', 'phải nằm trong -90..90 độ');
  }
  return ok;
}
