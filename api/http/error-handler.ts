// The one place that turns any thrown error into a problem+json response (and logs the real cause).
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ApiError, type Bilingual, ConflictError, InternalError, NotFoundError, PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError, ValidationError } from './problem.ts';
import type { Logger } from './logger.ts';
import { jsonSyntaxFault } from './json-syntax.ts';

interface LibraryError {
  type?: string;
  status?: number;
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
  limit?: number;
}

const said = (en: string, vi: string): Bilingual => ({ en, vi });
/** The violated constraint's name, when PostgreSQL gives it: " (parcels_pkey)". */
const c = (e: LibraryError): string => (e.constraint ? ` (${e.constraint})` : '');
const CONCURRENT = said('A concurrent change got in first; retry the request.', 'Một thay đổi đồng thời đã được ghi trước; hãy gửi lại yêu cầu.');

/** PostgreSQL SQLSTATE → what the client is told. Everything else is a 500 with a generic detail. */
const SQLSTATE: Record<string, (e: LibraryError) => ApiError> = {
  '23505': (e) => new ConflictError(said(`A record with the same key already exists${c(e)}.`, `Đã có một bản ghi cùng khoá${c(e)}.`), 'duplicate'),
  '23503': (e) => new UnprocessableError(said(`A referenced record does not exist${c(e)}.`, `Bản ghi được tham chiếu không tồn tại${c(e)}.`), undefined, 'reference_missing'),
  '23514': (e) => new UnprocessableError(said(`A value is outside its allowed range${c(e)}.`, `Một giá trị nằm ngoài khoảng cho phép${c(e)}.`), undefined, 'constraint_violated'),
  '23502': () => new UnprocessableError(said('A required value is missing.', 'Thiếu một giá trị bắt buộc.'), undefined, 'value_missing'),
  '22P02': () => new ValidationError(said('A value has the wrong format.', 'Một giá trị sai định dạng.'), []),
  '22003': () => new UnprocessableError(said('A number is out of range.', 'Một số nằm ngoài khoảng cho phép.'), undefined, 'number_out_of_range'),
  '22007': () => new ValidationError(said('A date or time has the wrong format.', 'Một ngày hoặc giờ sai định dạng.'), []),
  '22008': () => new ValidationError(said('A date or time is out of range.', 'Một ngày hoặc giờ nằm ngoài khoảng cho phép.'), []),
  '40001': () => new ConflictError(CONCURRENT, 'serialization_failure'),
  '40P01': () => new ConflictError(CONCURRENT, 'deadlock'),
};

function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  const e = (err ?? {}) as LibraryError;
  // body-parser (express.json) errors carry a `type`.
  switch (e.type) {
    case 'entity.parse.failed': {
      const fault = jsonSyntaxFault(e.message ?? '');
      const at = fault.position === null ? { en: '', vi: '' } : { en: ` at position ${fault.position}`, vi: ` ở vị trí ${fault.position}` };
      return new ValidationError(
        said(`The request body is not valid JSON: ${fault.said.en}`, `Nội dung yêu cầu không phải JSON hợp lệ: ${fault.said.vi}`),
        [{ path: '', message: `malformed JSON${at.en}`, message_vi: `JSON không đúng cú pháp${at.vi}` }],
        'malformed_json',
      );
    }
    case 'entity.too.large':
      return new PayloadTooLargeError(said(`The request body is larger than the limit of ${e.limit ?? '?'} bytes.`, `Nội dung yêu cầu vượt giới hạn ${e.limit ?? '?'} byte.`));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError(said(e.message ?? 'Unsupported body encoding.', `Bảng mã của nội dung yêu cầu không được hỗ trợ${e.message ? ` (${e.message})` : ''}.`));
    case 'request.aborted':
      return new ValidationError(said('The request was aborted by the client.', 'Yêu cầu đã bị phía gửi huỷ giữa chừng.'), [], 'request_aborted');
  }
  if (typeof e.code === 'string' && SQLSTATE[e.code]) return SQLSTATE[e.code](e);
  // GEOS/PostGIS geometry errors come as SQLSTATE XX000 with a recognisable message.
  if (e.code === 'XX000' && /geometry|GEOS|ring|polygon|coordinate/i.test(e.message ?? '')) {
    return new UnprocessableError(said(`The geometry could not be processed: ${e.message}`, `Không xử lý được hình học: ${e.message}`), undefined, 'invalid_geometry');
  }
  return null;
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new NotFoundError(said(`No resource at ${req.method} ${req.path}.`, `Không có tài nguyên nào tại ${req.method} ${req.path}.`), 'route_not_found'));
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
