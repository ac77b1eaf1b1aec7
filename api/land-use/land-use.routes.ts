// HTTP of the land-use code lists: GET /api/land-use-codes[?scheme=].
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { queryString } from '../http/query.ts';
import { invalidField } from '../http/problem.ts';
import { listLandUseCodes } from './land-use.store.ts';

const SCHEMES = ['planning', 'plan_symbol', 'land_law'];

export function landUseRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/land-use-codes', async (req, res) => {
    const scheme = queryString(req, 'scheme') ?? null;
    if (scheme !== null && !SCHEMES.includes(scheme)) throw invalidField('/query/scheme', `must be one of ${SCHEMES.join(', ')}`, `phải là một trong: ${SCHEMES.join(', ')}`);
    const items = await listLandUseCodes(db.knex, scheme);
    res.json({ numberMatched: items.length, numberReturned: items.length, items });
  });
  return router;
}
