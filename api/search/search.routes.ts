// HTTP of the search box: GET /api/search?q=.
import { Router } from 'express';
import type { Database } from '../db/database.ts';
import { invalidField } from '../http/problem.ts';
import { queryString } from '../http/query.ts';
import { SearchService } from './search.service.ts';

/** Longer than any address, parcel reference or coordinate pair. */
const MAX_QUERY = 200;

export function searchRoutes(db: Database): Router {
  const router = Router();
  const service = new SearchService(db.knex);
  router.get('/api/search', async (req, res) => {
    const q = queryString(req, 'q')?.trim() ?? '';
    if (q === '') throw invalidField(
      '/query/q',
      'is required: số tờ / số thửa ("tờ 12 thửa 345" or "12/345"), an address, a ward, or coordinates',
      'là bắt buộc: số tờ / số thửa ("tờ 12 thửa 345" hoặc "12/345"), một địa chỉ, một phường/xã, hoặc tọa độ',
    );
    if (q.length > MAX_QUERY) throw invalidField('/query/q', `must be at most ${MAX_QUERY} characters`, `tối đa ${MAX_QUERY} ký tự`);
    res.json(await service.search(q));
  });
  return router;
}
