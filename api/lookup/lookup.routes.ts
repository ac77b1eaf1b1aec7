// HTTP of lookup for investors and citizens: GET /api/lookup, GET /api/parcels/:id/rules and POST /api/feasibility.
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { queryString, type QueryReader } from '../http/query.ts';
import { feasibilityRoutes, type FeasibilityRouteOptions } from './feasibility.routes.ts';
import { LookupService } from './lookup.service.ts';
import { lookupQuery, parcelRulesQuery } from './lookup.validation.ts';
import { sendComputedJson } from '../http/computed-json.ts';

export function lookupRoutes(db: Database, options: FeasibilityRouteOptions = {}): Router {
  const router = Router();
  const service = new LookupService(db.knex);

  const query = (req: Request): QueryReader => (name) => queryString(req, name);

  router.get('/api/lookup', async (req, res) => {
    const { lon, lat, date } = lookupQuery(query(req));
    sendComputedJson(res, await service.atPoint(lon, lat, date));
  });

  router.get('/api/parcels/:id/rules', async (req, res) => {
    const { id, date } = parcelRulesQuery(String(req.params.id), query(req));
    sendComputedJson(res, await service.forParcel(id, date));
  });

  router.use(feasibilityRoutes(db, options));
  return router;
}
