// HTTP of lookup for investors and citizens: GET /api/lookup, GET /api/parcels/:id/rules and POST /api/feasibility.
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { FieldErrors } from '../http/body.ts';
import { asOfParams } from '../http/collection.ts';
import { ApiError, invalidField } from '../http/problem.ts';
import { queryString } from '../http/query.ts';
import { checkLonLatRanges, LONLAT_EXAMPLE } from '../http/wgs84.ts';
import { feasibilityRoutes, type FeasibilityRouteOptions } from './feasibility.routes.ts';
import { LookupService } from './lookup.service.ts';
import { sendComputedJson } from '../http/computed-json.ts';

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A longitude or latitude in decimal degrees, with a hint for the usual mix-ups (metres, swapped axes). */
function degrees(req: Request, name: 'lon' | 'lat', errors: FieldErrors): number | null {
  const path = `/query/${name}`;
  let raw: string | undefined;
  try {
    raw = queryString(req, name);
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
function asOfDate(req: Request, errors: FieldErrors): string | null {
  try {
    return asOfParams(req).date;
  } catch (err) {
    if (!(err instanceof ApiError) || !err.errors) throw err;
    for (const e of err.errors) errors.add(e.path, e.message, e.message_vi);
    return null;
  }
}

function parcelId(req: Request): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) throw invalidField('/path/id', 'must be a parcel id (a positive whole number)', 'phải là mã thửa (một số nguyên dương)');
  return Number(raw);
}

export function lookupRoutes(db: Database, options: FeasibilityRouteOptions = {}): Router {
  const router = Router();
  const service = new LookupService(db.knex);

  router.get('/api/lookup', async (req, res) => {
    const errors = new FieldErrors();
    const lon = degrees(req, 'lon', errors);
    const lat = degrees(req, 'lat', errors);
    checkLonLatRanges(lon, lat, { lon: '/query/lon', lat: '/query/lat' }, errors);
    const date = asOfDate(req, errors);
    errors.throwIfAny({ en: 'The lookup has invalid parameters.', vi: 'Yêu cầu tra cứu có tham số không hợp lệ.' });
    sendComputedJson(res, await service.atPoint(lon!, lat!, date!));
  });

  router.get('/api/parcels/:id/rules', async (req, res) => {
    const id = parcelId(req);
    const errors = new FieldErrors();
    const date = asOfDate(req, errors);
    errors.throwIfAny({ en: 'The request has invalid parameters.', vi: 'Yêu cầu có tham số không hợp lệ.' });
    sendComputedJson(res, await service.forParcel(id, date!));
  });

  router.use(feasibilityRoutes(db, options));
  return router;
}
