// Small checks of JSON request bodies that report JSON pointers to the offending field.
import type { Request } from 'express';
import { invalidField, UnsupportedMediaTypeError, ValidationError, withFieldErrors, type Bilingual, type FieldError } from './problem.ts';

/** The JSON object body of a request; anything else is refused with where and why. */
export function jsonObjectBody(req: Request): Record<string, unknown> {
  if (!req.is('application/json') && !req.is('application/*+json')) {
    throw new UnsupportedMediaTypeError({ en: 'Send the body as JSON with Content-Type: application/json.', vi: 'Hãy gửi nội dung dạng JSON với Content-Type: application/json.' });
  }
  const body = req.body as unknown;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidField('', 'the body must be a JSON object', 'nội dung yêu cầu phải là một đối tượng JSON');
  return body as Record<string, unknown>;
}

/** Collects field errors and throws them together, so a user fixes a form in one go. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  /** A bad field: what is wrong in English and in Vietnamese. */
  add(path: string, message: string, message_vi: string): void {
    this.list.push({ path, message, message_vi });
  }
  throwIfAny(lead: Bilingual = { en: 'The request has invalid fields.', vi: 'Yêu cầu có trường không hợp lệ.' }): void {
    if (this.list.length) throw new ValidationError(withFieldErrors(lead, this.list), this.list);
  }
}

export function stringField(body: Record<string, unknown>, name: string, errors: FieldErrors, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (opts.required) errors.add(`/${name}`, 'is required', 'là bắt buộc');
    return undefined;
  }
  if (typeof v !== 'string') {
    errors.add(`/${name}`, 'must be a string', 'phải là chuỗi ký tự');
    return undefined;
  }
  if (opts.required && v.trim() === '') errors.add(`/${name}`, 'must not be empty', 'không được để trống');
  if (opts.max !== undefined && v.length > opts.max) errors.add(`/${name}`, `must be at most ${opts.max} characters`, `tối đa ${opts.max} ký tự`);
  return v;
}

/** A number in a range (optionally whole, optionally above an exclusive minimum), or undefined after adding an error. */
export function numberField(body: Record<string, unknown>, name: string, errors: FieldErrors, opts: { integer?: boolean; min: number; max: number; minExclusive?: boolean; required: boolean }): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (opts.required) errors.add(`/${name}`, 'is required', 'là bắt buộc');
    return undefined;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    errors.add(`/${name}`, 'must be a number', 'phải là số');
    return undefined;
  }
  if (opts.integer && !Number.isInteger(v)) errors.add(`/${name}`, 'must be a whole number', 'phải là số nguyên');
  else if (v < opts.min || v > opts.max || (opts.minExclusive && v === opts.min)) {
    errors.add(
      `/${name}`,
      `must be ${opts.minExclusive ? 'greater than' : 'at least'} ${opts.min} and at most ${opts.max}`,
      `phải ${opts.minExclusive ? 'lớn hơn' : 'từ'} ${opts.min} và không quá ${opts.max}`,
    );
  }
  return v;
}
