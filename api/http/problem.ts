// problem+json (RFC 9457) errors: one base class whose subclasses fix status, title and code.

export interface FieldError {
  /** JSON pointer into the request (body, or `/query/<name>` for query parameters). */
  path: string;
  message: string;
  /** The same in Vietnamese: the pages show it to Vietnamese readers, next to the field. */
  message_vi: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://spp.cantho.example/problems/';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
  toProblem(): ProblemDocument {
    return {
      // Extensions come first so they can never overwrite a member RFC 9457 defines.
      ...this.extensions,
      type: TYPE_BASE + this.code,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(this.errors && this.errors.length ? { errors: this.errors } : {}),
    };
  }
}

export class ValidationError extends ApiError {
  constructor(detail: string, errors: FieldError[], code = 'invalid_input') {
    super(400, code, 'Invalid input', detail, errors);
  }
}

/** A single bad field, the commonest case. */
export function invalidField(path: string, message: string, message_vi: string): ValidationError {
  return new ValidationError(`${path}: ${message}`, [{ path, message, message_vi }]);
}

export class UnprocessableError extends ApiError {
  constructor(detail: string, errors?: FieldError[], code = 'unprocessable') {
    super(422, code, 'Unprocessable content', detail, errors);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(detail = 'Sign in first: this action needs an account.') {
    super(401, 'unauthenticated', 'Authentication required', detail);
  }
}

export class ForbiddenError extends ApiError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class NotFoundError extends ApiError {
  constructor(detail: string, code = 'not_found') {
    super(404, code, 'Not found', detail);
  }
}

export class ConflictError extends ApiError {
  constructor(detail: string, code = 'conflict', extensions: Record<string, unknown> = {}) {
    super(409, code, 'Conflict', detail, undefined, extensions);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(detail: string) {
    super(413, 'payload_too_large', 'Payload too large', detail);
  }
}

export class UnsupportedMediaTypeError extends ApiError {
  constructor(detail: string) {
    super(415, 'unsupported_media_type', 'Unsupported media type', detail);
  }
}

export class TooManyRequestsError extends ApiError {
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'too_many_requests', 'Too many requests', detail, undefined, { retry_after_s: retryAfterSeconds });
  }
}

export class InternalError extends ApiError {
  constructor() {
    super(500, 'internal_error', 'Internal server error', 'The server could not complete the request. It has been logged with this request id.');
  }
}
