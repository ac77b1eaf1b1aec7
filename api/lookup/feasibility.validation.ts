// Reading feasibility requests (a sketched building on a parcel or drawn site): every field checked, every problem with its JSON pointer.
import { FieldErrors, stringField, numberField } from '../http/body.ts';
import { parseCrs, polygonalField } from '../http/geometry-input.ts';
import type { Polygonal } from '../checks/index.ts';
import type { ProposedBuilding } from '../permits/permits.types.ts';

/** A sketched building: what a permit application would state, checked against the plan of a date. */
export interface FeasibilityInput extends ProposedBuilding {
  /** As-of date YYYY-MM-DD; null = today in Việt Nam. */
  date: string | null;
}

const FIELDS = ['site', 'parcel_id', 'footprint', 'use', 'floors', 'basement_floors', 'height_m', 'gfa_m2', 'crs', 'date'];


/** A calendar date YYYY-MM-DD that exists, between 1900 and 2200 (as the `date` query parameter elsewhere). */
function dateField(body: Record<string, unknown>, errors: FieldErrors): string | null {
  const v = body.date;
  if (v === undefined || v === null || v === '') return null;
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) {
    errors.add('/date', 'must be a date written YYYY-MM-DD', 'phải là ngày dạng YYYY-MM-DD');
    return null;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) errors.add('/date', 'is not a calendar date', 'không phải là ngày có thật trên lịch');
  else if (y < 1900 || y > 2200) errors.add('/date', 'must lie between 1900 and 2200', 'phải nằm trong khoảng năm 1900 đến 2200');
  else return v as string;
  return null;
}

/**
 * The fields of a permit application without the applicant (nothing is filed) plus an as-of date.
 * Structure only: whether the parcel and use code exist and whether the geometry can be measured is
 * the service's question (422), once the site is known.
 */
export function readFeasibilityInput(body: Record<string, unknown>): { input: FeasibilityInput; errors: FieldErrors } {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) errors.add(`/${key}`, 'is not a field of a feasibility request', 'không phải là một trường của yêu cầu kiểm tra khả thi');
  const crs = parseCrs(body.crs, errors);
  let parcelId: number | null = null;
  if (body.parcel_id !== undefined && body.parcel_id !== null) {
    if (typeof body.parcel_id !== 'number' || !Number.isInteger(body.parcel_id) || body.parcel_id < 1 || body.parcel_id > 999_999_999) errors.add('/parcel_id', 'must be the id of a parcel (a positive whole number)', 'phải là mã thửa của một thửa đất (một số nguyên dương)');
    else parcelId = body.parcel_id;
  }
  const site = polygonalField(body, 'site', errors, crs, false);
  const footprint = polygonalField(body, 'footprint', errors, crs, true);
  const use = stringField(body, 'use', errors, { required: true, max: 16 });
  const floors = numberField(body, 'floors', errors, { integer: true, min: 1, max: 200, required: true });
  const basements = numberField(body, 'basement_floors', errors, { integer: true, min: 0, max: 20, required: false });
  const height = numberField(body, 'height_m', errors, { min: 0, max: 1000, minExclusive: true, required: true });
  const gfa = numberField(body, 'gfa_m2', errors, { min: 0, max: 10_000_000, minExclusive: true, required: true });
  const date = dateField(body, errors);
  if (parcelId === null && body.parcel_id == null && !site && !errors.list.some((e) => e.path.startsWith('/site'))) {
    errors.add(
      '/site',
      'is required when no parcel_id is given: the site is a parcel or a drawn boundary',
      'là bắt buộc khi không có parcel_id: khu đất là một thửa đất hoặc một ranh giới được vẽ',
    );
  }
  return {
    input: {
      parcel_id: parcelId,
      site,
      footprint: footprint as Polygonal,
      use: (use ?? '').trim().toUpperCase(),
      floors: floors as number,
      basement_floors: basements ?? 0,
      height_m: height as number,
      gfa_m2: gfa as number,
      date,
    },
    errors,
  };
}
