// HTTP of change sets: drafts, edits, per-feature review, the diff and the change-set lifecycle.
import { Router, type Request } from 'express';
import type { Database } from '../db/database.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { FieldErrors, jsonObjectBody } from '../http/body.ts';
import { itemList } from '../http/collection.ts';
import { invalidField } from '../http/problem.ts';
import { parseLimit, parseOffset, queryString } from '../http/query.ts';
import { CHANGE_SET_STATUSES } from './changeset-lifecycle.ts';
import { ChangeSetsService } from './changesets.service.ts';
import { readChangeSetInput, readLockVersion, readReview, readTransition } from './changesets.validation.ts';

function idParam(req: Request, name: 'id' | 'editId'): number {
  const raw = String(req.params[name]);
  if (!/^\d{1,9}$/.test(raw)) {
    throw invalidField(
      `/path/${name}`,
      `must be ${name === 'id' ? 'a change set' : 'an edit'} id (a positive whole number)`,
      `phải là mã ${name === 'id' ? 'bộ thay đổi' : 'thay đổi'} (một số nguyên dương)`,
    );
  }
  return Number(raw);
}

/**
 * The lock_version a writer read: `If-Match: "7"` (or 7, W/"7") or `lock_version` in the body; when
 * both are sent they must agree. Null when neither is sent (the write is then not conditional).
 */
function lockVersionOf(req: Request, body: Record<string, unknown> | null): number | null {
  const errors = new FieldErrors();
  const fromBody = body ? readLockVersion(body, errors) : null;
  errors.throwIfAny();
  const header = req.get('if-match');
  if (header === undefined) return fromBody;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw invalidField('/header/If-Match', 'must be the lock_version of the change set, e.g. "7"', 'phải là lock_version (phiên bản) của bộ thay đổi, ví dụ "7"');
  const fromHeader = Number(m[1]);
  if (fromBody !== null && fromBody !== fromHeader) throw invalidField('/lock_version', `differs from If-Match (${fromHeader})`, `khác với phiên bản trong If-Match (${fromHeader})`);
  return fromHeader;
}

export function changesetRoutes(db: Database): Router {
  const router = Router();
  const service = new ChangeSetsService(db.knex);
  const staff = requireRole('planner', 'reviewer');

  router.post('/api/changesets', requireRole('planner'), async (req, res) => {
    const { input, errors } = readChangeSetInput(jsonObjectBody(req));
    errors.throwIfAny({ en: 'The change set has invalid fields.', vi: 'Bộ thay đổi có trường không hợp lệ.' });
    const cs = await service.create(requireUser(res), input, res.locals.requestId);
    res.status(201).location(`/api/changesets/${cs.id}`).setHeader('ETag', `"${cs.lock_version}"`);
    res.json(cs);
  });

  router.get('/api/changesets', staff, async (req, res) => {
    const status = queryString(req, 'status');
    if (status !== undefined && status !== '' && !(CHANGE_SET_STATUSES as readonly string[]).includes(status)) throw invalidField('/query/status', `must be one of ${CHANGE_SET_STATUSES.join(', ')}`, `phải là một trong: ${CHANGE_SET_STATUSES.join(', ')}`);
    const mine = queryString(req, 'mine');
    if (mine !== undefined && !['true', 'false', ''].includes(mine)) throw invalidField('/query/mine', 'must be true or false', 'phải là true hoặc false');
    const planRaw = queryString(req, 'plan_id');
    if (planRaw !== undefined && planRaw !== '' && !/^\d{1,9}$/.test(planRaw)) throw invalidField('/query/plan_id', 'must be a plan id', 'phải là mã đồ án quy hoạch');
    const params = { limit: parseLimit(req), offset: parseOffset(req) };
    const page = await service.list(requireUser(res), { ...params, status: status || undefined, mine: mine === 'true', plan_id: planRaw ? Number(planRaw) : undefined });
    res.json(itemList(req, params, page));
  });

  router.get('/api/changesets/:id', staff, async (req, res) => {
    const cs = await service.get(requireUser(res), idParam(req, 'id'));
    res.setHeader('ETag', `"${cs.lock_version}"`);
    res.json(cs);
  });

  router.get('/api/changesets/:id/diff', staff, async (req, res) => {
    res.type('application/geo+json').json(await service.diff(requireUser(res), idParam(req, 'id')));
  });

  router.post('/api/changesets/:id/edits', requireRole('planner'), async (req, res) => {
    const body = jsonObjectBody(req);
    const edit = await service.addEdit(requireUser(res), idParam(req, 'id'), body, lockVersionOf(req, body), res.locals.requestId);
    res.status(201).location(`/api/changesets/${edit.change_set_id}/edits/${edit.id}`).setHeader('ETag', `"${edit.lock_version}"`);
    res.json(edit);
  });

  router.delete('/api/changesets/:id/edits/:editId', requireRole('planner'), async (req, res) => {
    await service.removeEdit(requireUser(res), idParam(req, 'id'), idParam(req, 'editId'), lockVersionOf(req, null), res.locals.requestId);
    res.status(204).end();
  });

  router.post('/api/changesets/:id/edits/:editId/review', requireRole('reviewer'), async (req, res) => {
    const body = jsonObjectBody(req);
    const review = readReview(body);
    const edit = await service.review(requireUser(res), idParam(req, 'id'), idParam(req, 'editId'), { ...review, lock_version: lockVersionOf(req, body) }, res.locals.requestId);
    res.setHeader('ETag', `"${edit.lock_version}"`);
    res.json(edit);
  });

  router.post('/api/changesets/:id/transitions', async (req, res) => {
    const user = requireUser(res);
    const body = jsonObjectBody(req);
    const t = readTransition(body);
    const cs = await service.transition(user, idParam(req, 'id'), { ...t, lock_version: lockVersionOf(req, body) }, res.locals.requestId);
    res.setHeader('ETag', `"${cs.lock_version}"`);
    res.json(cs);
  });

  return router;
}
