// Per-request id (honouring a sane X-Request-Id from a proxy) and one access-log line per request.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info('request', {
        request_id: requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        user_id: (res.locals.user as { id?: number } | undefined)?.id,
      });
    });
    next();
  };
}
