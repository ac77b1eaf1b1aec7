// Change sets: planners' grouped edits of zones and constraints, checked, reviewed feature by feature, and applied as new feature versions on approval; never sees HTTP.
import type { Knex } from 'knex';
import type { Feature } from 'geojson';
import { recordAudit } from '../audit/audit.store.ts';
import { rolesVi } from '../auth/auth.types.ts';
import type { Polygonal } from '../checks/index.ts';
import type { EditCheckResult } from '../checks/zoning/index.ts';
import { hasBlockingErrors } from '../checks/zoning/index.ts';
import { FieldErrors } from '../http/body.ts';
import { ApiError, type Bilingual, ConflictError, ForbiddenError, NotFoundError, UnprocessableError, type FieldError } from '../http/problem.ts';
import { allowedChangeSetEvents, changeSetEventRoles, EDITABLE_STATUSES, planChangeSetTransition, REVIEWABLE_STATUSES, type ChangeSetEvent } from './changeset-lifecycle.ts';
import { changeSetEventVi, changeSetStatusVi, reviewDecisionVi } from './changeset-names.ts';
import { runEditChecks } from './changesets.checks.ts';
import { isAdmin, planContext, prepareEdits, resolvePlanId, stateOf, storeEdits } from './changesets.edits.ts';
import * as store from './changesets.store.ts';
import type {
  AuthUser,
  ChangeSetEditView,
  ChangeSetSummary,
  ChangeSetView,
  CreatedChangeSet,
  EditLayer,
  NewChangeSetInput,
  NewEdit,
  ReviewDecision,
} from './changesets.types.ts';
import { readChangeSetInput, readEdit, type ReadEdit } from './changesets.validation.ts';

export type { AuthUser, NewEdit } from './changesets.types.ts';

const holds = (u: AuthUser, role: 'planner' | 'reviewer'): boolean => isAdmin(u) || u.roles.includes(role);

const noChangeSet = (id: number): Bilingual => ({ en: `No change set has the id ${id}.`, vi: `Không có bộ thay đổi nào mang mã ${id}.` });
const noEdit = (id: number, editId: number): Bilingual => ({ en: `Change set ${id} has no edit ${editId}.`, vi: `Bộ thay đổi ${id} không có thay đổi nào mang mã ${editId}.` });
const NOTHING_APPLIED_VI = 'Chưa có thay đổi nào được áp dụng.';

function requirePlanner(user: AuthUser): void {
  if (!holds(user, 'planner')) {
    throw new ForbiddenError({
      en: `Editing zoning layers needs the role planner; you have ${user.roles.join(', ')}.`,
      vi: `Chỉnh sửa các lớp quy hoạch cần vai trò ${rolesVi(['planner'])}; vai trò của bạn: ${rolesVi(user.roles)}.`,
    });
  }
}

/** Stale lock_version → 409 naming the current one (the caller reloads and tries again). */
function checkLock(current: number, sent: number | null): void {
  if (sent !== null && sent !== current) {
    throw new ConflictError(
      {
        en: `The change set was changed by someone else (lock_version ${current}, you sent ${sent}): reload it and apply your change again.`,
        vi: `Bộ thay đổi đã được người khác cập nhật (phiên bản ${current}, bạn gửi ${sent}): hãy tải lại và thực hiện lại thao tác của bạn.`,
      },
      'stale_version',
      { current_version: current },
    );
  }
}

/**
 * Creates a draft change set with its edits in one transaction (imports use it): every edit is read
 * and resolved as POST /api/changesets/:id/edits does, problems reported under /edits/<index>, and
 * nothing is written unless all edits are accepted. Check results are stored with each edit.
 */
export async function createChangeSetWithEdits(
  knex: Knex,
  user: AuthUser,
  input: { title: string; plan_id?: number; effective_from?: string | null; source?: string },
  edits: NewEdit[],
  requestId?: string,
): Promise<{ id: number; edits: { id: number; checks: EditCheckResult[] }[] }> {
  requirePlanner(user);
  const { input: cs, errors } = readChangeSetInput({ ...input, effective_from: input.effective_from ?? undefined } as Record<string, unknown>);
  const reads: { pointer: string; edit: ReadEdit }[] = [];
  edits.forEach((raw, i) => {
    const edit = readEdit(raw, `/edits/${i}`, errors);
    if (edit) reads.push({ pointer: `/edits/${i}`, edit });
  });
  errors.throwIfAny({ en: 'The change set has invalid edits.', vi: 'Bộ thay đổi có thay đổi không hợp lệ.' });
  return knex.transaction(async (trx) => {
    const planId = await resolvePlanId(trx, cs.plan_id, '/plan_id');
    const id = await store.insertChangeSet(trx, { plan_id: planId, title: cs.title, author_id: user.id, effective_from: cs.effective_from, source: cs.source ?? 'editor' });
    const prepared = await prepareEdits(trx, user, planId, reads, []);
    const stored = await storeEdits(trx, id, planId, prepared, []);
    await recordAudit(trx, {
      user_id: user.id,
      action: 'create',
      entity: 'change_set',
      entity_id: id,
      after: { title: cs.title, plan_id: planId, effective_from: cs.effective_from, source: cs.source ?? 'editor', edits: stored.length },
      request_id: requestId,
    });
    return { id, edits: stored } satisfies CreatedChangeSet;
  });
}

/** The blocking results of edits as problem+json errors pointing at each edit. */
function blockingErrors(results: { id: number; checks: EditCheckResult[] }[]): FieldError[] {
  return results.flatMap((r) => r.checks.filter((c) => c.severity === 'error').map((c) => ({ path: `/edits/${r.id}`, message: `${c.id} (${c.code}): ${c.message}`, message_vi: `${c.id} (${c.code}): ${c.message_vi}` })));
}

export class ChangeSetsService {
  constructor(private readonly db: Knex) {}

  async create(user: AuthUser, input: NewChangeSetInput & { effective_from: string | null }, requestId?: string): Promise<ChangeSetView> {
    requirePlanner(user);
    const id = await this.db.transaction(async (trx) => {
      const planId = await resolvePlanId(trx, input.plan_id, '/plan_id');
      const newId = await store.insertChangeSet(trx, { plan_id: planId, title: input.title, author_id: user.id, effective_from: input.effective_from, source: input.source ?? 'editor' });
      await recordAudit(trx, { user_id: user.id, action: 'create', entity: 'change_set', entity_id: newId, after: { ...input, plan_id: planId }, request_id: requestId });
      return newId;
    });
    return this.get(user, id);
  }

  async get(user: AuthUser, id: number): Promise<ChangeSetView> {
    const cs = await store.findChangeSet(this.db, id);
    if (!cs) throw new NotFoundError(noChangeSet(id));
    const edits = await store.listEditViews(this.db, id);
    return { ...cs, edits, allowed_events: allowedChangeSetEvents(cs.status, user.roles, cs.author_id === user.id) };
  }

  async list(user: AuthUser, filter: { status?: string; mine?: boolean; plan_id?: number; limit: number; offset: number }): Promise<{ items: ChangeSetSummary[]; numberMatched: number }> {
    return store.pageOfChangeSets(this.db, { status: filter.status, plan_id: filter.plan_id, author_id: filter.mine ? user.id : undefined, limit: filter.limit, offset: filter.offset });
  }

  /** A draft set the user may edit: its author (or an admin), status draft, lock_version current. */
  private async lockForEditing(trx: Knex, user: AuthUser, id: number, lockVersion: number | null): Promise<store.LockedChangeSet> {
    requirePlanner(user);
    const cs = await store.lockChangeSet(trx, id);
    if (!cs) throw new NotFoundError(noChangeSet(id));
    if (cs.author_id !== user.id && !isAdmin(user)) throw new ForbiddenError({ en: 'Only the author of a change set edits it.', vi: 'Chỉ người lập bộ thay đổi mới được chỉnh sửa bộ thay đổi đó.' });
    if (!EDITABLE_STATUSES.includes(cs.status)) {
      throw new ConflictError(
        {
          en: `A change set that is ${cs.status} takes no more edits; only a draft does.`,
          vi: `Bộ thay đổi ở trạng thái ${changeSetStatusVi(cs.status)} không nhận thêm thay đổi; chỉ bộ ở trạng thái nháp mới nhận.`,
        },
        'not_editable',
        { current_status: cs.status },
      );
    }
    checkLock(cs.lock_version, lockVersion);
    return cs;
  }

  async addEdit(user: AuthUser, id: number, raw: Record<string, unknown>, lockVersion: number | null, requestId?: string): Promise<ChangeSetEditView & { lock_version: number }> {
    const errors = new FieldErrors();
    const edit = readEdit(raw, '', errors);
    errors.throwIfAny({ en: 'The edit has invalid fields.', vi: 'Thay đổi có trường không hợp lệ.' });
    const { editId, lock } = await this.db.transaction(async (trx) => {
      const cs = await this.lockForEditing(trx, user, id, lockVersion);
      const existing = await store.listStoredEdits(trx, id);
      const prepared = await prepareEdits(trx, user, cs.plan_id, [{ pointer: '', edit: edit! }], existing);
      const [stored] = await storeEdits(trx, id, cs.plan_id, prepared, existing);
      const lock = await store.touchChangeSet(trx, id);
      await recordAudit(trx, {
        user_id: user.id,
        action: 'add_edit',
        entity: 'change_set',
        entity_id: id,
        after: { edit_id: stored.id, op: edit!.op, layer: edit!.layer, feature_id: edit!.feature_id, base_version: prepared[0].base_version, blocking: hasBlockingErrors(stored.checks) },
        request_id: requestId,
      });
      return { editId: stored.id, lock };
    });
    const [view] = await store.listEditViews(this.db, id, editId);
    return { ...view, lock_version: lock };
  }

  async removeEdit(user: AuthUser, id: number, editId: number, lockVersion: number | null, requestId?: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await this.lockForEditing(trx, user, id, lockVersion);
      const [edit] = await store.listEditViews(trx, id, editId);
      if (!edit) throw new NotFoundError(noEdit(id, editId));
      await store.deleteEdit(trx, id, editId);
      await store.touchChangeSet(trx, id);
      await recordAudit(trx, { user_id: user.id, action: 'remove_edit', entity: 'change_set', entity_id: id, before: edit, request_id: requestId });
    });
  }

  async review(user: AuthUser, id: number, editId: number, review: { decision: ReviewDecision; comment: string | null; lock_version: number | null }, requestId?: string): Promise<ChangeSetEditView & { lock_version: number }> {
    if (!holds(user, 'reviewer')) {
      throw new ForbiddenError({
        en: `Reviewing edits needs the role reviewer; you have ${user.roles.join(', ')}.`,
        vi: `Thẩm định các thay đổi cần vai trò ${rolesVi(['reviewer'])}; vai trò của bạn: ${rolesVi(user.roles)}.`,
      });
    }
    const lock = await this.db.transaction(async (trx) => {
      const cs = await store.lockChangeSet(trx, id);
      if (!cs) throw new NotFoundError(noChangeSet(id));
      if (cs.author_id === user.id) {
        throw new ForbiddenError({
          en: 'Nobody reviews a change set they wrote: another reviewer decides on it.',
          vi: 'Không ai được thẩm định bộ thay đổi do chính mình lập: một người thẩm định khác sẽ quyết định.',
        });
      }
      if (!REVIEWABLE_STATUSES.includes(cs.status)) {
        throw new ConflictError(
          {
            en: `A change set that is ${cs.status} is not under review; edits are reviewed while it is submitted.`,
            vi: `Bộ thay đổi ở trạng thái ${changeSetStatusVi(cs.status)} không trong giai đoạn thẩm định; các thay đổi chỉ được thẩm định khi bộ thay đổi đã được trình.`,
          },
          'not_reviewable',
          { current_status: cs.status },
        );
      }
      checkLock(cs.lock_version, review.lock_version);
      const edit = await store.findEdit(trx, id, editId);
      if (!edit) throw new NotFoundError(noEdit(id, editId));
      // Overwriting another reviewer's decision must be deliberate: it needs the lock_version read.
      if (edit.review_decision !== null && edit.reviewed_by !== user.id && review.lock_version === null) {
        throw new ConflictError(
          {
            en: `Edit ${editId} was already reviewed (${edit.review_decision}) by another reviewer: send the change set's lock_version (${cs.lock_version}) to replace that decision.`,
            vi: `Thay đổi ${editId} đã có ý kiến thẩm định ${reviewDecisionVi(edit.review_decision)} của một người thẩm định khác: hãy gửi lock_version (phiên bản) của bộ thay đổi (${cs.lock_version}) để thay quyết định đó.`,
          },
          'already_reviewed',
          { current_version: cs.lock_version, review_decision: edit.review_decision },
        );
      }
      await store.setReview(trx, editId, { decision: review.decision, comment: review.comment, user_id: user.id });
      const lock = await store.touchChangeSet(trx, id);
      await recordAudit(trx, {
        user_id: user.id,
        action: 'review_edit',
        entity: 'change_set',
        entity_id: id,
        before: { edit_id: editId, decision: edit.review_decision, comment: edit.review_comment },
        after: { edit_id: editId, decision: review.decision, comment: review.comment },
        request_id: requestId,
      });
      return lock;
    });
    const [view] = await store.listEditViews(this.db, id, editId);
    return { ...view, lock_version: lock };
  }

  /** The set's edits as GeoJSON: added and modified features with their new geometry, removed ones with their last. */
  async diff(user: AuthUser, id: number): Promise<{ type: 'FeatureCollection'; change_set_id: number; status: string; features: Feature[] }> {
    const cs = await this.get(user, id);
    const features: Feature[] = cs.edits.map((e) => {
      const change = e.op === 'create' ? 'added' : e.op === 'modify' ? 'modified' : 'removed';
      const before = (e.before?.properties ?? null) as Record<string, unknown> | null;
      const after = (e.after?.properties ?? null) as Record<string, unknown> | null;
      const changed = before && after ? Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]) && !['version', 'valid_from', 'valid_to', 'change_set_id'].includes(k)) : [];
      const geometryChanged = e.op === 'modify' && JSON.stringify(e.before?.geometry) !== JSON.stringify(e.after?.geometry);
      return {
        type: 'Feature',
        id: `edit-${e.id}`,
        geometry: ((e.op === 'delete' ? e.before?.geometry : e.after?.geometry) ?? null) as Feature['geometry'],
        properties: {
          change,
          edit_id: e.id,
          op: e.op,
          layer: e.layer,
          feature_id: e.feature_id,
          base_version: e.base_version,
          changed_attributes: changed,
          geometry_changed: e.op === 'create' || geometryChanged,
          before,
          after,
          before_geometry: e.op === 'modify' ? (e.before?.geometry ?? null) : null,
          review_decision: e.review_decision,
          blocking: e.blocking,
        },
      };
    });
    return { type: 'FeatureCollection', change_set_id: id, status: cs.status, features };
  }

  async transition(user: AuthUser, id: number, req: { event: string; comment: string | null; lock_version: number | null }, requestId?: string): Promise<ChangeSetView> {
    // Checks refused at submit or approval are stored (the planner sees them) and the refusal comes after the commit.
    const refusal = await this.db.transaction(async (trx): Promise<ApiError | null> => {
      const cs = await store.lockChangeSet(trx, id);
      if (!cs) throw new NotFoundError(noChangeSet(id));
      const plan = planChangeSetTransition(cs.status, req.event, user.roles, cs.author_id === user.id);
      if (!plan.ok) {
        const allowed = plan.allowed.length ? plan.allowed.join(', ') : 'none for you';
        const allowedVi = plan.allowed.length ? plan.allowed.map(changeSetEventVi).join(', ') : 'không có bước nào dành cho bạn';
        if (plan.reason === 'forbidden') {
          throw new ForbiddenError({
            en: `"${req.event}" needs the role ${changeSetEventRoles(req.event as ChangeSetEvent).join(' or ')}; you have ${user.roles.join(', ')}.`,
            vi: `${changeSetEventVi(req.event)} cần vai trò ${rolesVi(changeSetEventRoles(req.event as ChangeSetEvent), ' hoặc ')}; vai trò của bạn: ${rolesVi(user.roles)}.`,
          });
        }
        if (plan.reason === 'own_change_set') {
          throw new ForbiddenError({
            en: `Nobody ${req.event === 'approve' ? 'approves' : 'rejects'} a change set they wrote: another reviewer decides on it.`,
            vi: `Không ai được ${req.event === 'approve' ? 'phê duyệt' : 'từ chối'} bộ thay đổi do chính mình lập: một người thẩm định khác sẽ quyết định.`,
          });
        }
        if (plan.reason === 'not_author') {
          throw new ForbiddenError({ en: `Only the author of a change set may ${req.event} it.`, vi: `Chỉ người lập bộ thay đổi mới được thực hiện bước ${changeSetEventVi(req.event)} với bộ thay đổi đó.` });
        }
        throw new ConflictError(
          plan.reason === 'unknown_event'
            ? {
                en: `"${req.event}" is not a change-set event; from ${cs.status} the allowed events are: ${allowed}.`,
                vi: `"${req.event}" không phải một bước xử lý bộ thay đổi; từ trạng thái ${changeSetStatusVi(cs.status)} các bước được phép là: ${allowedVi}.`,
              }
            : {
                en: `A change set that is ${cs.status} cannot take "${req.event}"; the allowed events are: ${allowed}.`,
                vi: `Bộ thay đổi ở trạng thái ${changeSetStatusVi(cs.status)} không thể nhận bước ${changeSetEventVi(req.event)}; các bước được phép là: ${allowedVi}.`,
              },
          'illegal_transition',
          { current_status: cs.status, allowed_events: plan.allowed },
        );
      }
      checkLock(cs.lock_version, req.lock_version);
      const edits = await store.listStoredEdits(trx, id);
      const to = plan.transition.to;
      if (req.event === 'submit') {
        if (!edits.length) throw new UnprocessableError({ en: 'An empty change set cannot be submitted: add at least one edit.', vi: 'Không thể trình bộ thay đổi trống: hãy thêm ít nhất một thay đổi.' }, [{ path: '/edits', message: 'holds no edit', message_vi: 'chưa có thay đổi nào' }], 'empty_change_set');
        await this.requireCurrentBases(trx, edits);
        const checked = await this.recheck(trx, cs.plan_id, edits, edits);
        await store.touchChangeSet(trx, id, { checks_run_at: trx.fn.now() });
        const blocking = checked.filter((c) => hasBlockingErrors(c.checks));
        if (blocking.length) {
          return new UnprocessableError(
            {
              en: `The change set cannot be submitted: ${blocking.length} edit(s) have blocking check errors (${blocking.map((b) => b.id).join(', ')}). Fix them and submit again.`,
              vi: `Không thể trình bộ thay đổi: ${blocking.length} thay đổi có lỗi kiểm tra chặn (${blocking.map((b) => b.id).join(', ')}). Hãy sửa các lỗi đó rồi trình lại.`,
            },
            blockingErrors(blocking),
            'blocking_check_errors',
          );
        }
        await store.touchChangeSet(trx, id, { status: to, submitted_at: trx.fn.now() });
      } else if (req.event === 'approve') {
        const refusal = await this.apply(trx, user, cs, edits, req.comment);
        if (refusal) return refusal;
      } else if (req.event === 'reject') {
        await store.touchChangeSet(trx, id, { status: to, decided_at: trx.fn.now(), decided_by: user.id, decision_comment: req.comment });
      } else {
        await store.touchChangeSet(trx, id, { status: to, decision_comment: req.comment });
      }
      await recordAudit(trx, {
        user_id: user.id,
        action: req.event,
        entity: 'change_set',
        entity_id: id,
        before: { status: cs.status },
        after: { status: to, comment: req.comment, edits: edits.length, applied: req.event === 'approve' ? edits.filter((e) => e.review_decision === 'approve').map((e) => e.id) : undefined },
        request_id: requestId,
      });
      return null;
    });
    if (refusal) throw refusal;
    return this.get(user, id);
  }

  /** Every modify/delete still edits the current version (else 409 naming edits, versions and the sets that moved them). */
  private async requireCurrentBases(trx: Knex, edits: store.StoredEdit[], lock = false): Promise<Record<EditLayer, Map<number, store.CurrentFeature>>> {
    const ids: Record<EditLayer, number[]> = { zones: [], constraints: [] };
    for (const e of edits) if (e.op !== 'create' && e.feature_id !== null) ids[e.layer].push(e.feature_id);
    const current = {
      zones: await store.currentFeatures(trx, 'zones', ids.zones, lock),
      constraints: await store.currentFeatures(trx, 'constraints', ids.constraints, lock),
    };
    const conflicts = edits.flatMap((e) => {
      if (e.op === 'create' || e.feature_id === null) return [];
      const cur = current[e.layer].get(e.feature_id);
      if (cur && cur.version === e.base_version) return [];
      return [{ edit_id: e.id, layer: e.layer, feature_id: e.feature_id, base_version: e.base_version, current_version: cur?.version ?? null, changed_by_change_set: cur?.change_set_id ?? null }];
    });
    if (conflicts.length) {
      const text = conflicts
        .map((c) => `edit ${c.edit_id} (${c.layer === 'zones' ? 'zone' : 'constraint'} ${c.feature_id}) was made on version ${c.base_version}, ${c.current_version === null ? 'the feature has since been deleted' : `the current version is ${c.current_version}${c.changed_by_change_set ? ` (change set ${c.changed_by_change_set})` : ''}`}`)
        .join('; ');
      const textVi = conflicts
        .map((c) => `thay đổi ${c.edit_id} (${c.layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} ${c.feature_id}) được thực hiện trên phiên bản ${c.base_version}, ${c.current_version === null ? 'đối tượng này sau đó đã bị xoá' : `phiên bản hiện hành là ${c.current_version}${c.changed_by_change_set ? ` (bộ thay đổi ${c.changed_by_change_set})` : ''}`}`)
        .join('; ');
      throw new ConflictError(
        {
          en: `Edits of this change set were overtaken by changes approved since: ${text}. Nothing was applied.`,
          vi: `Các thay đổi của bộ này đã cũ so với những thay đổi được phê duyệt sau đó: ${textVi}. ${NOTHING_APPLIED_VI}`,
        },
        'edit_conflict',
        { conflicts },
      );
    }
    return current;
  }

  /** Re-runs the checks of `targets` against the plan as it now is, with `all` applied; stores them. */
  private async recheck(trx: Knex, planId: number, all: store.StoredEdit[], targets: store.StoredEdit[]): Promise<{ id: number; checks: EditCheckResult[] }[]> {
    const results = await runEditChecks(trx, await planContext(trx, planId), all.map(stateOf), targets.map(stateOf));
    const updates = targets.map((t) => ({ id: t.id, checks: results.get(t.id) ?? [] }));
    await store.updateEditChecks(trx, updates);
    return updates;
  }

  /**
   * Approval: every edit must carry a review decision; the approved ones are re-checked against the
   * plan as it now is and applied in this transaction — modify/delete close the current version at
   * effective_from (refused when it is no longer the base version), create/modify open new versions.
   * Returns a refusal (422) when the checks block, after storing them; throws on conflicts.
   */
  private async apply(trx: Knex, user: AuthUser, cs: store.LockedChangeSet, edits: store.StoredEdit[], comment: string | null): Promise<ApiError | null> {
    const undecided = edits.filter((e) => e.review_decision === null);
    if (undecided.length) {
      throw new ConflictError(
        {
          en: `Every edit needs a review decision before the change set is approved; undecided: ${undecided.map((e) => e.id).join(', ')}.`,
          vi: `Mọi thay đổi phải có ý kiến thẩm định trước khi phê duyệt bộ thay đổi; chưa có ý kiến: ${undecided.map((e) => e.id).join(', ')}.`,
        },
        'edits_not_reviewed',
        { undecided_edit_ids: undecided.map((e) => e.id) },
      );
    }
    const approved = edits.filter((e) => e.review_decision === 'approve');
    if (!approved.length) {
      throw new ConflictError({ en: 'Every edit of this change set was rejected: reject the change set instead.', vi: 'Mọi thay đổi của bộ này đều bị từ chối: hãy từ chối cả bộ thay đổi.' }, 'nothing_approved');
    }
    const current = await this.requireCurrentBases(trx, approved, true);
    const checked = await this.recheck(trx, cs.plan_id, approved, approved);
    await store.touchChangeSet(trx, cs.id, { checks_run_at: trx.fn.now() });
    const blocking = checked.filter((c) => hasBlockingErrors(c.checks));
    if (blocking.length) {
      return new UnprocessableError(
        {
          en: `The change set cannot be approved: with the plan as it now is, ${blocking.length} approved edit(s) have blocking check errors (${blocking.map((b) => b.id).join(', ')}). Nothing was applied.`,
          vi: `Không thể phê duyệt bộ thay đổi: đối chiếu với đồ án quy hoạch hiện nay, ${blocking.length} thay đổi đã được phê duyệt có lỗi kiểm tra chặn (${blocking.map((b) => b.id).join(', ')}). ${NOTHING_APPLIED_VI}`,
        },
        blockingErrors(blocking),
        'blocking_check_errors',
      );
    }
    const effective = cs.effective_from ?? (await store.transactionNow(trx));
    for (const e of approved) {
      if (e.op === 'create' || e.feature_id === null) continue;
      const cur = current[e.layer].get(e.feature_id)!;
      if (new Date(cur.valid_from).getTime() >= new Date(effective).getTime()) {
        throw new ConflictError(
          {
            en: `Edit ${e.id}: the current version ${cur.version} of ${e.layer === 'zones' ? 'zone' : 'constraint'} ${e.feature_id} is valid from ${cur.valid_from}, not before this change set's effective_from ${effective}: a version cannot end before it begins. Nothing was applied.`,
            vi: `Thay đổi ${e.id}: phiên bản hiện hành ${cur.version} của ${e.layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} ${e.feature_id} có hiệu lực từ ${cur.valid_from}, không sớm hơn ngày hiệu lực (effective_from) ${effective} của bộ thay đổi này: một phiên bản không thể kết thúc trước khi bắt đầu. ${NOTHING_APPLIED_VI}`,
          },
          'effective_before_current_version',
          { edit_id: e.id, feature_id: e.feature_id, valid_from: cur.valid_from, effective_from: effective },
        );
      }
    }
    const meta = { plan_id: cs.plan_id, valid_from: effective, change_set_id: cs.id, created_by: cs.author_id };
    const created: { id: number; feature_id: number }[] = [];
    for (const layer of ['zones', 'constraints'] as const) {
      const mine = approved.filter((e) => e.layer === layer);
      // Close every version first, then open the new ones: a set may swap lot codes between zones.
      await store.closeVersions(trx, layer, mine.filter((e) => e.op !== 'create').map((e) => current[layer].get(e.feature_id!)!.row_id), effective);
      const opened = mine.filter((e) => e.op !== 'delete');
      const ids = await store.insertVersions(
        trx,
        layer,
        opened.map((e) => ({
          feature_id: e.op === 'create' ? null : e.feature_id,
          version: e.op === 'create' ? 1 : current[layer].get(e.feature_id!)!.version + 1,
          properties: e.after!.properties,
          geometry: e.after!.geometry as Polygonal,
        })),
        meta,
      );
      opened.forEach((e, i) => {
        if (e.op === 'create') created.push({ id: e.id, feature_id: ids[i] });
      });
    }
    await store.setEditFeatureIds(trx, created);
    await store.touchChangeSet(trx, cs.id, { status: 'approved', decided_at: trx.fn.now(), decided_by: user.id, decision_comment: comment, effective_from: effective });
    return null;
  }
}
