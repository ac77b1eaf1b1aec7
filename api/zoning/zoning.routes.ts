// HTTP of the public zoning reads: GET /api/plans, /api/zones, /api/constraints.
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { asOfParams, featureCollection, itemList, pageParams } from '../http/collection.ts';
import * as store from './zoning.store.ts';

export function zoningRoutes(db: Database): Router {
  const router = Router();

  router.get('/api/plans', async (req, res) => {
    const items = await store.listPublicPlans(db.knex);
    res.json(itemList(req, { limit: items.length, offset: 0 }, { items, numberMatched: items.length }));
  });

  router.get('/api/zones', async (req, res) => {
    const params = pageParams(req);
    const { date, asOf } = asOfParams(req);
    const page = await store.pageOfZones(db.knex, { ...params, asOf });
    res.type('application/geo+json').json(featureCollection(req, params, page, { as_of: date }));
  });

  router.get('/api/constraints', async (req, res) => {
    const params = pageParams(req);
    const { date, asOf } = asOfParams(req);
    const page = await store.pageOfConstraints(db.knex, { ...params, asOf });
    res.type('application/geo+json').json(featureCollection(req, params, page, { as_of: date }));
  });

  return router;
}
