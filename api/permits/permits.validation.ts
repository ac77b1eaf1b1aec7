// Reading permit requests: every field checked, every problem reported with its JSON pointer.
import { FieldErrors, stringField, numberField } from '../http/body.ts';
import { parseCrs, polygonalField } from '../http/geometry-input.ts';
import { CONDITION_KINDS, CONDITION_STAGES, type PermitCondition, type PermitInput, type TransitionRequest } from './permits.types.ts';


const FIELDS = ['applicant', 'parcel_id', 'site', 'footprint', 'use', 'floors', 'basement_floors', 'height_m', 'gfa_m2', 'crs', 'lock_version'];

/**
 * A new application (all fields) or an amendment (`partial`: only the fields given; the caller
 * merges them with the stored application before checking the geometry together).
 */
export function readPermitInput(body: Record<string, unknown>, partial: boolean): { input: Partial<PermitInput>; errors: FieldErrors } {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) errors.add(`/${key}`, 'is not a field of a permit application', 'không phải là trường của hồ sơ đề nghị cấp phép');
  const required = !partial;
  const crs = parseCrs(body.crs, errors);
  const input: Partial<PermitInput> = {};
  const applicant = stringField(body, 'applicant', errors, { required, max: 300 });
  if (applicant !== undefined) input.applicant = applicant.trim();
  if (body.parcel_id !== undefined && body.parcel_id !== null) {
    if (typeof body.parcel_id !== 'number' || !Number.isInteger(body.parcel_id) || body.parcel_id < 1) errors.add('/parcel_id', 'must be the id of a parcel (a positive whole number)', 'phải là mã số của một thửa đất (số nguyên dương)');
    else input.parcel_id = body.parcel_id;
  } else if (body.parcel_id === null) input.parcel_id = null;
  const site = polygonalField(body, 'site', errors, crs, false);
  if (site) input.site = site;
  const footprint = polygonalField(body, 'footprint', errors, crs, required);
  if (footprint) input.footprint = footprint;
  const use = stringField(body, 'use', errors, { required, max: 16 });
  if (use !== undefined) input.use = use.trim().toUpperCase();
  const floors = numberField(body, 'floors', errors, { integer: true, min: 1, max: 200, required });
  if (floors !== undefined) input.floors = floors;
  const basements = numberField(body, 'basement_floors', errors, { integer: true, min: 0, max: 20, required: false });
  if (basements !== undefined) input.basement_floors = basements;
  const height = numberField(body, 'height_m', errors, { min: 0, max: 1000, minExclusive: true, required });
  if (height !== undefined) input.height_m = height;
  const gfa = numberField(body, 'gfa_m2', errors, { min: 0, max: 10_000_000, minExclusive: true, required });
  if (gfa !== undefined) input.gfa_m2 = gfa;
  if (!partial && input.parcel_id == null && !site && !errors.list.some((e) => e.path.startsWith('/site'))) {
    errors.add('/site', 'is required when no parcel_id is given: the site is a parcel or a drawn boundary', 'là bắt buộc khi không có parcel_id: khu đất là một thửa đất hoặc một ranh giới được vẽ');
  }
  return { input, errors };
}

/** Checks site and footprint together once both are known (the TM-3 zone comes from the site). */
export function readTransition(body: Record<string, unknown>): TransitionRequest {
  const errors = new FieldErrors();
  const event = stringField(body, 'event', errors, { required: true, max: 40 });
  const reason = stringField(body, 'reason', errors, { max: 4000 });
  const override = stringField(body, 'override_reason', errors, { max: 4000 });
  const conditions: PermitCondition[] = [];
  if (body.conditions !== undefined) {
    if (!Array.isArray(body.conditions)) errors.add('/conditions', 'must be an array', 'phải là một mảng');
    else
      body.conditions.forEach((c: unknown, i: number) => {
        const path = `/conditions/${i}`;
        if (!c || typeof c !== 'object') return errors.add(path, 'must be an object {kind, stage?, text}', 'phải là một đối tượng JSON {kind, stage?, text}');
        const { kind, stage, text } = c as Record<string, unknown>;
        if (!(CONDITION_KINDS as readonly unknown[]).includes(kind)) errors.add(`${path}/kind`, `must be one of ${CONDITION_KINDS.join(', ')}`, `phải là một trong: ${CONDITION_KINDS.join(', ')}`);
        if (stage !== undefined && stage !== null && !(CONDITION_STAGES as readonly unknown[]).includes(stage)) errors.add(`${path}/stage`, `must be one of ${CONDITION_STAGES.join(', ')}`, `phải là một trong: ${CONDITION_STAGES.join(', ')}`);
        if (kind === 'inspection_stage' && !stage) errors.add(`${path}/stage`, 'is required for an inspection_stage condition', 'là bắt buộc đối với điều kiện loại inspection_stage');
        if (typeof text !== 'string' || !text.trim() || text.length > 2000) errors.add(`${path}/text`, 'must be a non-empty text of at most 2000 characters', 'phải là văn bản không để trống, tối đa 2000 ký tự');
        conditions.push({ kind: kind as PermitCondition['kind'], stage: (stage as PermitCondition['stage']) ?? null, text: String(text ?? '').trim() });
      });
  }
  let validTo: string | null = null;
  if (body.valid_to !== undefined && body.valid_to !== null) {
    if (typeof body.valid_to !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(body.valid_to) || Number.isNaN(Date.parse(body.valid_to))) errors.add('/valid_to', 'must be a date YYYY-MM-DD', 'phải là ngày theo định dạng YYYY-MM-DD');
    else validTo = body.valid_to;
  }
  errors.throwIfAny();
  return { event: event!, reason: reason?.trim() || null, override_reason: override?.trim() || null, conditions, valid_to: validTo };
}
