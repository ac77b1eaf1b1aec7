// HTTP of the audit log: GET /api/audit (admins only).
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { requireRole } from '../http/auth.ts';
import { itemList } from '../http/collection.ts';
import { parseLimit, parseOffset, queryString } from '../http/query.ts';
import { listAudit } from './audit.store.ts';

export function auditRoutes(db: Database): Router {
  const router = Router();
  router.get('/api/audit', requireRole('admin'), async (req, res) => {
    const params = { limit: parseLimit(req), offset: parseOffset(req) };
    const page = await listAudit(db.knex, { ...params, entity: queryString(req, 'entity'), entity_id: queryString(req, 'entity_id') });
    res.json(itemList(req, params, page));
  });
  return router;
}
