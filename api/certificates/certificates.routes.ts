// HTTP of planning-information sheets: POST /api/certificates, GET /api/certificates/:code(.pdf).
import { Router } from 'express';
import type { Database } from '../db/database.ts';

export function certificateRoutes(_db: Database): Router {
  const router = Router();
  return router;
}
