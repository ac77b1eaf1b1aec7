// problem+json (RFC 9457) errors: one base class whose subclasses fix status, title and code.

export interface FieldError {
  /** JSON pointer into the request (body, or `/query/<name>` for query parameters). */
  path: string;
  message: string;
  /** The same in Vietnamese: the pages show it to Vietnamese readers, next to the field. */
  message_vi: string;
}

/** A sentence in both languages of the platform: the API answers in English and Vietnamese at once. */
export interface Bilingual {
  en: string;
  vi: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The detail in Vietnamese: what the pages show a Vietnamese reader. */
  detail_vi: string;
  code: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://spp.cantho.example/problems/';

export class ApiError extends Error {
  /** What went wrong and where, in English (also the Error's message, for logs). */
  readonly detail: string;
  readonly detail_vi: string;
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: Bilingual,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail.en);
    this.detail = detail.en;
    this.detail_vi = detail.vi;
  }
  toProblem(): ProblemDocument {
    return {
      // Extensions come first so they can never overwrite a member RFC 9457 defines.
      ...this.extensions,
      type: TYPE_BASE + this.code,
      title: this.title,
      status: this.status,
      detail: this.detail,
      detail_vi: this.detail_vi,
      code: this.code,
      ...(this.errors && this.errors.length ? { errors: this.errors } : {}),
    };
  }
}

export class ValidationError extends ApiError {
  constructor(detail: Bilingual, errors: FieldError[], code = 'invalid_input') {
    super(400, code, 'Invalid input', detail, errors);
  }
}

/** A single bad field, the commonest case. */
export function invalidField(path: string, message: string, message_vi: string): ValidationError {
  return new ValidationError({ en: `${path}: ${message}`, vi: `${path}: ${message_vi}` }, [{ path, message, message_vi }]);
}

/** A lead sentence followed by every field error ("/floors: must be …; /use: …"), in both languages. */
export function withFieldErrors(lead: Bilingual, errors: readonly FieldError[]): Bilingual {
  const list = (text: (e: FieldError) => string): string => errors.map((e) => `${e.path || '/'}: ${text(e)}`).join('; ');
  return { en: `${lead.en} ${list((e) => e.message)}`, vi: `${lead.vi} ${list((e) => e.message_vi)}` };
}

export class UnprocessableError extends ApiError {
  constructor(detail: Bilingual, errors?: FieldError[], code = 'unprocessable') {
    super(422, code, 'Unprocessable content', detail, errors);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(detail: Bilingual = { en: 'Sign in first: this action needs an account.', vi: 'Hãy đăng nhập trước: thao tác này cần tài khoản.' }) {
    super(401, 'unauthenticated', 'Authentication required', detail);
  }
}

export class ForbiddenError extends ApiError {
  constructor(detail: Bilingual) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends ApiError {
  constructor(detail: Bilingual, code = 'not_found') {
    super(404, code, 'Not found', detail);
  }
}

export class ConflictError extends ApiError {
  constructor(detail: Bilingual, code = 'conflict', extensions: Record<string, unknown> = {}) {
    super(409, code, 'Conflict', detail, undefined, extensions);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(detail: Bilingual) {
    super(413, 'payload_too_large', 'Payload too large', detail);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(detail: Bilingual) {
    super(415, 'unsupported_media_type', 'Unsupported media type', detail);
  }
}

export class TooManyRequestsError extends ApiError {
  constructor(detail: Bilingual, retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'Too many requests', detail, undefined, { retry_after_s: retryAfterSeconds });
  }
}

export class InternalError extends ApiError {
  constructor() {
    super(500, 'internal_error', 'Internal server error', {
      en: 'The server could not complete the request. It has been logged with this request id.',
      vi: 'Máy chủ không hoàn thành được yêu cầu. Lỗi đã được ghi lại kèm mã yêu cầu này.',
    });
  }
}
