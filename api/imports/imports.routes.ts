// HTTP of imports into change sets (POST /api/imports) and layer exports (GET /api/zones/export).
import { Router } from 'express';
import type { Database } from '../db/database.ts';

export function importRoutes(_db: Database): Router {
  const router = Router();
  return router;
}
