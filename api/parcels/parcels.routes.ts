// HTTP of parcels: GET /api/parcels.
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { featureCollection, pageParams } from '../http/collection.ts';
import { pageOfParcels } from './parcels.store.ts';

export function parcelRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/parcels', async (req, res) => {
    const params = pageParams(req);
    const page = await pageOfParcels(db.knex, params);
    res.type('application/geo+json').json(featureCollection(req, params, page));
  });
  return router;
}
