// HTTP of planning permits: /api/permits, /api/permits/:id, …/compliance, …/transitions.
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { jsonObjectBody } from '../http/body.ts';
import { itemList } from '../http/collection.ts';
import { invalidField } from '../http/problem.ts';
import { parseDate, parseLimit, parseOffset, queryString } from '../http/query.ts';
import { PERMIT_STATUSES } from './permit-lifecycle.ts';
import { PermitsService } from './permits.service.ts';
import type { PermitInput } from './permits.types.ts';
import { readPermitInput, readTransition } from './permits.validation.ts';

function permitId(req: Request): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw invalidField('/path/id', 'must be a permit id (a positive whole number)', 'phải là mã số của một giấy phép xây dựng (số nguyên dương)');
  return Number(raw);
}

export function permitRoutes(db: Database): Router {
  const router = Router();
  const service = new PermitsService(db.knex);

  router.post('/api/permits', requireRole('permit_officer'), async (req, res) => {
    const user = requireUser(res);
    const { input, errors } = readPermitInput(jsonObjectBody(req), false);
    errors.throwIfAny({ en: 'The application has invalid fields.', vi: 'Hồ sơ đề nghị có trường không hợp lệ.' });
    const permit = await service.create(user, { parcel_id: null, site: null, basement_floors: 0, ...input } as PermitInput, res.locals.requestId);
    res.status(201).location(`/api/permits/${permit.id}`).json(permit);
  });

  router.get('/api/permits', async (req, res) => {
    const user = requireUser(res);
    const status = queryString(req, 'status');
    const statuses = [...PERMIT_STATUSES, 'expired'];
    if (status !== undefined && !statuses.includes(status)) throw invalidField('/query/status', `must be one of ${statuses.join(', ')}`, `phải là một trong: ${statuses.join(', ')}`);
    const params = { limit: parseLimit(req), offset: parseOffset(req) };
    const page = await service.list(user, { ...params, status, number: queryString(req, 'number'), ward: queryString(req, 'ward') });
    res.json(itemList(req, params, page));
  });

  router.get('/api/permits/:id', async (req, res) => {
    res.json(await service.get(requireUser(res), permitId(req)));
  });

  router.patch('/api/permits/:id', requireRole('permit_officer'), async (req, res) => {
    const user = requireUser(res);
    const body = jsonObjectBody(req);
    const { input, errors } = readPermitInput(body, true);
    if (typeof body.lock_version !== 'number' || !Number.isInteger(body.lock_version)) {
      errors.add('/lock_version', 'is required: the lock_version of the permit you edited', 'là bắt buộc: lock_version của giấy phép xây dựng mà bạn đã sửa');
    }
    errors.throwIfAny({ en: 'The amendment has invalid fields.', vi: 'Nội dung sửa đổi có trường không hợp lệ.' });
    res.json(await service.amend(user, permitId(req), body.lock_version as number, input, res.locals.requestId));
  });

  router.get('/api/permits/:id/compliance', async (req, res) => {
    res.json(await service.compliance(requireUser(res), permitId(req), parseDate(req)));
  });

  router.post('/api/permits/:id/transitions', async (req, res) => {
    const user = requireUser(res);
    const request = readTransition(jsonObjectBody(req));
    res.json(await service.transition(user, permitId(req), request, res.locals.requestId));
  });

  return router;
}
