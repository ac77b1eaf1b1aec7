// Edits of a change set: what a planner sent, resolved against the features in force, scoped to the planner's wards, checked and stored.
import type { Knex } from 'knex';
import type { Polygonal } from '../checks/index.ts';
import type { EditCheckResult } from '../checks/zoning/index.ts';
import { FieldErrors } from '../http/body.ts';
import { ApiError, type Bilingual, ConflictError, UnprocessableError, ValidationError, withFieldErrors } from '../http/problem.ts';
import { planStatusVi } from '../zoning/plan-names.ts';
import { boxOf, runEditChecks, sameGeometry, type EditState, type PlanCheckContext } from './changesets.checks.ts';
import * as store from './changesets.store.ts';
import type { AuthUser, EditFeature, EditLayer } from './changesets.types.ts';
import { LAYER_DEFAULTS, type ReadEdit } from './changesets.validation.ts';

export const isAdmin = (u: AuthUser): boolean => u.roles.includes('admin');

const featureOf = (id: number | null, geometry: unknown, properties: Record<string, unknown>): EditFeature =>
  ({ type: 'Feature', id: id ?? undefined, geometry: geometry ?? null, properties } as EditFeature);

/** Edits prepared for storing: what the planner sent, resolved against the features in force. */
export interface PreparedEdit {
  pointer: string;
  op: ReadEdit['op'];
  layer: EditLayer;
  feature_id: number | null;
  base_version: number | null;
  before: EditFeature | null;
  after: EditFeature | null;
}

export async function planContext(db: Knex, planId: number): Promise<PlanCheckContext> {
  const plan = await store.findPlanForEdits(db, planId);
  return { plan_id: planId, plan_boundary: plan?.boundary ?? null, land_use_codes: await store.planSymbolCodes(db) };
}

/**
 * Resolves read edits against the features in force: feature exists in the set's plan, base version
 * current (409 naming the current version), one edit per feature per set, ward codes exist, and the
 * planner's ward scope. Builds before (the version edited) and after (the proposed state; a modify
 * keeps what it does not send).
 */
export async function prepareEdits(db: Knex, user: AuthUser, planId: number, reads: { pointer: string; edit: ReadEdit }[], existing: store.StoredEdit[]): Promise<PreparedEdit[]> {
  const errors = new FieldErrors();
  const byLayer: Record<EditLayer, number[]> = { zones: [], constraints: [] };
  for (const { edit } of reads) if (edit.feature_id !== null) byLayer[edit.layer].push(edit.feature_id);
  const current: Record<EditLayer, Map<number, store.CurrentFeature>> = {
    zones: await store.currentFeatures(db, 'zones', byLayer.zones),
    constraints: await store.currentFeatures(db, 'constraints', byLayer.constraints),
  };
  const taken = new Map<string, Bilingual>();
  for (const e of existing) if (e.feature_id !== null && e.op !== 'create') taken.set(`${e.layer}:${e.feature_id}`, { en: `edit ${e.id} of this change set`, vi: `thay đổi ${e.id} của bộ này` });
  const wardCodes = [...new Set(reads.map((r) => r.edit.properties.ward_code).filter((w): w is string => typeof w === 'string'))];
  const knownWards = await store.existingWardCodes(db, wardCodes);

  const out: PreparedEdit[] = [];
  for (const { pointer, edit } of reads) {
    if (typeof edit.properties.ward_code === 'string' && !knownWards.has(edit.properties.ward_code)) {
      errors.add(`${pointer}/feature/properties/ward_code`, `no ward has the code ${edit.properties.ward_code} (see /api/wards)`, `không có phường, xã nào mang mã ${edit.properties.ward_code} (xem /api/wards)`);
    }
    let before: EditFeature | null = null;
    let baseVersion: number | null = null;
    let properties: Record<string, unknown>;
    let geometry: unknown = edit.geometry;
    if (edit.feature_id !== null) {
      const cur = current[edit.layer].get(edit.feature_id);
      const what = edit.layer === 'zones' ? 'zone' : 'constraint';
      const whatVi = edit.layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc';
      if (!cur) {
        errors.add(
          `${pointer}/feature_id`,
          `no ${what} with the feature id ${edit.feature_id} is in force (it never existed or was deleted)`,
          `không có ${whatVi} nào mang mã đối tượng ${edit.feature_id} đang có hiệu lực (chưa từng tồn tại hoặc đã bị xoá)`,
        );
        continue;
      }
      if (cur.plan_id !== planId) {
        errors.add(
          `${pointer}/feature_id`,
          `the ${what} ${edit.feature_id} belongs to plan ${cur.plan_id}; this change set edits plan ${planId}`,
          `${whatVi} ${edit.feature_id} thuộc đồ án quy hoạch ${cur.plan_id}; bộ thay đổi này sửa đồ án quy hoạch ${planId}`,
        );
        continue;
      }
      if (edit.base_version !== null && edit.base_version !== cur.version) {
        throw new ConflictError(
          {
            en: `${pointer || '/'}: the ${what} ${edit.feature_id} is at version ${cur.version}, but the edit was made on version ${edit.base_version}: reload the ${what} and edit its current version.`,
            vi: `${pointer || '/'}: ${whatVi} ${edit.feature_id} đang ở phiên bản ${cur.version}, nhưng thay đổi được lập trên phiên bản ${edit.base_version}: hãy tải lại ${whatVi} và sửa trên phiên bản hiện hành.`,
          },
          'stale_base_version',
          { feature_id: edit.feature_id, layer: edit.layer, base_version: edit.base_version, current_version: cur.version, pointer: `${pointer}/base_version` },
        );
      }
      const key = `${edit.layer}:${edit.feature_id}`;
      const held = taken.get(key);
      if (held) {
        throw new ConflictError(
          {
            en: `${pointer || '/'}: the ${what} ${edit.feature_id} already has an edit in this change set (${held.en}): remove that edit first, or edit it in one go.`,
            vi: `${pointer || '/'}: ${whatVi} ${edit.feature_id} đã có một thay đổi trong bộ này (${held.vi}): hãy bỏ thay đổi đó trước, hoặc gộp hai thay đổi làm một.`,
          },
          'duplicate_feature_edit',
          { feature_id: edit.feature_id, layer: edit.layer },
        );
      }
      taken.set(key, pointer ? { en: `the edit at ${pointer}`, vi: `thay đổi tại ${pointer}` } : { en: 'another edit', vi: 'một thay đổi khác' });
      baseVersion = cur.version;
      before = featureOf(cur.feature_id, cur.geometry, { ...cur.properties, version: cur.version, valid_from: cur.valid_from, change_set_id: cur.change_set_id });
      properties = { ...cur.properties, ...edit.properties };
      geometry ??= cur.geometry;
    } else {
      properties = { ...LAYER_DEFAULTS[edit.layer], ...edit.properties };
    }
    out.push({
      pointer,
      op: edit.op,
      layer: edit.layer,
      feature_id: edit.feature_id,
      base_version: baseVersion,
      before,
      after: edit.op === 'delete' ? null : featureOf(edit.feature_id, geometry, properties),
    });
  }
  // Unknown references in well-formed JSON: 422, all at once.
  if (errors.list.length) throw new UnprocessableError(withFieldErrors({ en: 'The edits cannot be accepted:', vi: 'Không tiếp nhận được các thay đổi:' }, errors.list), errors.list, 'invalid_edit');
  await checkWardScope(db, user, out);
  return out;
}

/** A planner with assigned wards edits only inside them (1 m tolerance): otherwise 403 naming the ward. */
async function checkWardScope(db: Knex, user: AuthUser, edits: PreparedEdit[]): Promise<void> {
  if (!user.ward_codes || isAdmin(user)) return;
  const geoms = edits.flatMap((e, idx) => {
    const geometry = (e.after?.geometry ?? e.before?.geometry) as Polygonal | null;
    return geometry ? [{ idx, geometry: closedRings(geometry) }] : [];
  });
  const outside = await store.outsideWards(db, user.ward_codes, geoms);
  if (!outside.length) return;
  const first = outside[0];
  const e = edits[first.idx];
  const named = first.wards.map((w) => `${w.name} (${w.code})`).join(', ');
  const wards = first.wards.length ? named : 'no ward of Cần Thơ';
  const liesVi = first.wards.length ? `nằm một phần trong ${named}` : 'nằm một phần ngoài mọi phường, xã của Cần Thơ';
  const reachesVi = first.wards.length ? `lấn sang ${named}` : 'lấn ra ngoài mọi phường, xã của Cần Thơ';
  const at = e.pointer ? `${e.pointer}: ` : '';
  const detail = {
    en: `${at}the edited ${e.layer === 'zones' ? 'zone' : 'constraint'} reaches into ${wards}, outside the wards assigned to you (${user.ward_codes.join(', ')}).`,
    vi: `${at}${e.layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} được chỉnh sửa ${reachesVi}, nằm ngoài các phường, xã được giao cho bạn (${user.ward_codes.join(', ')}).`,
  };
  throw new ApiError(403, 'outside_assigned_wards', 'Forbidden', detail, [{ path: `${e.pointer}/feature/geometry`, message: `lies partly in ${wards}`, message_vi: liesVi }], {
    wards: first.wards,
    assigned_wards: user.ward_codes,
  });
}

/** Rings closed and long enough for PostGIS to parse; the checks report the drawing fault itself. */
function closedRings(g: Polygonal): Polygonal {
  const fix = (ring: number[][]) => {
    const r = ring.map((p) => [p[0], p[1]]);
    if (r.length && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push(r[0]);
    return r;
  };
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((p) => p.map(fix).filter((r) => r.length >= 4)).filter((p) => p.length > 0);
  if (polys.length) return { type: 'MultiPolygon', coordinates: polys };
  const box = boxOf(g) ?? [0, 0, 0, 0];
  return { type: 'Polygon', coordinates: [[[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]], [box[0], box[1]]]] };
}

export const stateOf = (e: store.StoredEdit): EditState => ({
  key: e.id,
  op: e.op,
  layer: e.layer,
  feature_id: e.feature_id,
  after: e.after,
  geometry_unchanged: e.op === 'modify' && sameGeometry(e.before?.geometry, e.after?.geometry),
});

/**
 * Checks the prepared edits (against the set's stored edits and each other), stores them and
 * returns their ids with the results. Shared by POST /edits and imports.
 */
export async function storeEdits(trx: Knex, changeSetId: number, planId: number, prepared: PreparedEdit[], existing: store.StoredEdit[]): Promise<{ id: number; checks: EditCheckResult[] }[]> {
  // Temporary keys below zero keep new edits apart from stored ones (whose keys are their ids).
  const fresh: EditState[] = prepared.map((p, i) => ({
    key: -(i + 1),
    op: p.op,
    layer: p.layer,
    feature_id: p.feature_id,
    after: p.after,
    geometry_unchanged: p.op === 'modify' && sameGeometry(p.before?.geometry, p.after?.geometry),
  }));
  const results = await runEditChecks(trx, await planContext(trx, planId), [...existing.map(stateOf), ...fresh], fresh);
  const ids = await store.insertEdits(
    trx,
    changeSetId,
    prepared.map((p, i) => ({ op: p.op, layer: p.layer, feature_id: p.feature_id, base_version: p.base_version, before: p.before, after: p.after, checks: results.get(-(i + 1)) ?? [] })),
  );
  return ids.map((id, i) => ({ id, checks: results.get(-(i + 1)) ?? [] }));
}

export async function resolvePlanId(db: Knex, planId: number | undefined, pointer: string): Promise<number> {
  if (planId !== undefined) {
    const plan = await store.findPlanForEdits(db, planId);
    if (!plan) throw new UnprocessableError({ en: `${pointer}: no plan has the id ${planId}.`, vi: `${pointer}: không có đồ án quy hoạch nào mang mã ${planId}.` }, [{ path: pointer, message: `no plan has the id ${planId}`, message_vi: `không có đồ án quy hoạch nào mang mã ${planId}` }], 'invalid_change_set');
    if (!['in_force', 'draft'].includes(plan.status)) {
      throw new UnprocessableError(
        {
          en: `${pointer}: plan ${planId} is ${plan.status}; only plans in force or in draft take change sets.`,
          vi: `${pointer}: đồ án quy hoạch ${planId} đang ở trạng thái ${planStatusVi(plan.status)}; chỉ đồ án đang có hiệu lực hoặc đang là bản nháp mới nhận bộ thay đổi.`,
        },
        [{ path: pointer, message: `plan ${planId} is ${plan.status}`, message_vi: `đồ án quy hoạch ${planId} đang ở trạng thái ${planStatusVi(plan.status)}` }],
        'invalid_change_set',
      );
    }
    return planId;
  }
  const ids = await store.editablePlanIds(db);
  if (ids.length === 1) return ids[0];
  const detail: Bilingual = {
    en: `${pointer}: is required when several plans are in force (${ids.join(', ') || 'none is'}).`,
    vi: `${pointer}: là bắt buộc khi có nhiều đồ án đang có hiệu lực (${ids.join(', ') || 'hiện không có đồ án nào'}).`,
  };
  throw new ValidationError(detail, [
    { path: pointer, message: 'is required: the plan this change set edits', message_vi: 'là bắt buộc: đồ án quy hoạch mà bộ thay đổi này sửa' },
  ]);
}
