// HTTP of wards: GET /api/wards.
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { featureCollection, pageParams } from '../http/collection.ts';
import { pageOfWards } from './wards.store.ts';

export function wardRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/wards', async (req, res) => {
    const params = pageParams(req);
    const page = await pageOfWards(db.knex, params);
    res.type('application/geo+json').json(featureCollection(req, params, page));
  });
  return router;
}
