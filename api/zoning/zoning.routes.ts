// HTTP of the public zoning reads: plans, zones and constraints (as of a date), feature history, the land-use balance.
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { asOfParams, featureCollection, itemList, pageParams } from '../http/collection.ts';
import { invalidField, NotFoundError } from '../http/problem.ts';
import { landUseBalance } from './zoning.service.ts';
import * as store from './zoning.store.ts';

function idParam(req: Request, what: string, what_vi: string): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw invalidField('/path/id', `must be ${what} (a positive whole number)`, `phải là ${what_vi} (một số nguyên dương)`);
  return Number(raw);
}

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

  // :id is the feature_id: the identity a zone keeps across versions, and the `id` GET /api/zones gives.
  for (const layer of ['zones', 'constraints'] as const) {
    router.get(`/api/${layer}/:id/history`, async (req, res) => {
      const featureId = idParam(
        req,
        `a ${layer === 'zones' ? 'zone' : 'constraint'} id as GET /api/${layer} gives it`,
        `mã ${layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} như GET /api/${layer} trả về`,
      );
      const items = await store.featureHistory(db.knex, layer, featureId);
      if (!items.length) {
        throw new NotFoundError({
          en: `No ${layer === 'zones' ? 'zone' : 'constraint'} of a public plan has the id ${featureId}.`,
          vi: `Không có ${layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} nào của một đồ án công khai mang mã ${featureId}.`,
        });
      }
      res.json({ layer, feature_id: featureId, numberMatched: items.length, numberReturned: items.length, items });
    });
  }

  router.get('/api/plans/:id/land-use-balance', async (req, res) => {
    const planId = idParam(req, 'a plan id', 'mã đồ án quy hoạch');
    const { date, asOf } = asOfParams(req);
    res.json(await landUseBalance(db.knex, planId, date, asOf));
  });

  return router;
}
