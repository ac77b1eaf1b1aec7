// HTTP of feasibility: POST /api/feasibility (public, rate-limited per client).
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { jsonObjectBody } from '../http/body.ts';
import { DEFAULT_FEASIBILITY_LIMIT, rateLimit, type RateLimitOptions } from './feasibility.rate-limit.ts';
import { FeasibilityService } from './feasibility.service.ts';
import { readFeasibilityInput } from './feasibility.validation.ts';
import { sendComputedJson } from '../http/computed-json.ts';

export interface FeasibilityRouteOptions {
  /** Requests per client and window (default 60 per minute). */
  rateLimit?: RateLimitOptions;
}

export function feasibilityRoutes(db: Database, options: FeasibilityRouteOptions = {}): Router {
  const router = Router();
  const service = new FeasibilityService(db.knex);
  // Counted before validation: a refused request has cost the server too.
  router.post('/api/feasibility', rateLimit(options.rateLimit ?? DEFAULT_FEASIBILITY_LIMIT), async (req, res) => {
    const { input, errors } = readFeasibilityInput(jsonObjectBody(req));
    errors.throwIfAny({ en: 'The sketch has invalid fields.', vi: 'Phác thảo có trường không hợp lệ.' });
    sendComputedJson(res, await service.assess(input));
  });
  return router;
}
