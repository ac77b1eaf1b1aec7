// What every answer carries, from the Express app and the rule card's lane alike: a request id, one access-log line, the security headers and compression.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export interface TraceOptions {
  /** When the request arrived (process.hrtime.bigint()), if earlier than now. */
  started?: bigint;
  /** The signed-in user's id, read when the answer is finished. */
  userId?: () => number | undefined;
  /** Which path answered, when it is not the Express app (see api/lookup/lookup.lane.ts). */
  via?: string;
}

/**
 * Gives the request its id (a sane X-Request-Id from a proxy is kept), sets it on the answer and
 * logs one access line when the answer is finished. Returns the id.
 */
export function traceRequest(req: IncomingMessage, res: ServerResponse, logger: Logger, options: TraceOptions = {}): string {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const started = options.started ?? process.hrtime.bigint();
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info('request', {
      request_id: requestId,
      method: req.method,
      path: ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0],
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      user_id: options.userId?.(),
      via: options.via,
    });
  });
  return requestId;
}

/** Express middleware: traceRequest, the id kept in res.locals.requestId for problem details. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.locals.requestId = traceRequest(req, res, logger, { userId: () => (res.locals.user as { id?: number } | undefined)?.id });
    next();
  };
}

/** Headers of every answer: no MIME sniffing of JSON, no full URL sent to other sites. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
}

/**
 * Compression of answers of 1 KB and more, as the client accepts it (gzip, br or deflate): zone
 * pages of a city-centre view are about 1 MB of GeoJSON, and gzip makes them phone-sized.
 */
export function answerCompression(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return compression({ threshold: 1024 }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}
