// The rule card's lane: anonymous GETs of a card answered from node:http in front of the Express app, which answers everything else.
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Database } from '../db/database.ts';
import { SESSION_COOKIE } from '../http/auth.ts';
import type { Logger } from '../http/logger.ts';
import { searchParamsReader } from '../http/query.ts';
import { answerCompression, setSecurityHeaders, traceRequest } from '../http/request-context.ts';
import { LookupService } from './lookup.service.ts';
import { lookupQuery, parcelRulesQuery } from './lookup.validation.ts';
import type { RuleCard } from './lookup.types.ts';

const PARCEL_RULES = /^\/api\/parcels\/([^/]+)\/rules$/;

/** Names the lane in the access log's `via` field. */
export const CARD_LANE = 'card-lane';

/**
 * Why: a card is the public map's answer to every click, and the server's most frequent request.
 * Express 5 with its routers costs more CPU per request than computing a small card (see
 * bench/lookup.bench.ts: its `floor` row, GET /api/health through the app), so the lane answers
 * what it can answer exactly as the app would, without the app:
 * - GET /api/lookup and GET /api/parcels/:id/rules, written exactly so;
 * - no bearer token (the app checks it and may refuse it) and no session cookie (the app names the
 *   user in the access log);
 * - valid parameters, read by the routes' own functions (lookup.validation.ts).
 * It gives the answer the app's request id and access line, compression and security headers
 * (http/request-context.ts), and the JSON of sendComputedJson. Every other request, and a card
 * request whose card fails (an unknown parcel, a database error), goes to the app, which reads it
 * again and answers or says what is wrong. test/api/lookup-lane.test.ts compares the two answers.
 */
export function cardLane(app: RequestListener, db: Database, logger: Logger): RequestListener {
  const service = new LookupService(db.knex);
  const compress = answerCompression();
  return (req, res) => {
    const started = process.hrtime.bigint();
    const card = laneCard(req, service);
    if (!card) {
      app(req, res);
      return;
    }
    card
      .then(
        (body) => {
          const text = JSON.stringify(body);
          traceRequest(req, res, logger, { started, via: CARD_LANE });
          compress(req, res, () => {
            setSecurityHeaders(res);
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.end(text);
          });
        },
        () => app(req, res),
      )
      .catch((err: unknown) => {
        logger.error('card lane: the answer could not be sent', { err });
        res.destroy();
      });
  };
}

/** The card the lane will answer with, or null when the request is the app's to answer. */
function laneCard(req: IncomingMessage, service: LookupService): Promise<RuleCard> | null {
  if (req.method !== 'GET' || req.headers.authorization !== undefined) return null;
  if (req.headers.cookie?.includes(`${SESSION_COOKIE}=`)) return null;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  try {
    const read = searchParamsReader(new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
    if (path === '/api/lookup') {
      const { lon, lat, date } = lookupQuery(read);
      return service.atPoint(lon, lat, date);
    }
    const rules = PARCEL_RULES.exec(path);
    if (rules) {
      const { id, date } = parcelRulesQuery(rules[1], read);
      return service.forParcel(id, date);
    }
  } catch {
    // Invalid parameters: the app says which.
  }
  return null;
}
