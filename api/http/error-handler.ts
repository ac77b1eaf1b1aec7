// The one place that turns any thrown error into a problem+json response (and logs the real cause).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, ConflictError, InternalError, NotFoundError, PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError, ValidationError } from './problem.ts';
import type { Logger } from './logger.ts';

interface LibraryError {
  type?: string;
  status?: number;
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
  limit?: number;
}

/** PostgreSQL SQLSTATE → what the client is told. Everything else is a 500 with a generic detail. */
const SQLSTATE: Record<string, (e: LibraryError) => ApiError> = {
  '23505': (e) => new ConflictError(`A record with the same key already exists${e.constraint ? ` (${e.constraint})` : ''}.`, 'duplicate'),
  '23503': (e) => new UnprocessableError(`A referenced record does not exist${e.constraint ? ` (${e.constraint})` : ''}.`, undefined, 'reference_missing'),
  '23514': (e) => new UnprocessableError(`A value is outside its allowed range${e.constraint ? ` (${e.constraint})` : ''}.`, undefined, 'constraint_violated'),
  '23502': () => new UnprocessableError('A required value is missing.', undefined, 'value_missing'),
  '22P02': () => new ValidationError('A value has the wrong format.', []),
  '22003': () => new UnprocessableError('A number is out of range.', undefined, 'number_out_of_range'),
  '22007': () => new ValidationError('A date or time has the wrong format.', []),
  '22008': () => new ValidationError('A date or time is out of range.', []),
  '40001': () => new ConflictError('A concurrent change got in first; retry the request.', 'serialization_failure'),
  '40P01': () => new ConflictError('A concurrent change got in first; retry the request.', 'deadlock'),
};

function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as LibraryError;
  // body-parser (express.json) errors carry a `type`.
  switch (e.type) {
    case 'entity.parse.failed':
      return new ValidationError(`The request body is not valid JSON: ${e.message ?? ''}`.trim(), [{ path: '', message: 'malformed JSON', message_vi: 'JSON không đúng cú pháp' }], 'malformed_json');
    case 'entity.too.large':
      return new PayloadTooLargeError(`The request body is larger than the limit of ${e.limit ?? '?'} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(e.message ?? 'Unsupported body encoding.');
    case 'request.aborted':
      return new ValidationError('The request was aborted by the client.', [], 'request_aborted');
  }
  if (typeof e.code === 'string' && SQLSTATE[e.code]) return SQLSTATE[e.code](e);
  // GEOS/PostGIS geometry errors come as SQLSTATE XX000 with a recognisable message.
  if (e.code === 'XX000' && /geometry|GEOS|ring|polygon|coordinate/i.test(e.message ?? '')) {
    return new UnprocessableError(`The geometry could not be processed: ${e.message}`, undefined, 'invalid_geometry');
  }
  return null;
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(`No resource at ${req.method} ${req.path}.`, 'route_not_found'));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const mapped = toApiError(err);
    const apiError = mapped ?? new InternalError();
    const requestId = res.locals.requestId as string | undefined;
    if (!mapped || apiError.status >= 500) {
      logger.error('request failed', { err, request_id: requestId, method: req.method, path: req.path });
    } else if (!(err instanceof ApiError)) {
      logger.warn('request refused by the database', { err, request_id: requestId, method: req.method, path: req.path });
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const problem = { ...apiError.toProblem(), instance: req.originalUrl, ...(requestId ? { request_id: requestId } : {}) };
    res.status(apiError.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
