// HTTP of change sets: drafts, edits, per-feature review and the change-set lifecycle.
import { Router } from 'express';
import type { Database } from '../db/database.ts';

export function changesetRoutes(_db: Database): Router {
  const router = Router();
  return router;
}
