// Reading change-set requests: the set, its edits (GeoJSON features with the layer's attributes), reviews and transitions, every problem with its JSON pointer.
import type { Polygonal } from '../checks/index.ts';
import { FieldErrors, stringField } from '../http/body.ts';
import { polygonalField } from '../http/geometry-input.ts';
import { CONSTRAINT_KINDS, CONSTRAINT_RULES } from '../zoning/zoning.types.ts';
import { EDIT_LAYERS, EDIT_OPS, type EditLayer, type EditOp, type NewChangeSetInput, type ReviewDecision } from './changesets.types.ts';

/** An edit after reading: attributes only as sent (a modify merges them with the feature's current ones). */
export interface ReadEdit {
  op: EditOp;
  layer: EditLayer;
  feature_id: number | null;
  base_version: number | null;
  geometry: Polygonal | null;
  properties: Record<string, unknown>;
}

type FieldKind =
  | { type: 'text'; max: number; required?: boolean; pattern?: RegExp; patternMessage?: string; patternMessage_vi?: string }
  | { type: 'number'; min: number; max: number; integer?: boolean }
  | { type: 'text_list'; maxItems: number; maxLength: number }
  | { type: 'enum'; values: readonly string[]; required?: boolean };

/**
 * Attributes of each layer with the ranges of the tables' CHECK constraints, so an edit that is
 * accepted can always be stored. Consistency between attributes (FAR against coverage × storeys …)
 * is not refused here: it is a check result the planner sees and must clear before submitting.
 */
export const LAYER_ATTRIBUTES: Record<EditLayer, Record<string, FieldKind>> = {
  zones: {
    lot_code: { type: 'text', max: 32, required: true },
    land_use_code: { type: 'text', max: 40, required: true, pattern: /^[A-Za-z0-9._-]{1,40}$/, patternMessage: 'must be a land-use code such as HH or CX (letters, digits, . _ -)', patternMessage_vi: 'phải là mã chức năng sử dụng đất, ví dụ HH hoặc CX (chữ cái, chữ số, . _ -)' },
    name: { type: 'text', max: 500 },
    max_coverage_pct: { type: 'number', min: 0, max: 100 },
    max_far: { type: 'number', min: 0, max: 20 },
    max_floors: { type: 'number', min: 0, max: 200, integer: true },
    max_height_m: { type: 'number', min: 0, max: 1000 },
    min_setback_m: { type: 'number', min: 0, max: 200 },
    permitted_uses: { type: 'text_list', maxItems: 50, maxLength: 40 },
    citation: { type: 'text', max: 1000 },
    ward_code: { type: 'text', max: 5, pattern: /^[0-9]{5}$/, patternMessage: 'must be a 5-digit ward code', patternMessage_vi: 'phải là mã phường, xã gồm 5 chữ số' },
  },
  constraints: {
    kind: { type: 'enum', values: CONSTRAINT_KINDS, required: true },
    rule: { type: 'enum', values: CONSTRAINT_RULES, required: true },
    value: { type: 'number', min: 0, max: 999999.99 },
    tolerance_m: { type: 'number', min: 0, max: 10 },
    name: { type: 'text', max: 500 },
    citation: { type: 'text', max: 1000 },
  },
};

/** Properties the API itself puts on features (GET /api/zones, history): sent back, they are ignored. */
const READ_ONLY_PROPERTIES = new Set(['id', 'feature_id', 'plan_id', 'version', 'valid_from', 'valid_to', 'change_set_id', 'created_by', 'created_at', 'land_use_scheme']);

/** Attribute values of a layer when a new feature leaves them out. */
export const LAYER_DEFAULTS: Record<EditLayer, Record<string, unknown>> = {
  zones: { name: null, max_coverage_pct: null, max_far: null, max_floors: null, max_height_m: null, min_setback_m: null, permitted_uses: [], citation: null, ward_code: null },
  constraints: { value: null, tolerance_m: 0.1, name: null, citation: null },
};

function readAttribute(path: string, kind: FieldKind, v: unknown, errors: FieldErrors): unknown {
  if (v === null) {
    if ((kind.type === 'text' || kind.type === 'enum') && kind.required) errors.add(path, 'is required', 'là bắt buộc');
    return kind.type === 'text_list' ? [] : null;
  }
  switch (kind.type) {
    case 'text': {
      if (typeof v !== 'string') return errors.add(path, 'must be a string', 'phải là chuỗi ký tự');
      const s = v.trim();
      if (kind.required && !s) return errors.add(path, 'must not be empty', 'không được để trống');
      if (s.length > kind.max) return errors.add(path, `must be at most ${kind.max} characters`, `tối đa ${kind.max} ký tự`);
      if (s && kind.pattern && !kind.pattern.test(s)) return errors.add(path, kind.patternMessage ?? 'has an invalid form', kind.patternMessage_vi ?? 'không đúng định dạng');
      return s === '' ? null : s;
    }
    case 'enum':
      if (typeof v !== 'string' || !kind.values.includes(v)) return errors.add(path, `must be one of ${kind.values.join(', ')}`, `phải là một trong: ${kind.values.join(', ')}`);
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return errors.add(path, 'must be a number or null', 'phải là số hoặc null');
      if (kind.integer && !Number.isInteger(v)) return errors.add(path, 'must be a whole number', 'phải là số nguyên');
      if (v < kind.min || v > kind.max) return errors.add(path, `must be from ${kind.min} to ${kind.max}`, `phải từ ${kind.min} đến ${kind.max}`);
      return v;
    case 'text_list': {
      if (!Array.isArray(v)) return errors.add(path, 'must be an array of strings', 'phải là một mảng các chuỗi ký tự');
      if (v.length > kind.maxItems) return errors.add(path, `must hold at most ${kind.maxItems} items`, `chỉ được chứa tối đa ${kind.maxItems} phần tử`);
      const out: string[] = [];
      v.forEach((s, i) => {
        if (typeof s !== 'string' || !s.trim() || s.length > kind.maxLength) errors.add(`${path}/${i}`, `must be a non-empty string of at most ${kind.maxLength} characters`, `phải là chuỗi ký tự không rỗng, tối đa ${kind.maxLength} ký tự`);
        else out.push(s.trim().toUpperCase());
      });
      return out;
    }
  }
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 2_147_483_647;

/**
 * One edit as POST /api/changesets/:id/edits takes it (and each element of an import), its errors
 * reported under `prefix` (e.g. /edits/12). Create: feature with geometry and the required
 * attributes. Modify: feature_id, and a feature with the attributes and/or geometry that change
 * (the rest is kept). Delete: feature_id only.
 */
export function readEdit(raw: unknown, prefix: string, errors: FieldErrors): ReadEdit | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.add(prefix, 'must be an object { op, layer, feature_id?, base_version?, feature? }', 'phải là một đối tượng JSON { op, layer, feature_id?, base_version?, feature? }');
    return null;
  }
  const body = raw as Record<string, unknown>;
  const before = errors.list.length;
  for (const key of Object.keys(body)) if (!['op', 'layer', 'feature_id', 'base_version', 'feature', 'lock_version'].includes(key)) errors.add(`${prefix}/${key}`, 'is not a field of an edit', 'không phải là trường của một thay đổi');
  const op = body.op as EditOp;
  if (!EDIT_OPS.includes(op)) errors.add(`${prefix}/op`, `must be one of ${EDIT_OPS.join(', ')}`, `phải là một trong: ${EDIT_OPS.join(', ')}`);
  const layer = body.layer as EditLayer;
  if (!EDIT_LAYERS.includes(layer)) errors.add(`${prefix}/layer`, `must be one of ${EDIT_LAYERS.join(', ')}`, `phải là một trong: ${EDIT_LAYERS.join(', ')}`);
  let featureId: number | null = null;
  if (body.feature_id !== undefined && body.feature_id !== null) {
    if (!positiveInt(body.feature_id)) errors.add(`${prefix}/feature_id`, 'must be a feature id (a positive whole number)', 'phải là mã đối tượng (một số nguyên dương)');
    else if (op === 'create') errors.add(`${prefix}/feature_id`, 'must be left out: a create edit makes a new feature, whose id is given at approval', 'phải bỏ trống: thay đổi tạo mới sẽ tạo ra một đối tượng mới, mã của đối tượng được cấp khi phê duyệt');
    else featureId = body.feature_id;
  } else if (op === 'modify' || op === 'delete') {
    const list = `/api/${EDIT_LAYERS.includes(layer) ? layer : 'zones'}`;
    errors.add(`${prefix}/feature_id`, `is required for a ${op} edit: the id of the feature (as GET ${list} gives it)`, `là bắt buộc với thay đổi ${op}: mã của đối tượng (như GET ${list} trả về)`);
  }
  let baseVersion: number | null = null;
  if (body.base_version !== undefined && body.base_version !== null) {
    if (!positiveInt(body.base_version)) errors.add(`${prefix}/base_version`, 'must be the version you edited (a positive whole number)', 'phải là phiên bản mà bạn đã sửa (một số nguyên dương)');
    else if (op === 'create') errors.add(`${prefix}/base_version`, 'must be left out for a create edit', 'phải bỏ trống với thay đổi tạo mới');
    else baseVersion = body.base_version;
  }
  let geometry: Polygonal | null = null;
  const properties: Record<string, unknown> = {};
  const f = body.feature;
  if (op === 'delete' || !EDIT_OPS.includes(op) || !EDIT_LAYERS.includes(layer)) {
    // A delete needs no feature: one sent along (the client's copy) is ignored.
  } else if (f === undefined || f === null) {
    errors.add(
      `${prefix}/feature`,
      op === 'create' ? 'is required: a GeoJSON Feature with the geometry and attributes of the new feature' : 'is required: a GeoJSON Feature with the attributes and/or geometry that change',
      op === 'create' ? 'là bắt buộc: một Feature GeoJSON chứa hình học và thuộc tính của đối tượng mới' : 'là bắt buộc: một Feature GeoJSON chứa các thuộc tính và/hoặc hình học cần thay đổi',
    );
  } else if (typeof f !== 'object' || Array.isArray(f) || (f as { type?: unknown }).type !== 'Feature') {
    errors.add(`${prefix}/feature`, 'must be a GeoJSON Feature object ({ "type": "Feature", "geometry", "properties" })', 'phải là một đối tượng Feature GeoJSON ({ "type": "Feature", "geometry", "properties" })');
  } else {
    const feature = f as Record<string, unknown>;
    if (feature.geometry !== undefined && feature.geometry !== null) {
      const local = new FieldErrors();
      geometry = polygonalField(feature, 'geometry', local, 'EPSG:4326', false);
      for (const e of local.list) errors.add(`${prefix}/feature${e.path}`, e.message, e.message_vi);
    } else if (op === 'create') errors.add(`${prefix}/feature/geometry`, 'is required: a GeoJSON Polygon or MultiPolygon in EPSG:4326 (lon, lat)', 'là bắt buộc: một Polygon hoặc MultiPolygon GeoJSON theo EPSG:4326 (kinh độ, vĩ độ)');
    const props = feature.properties;
    if (props !== undefined && props !== null && (typeof props !== 'object' || Array.isArray(props))) {
      errors.add(`${prefix}/feature/properties`, 'must be an object of attributes', 'phải là một đối tượng JSON gồm các thuộc tính');
    } else {
      const given = (props ?? {}) as Record<string, unknown>;
      const spec = LAYER_ATTRIBUTES[layer];
      for (const [key, v] of Object.entries(given)) {
        if (READ_ONLY_PROPERTIES.has(key)) continue;
        const kind = spec[key];
        if (!kind) {
          errors.add(
            `${prefix}/feature/properties/${key}`,
            `is not an attribute of ${layer === 'zones' ? 'a zone' : 'a constraint'} (attributes: ${Object.keys(spec).join(', ')})`,
            `không phải là thuộc tính của ${layer === 'zones' ? 'ô quy hoạch' : 'ràng buộc'} (các thuộc tính: ${Object.keys(spec).join(', ')})`,
          );
          continue;
        }
        if (v === undefined) continue;
        properties[key] = readAttribute(`${prefix}/feature/properties/${key}`, kind, v, errors);
      }
      if (op === 'create') {
        for (const [key, kind] of Object.entries(spec)) {
          if ((kind.type === 'text' || kind.type === 'enum') && kind.required && given[key] === undefined) errors.add(`${prefix}/feature/properties/${key}`, 'is required for a new feature', 'là bắt buộc với đối tượng mới');
        }
      }
    }
  }
  if (errors.list.length > before) return null;
  return { op, layer, feature_id: featureId, base_version: baseVersion, geometry, properties };
}

/** `effective_from`: a date (start of that day in Việt Nam) or an ISO instant; returns the instant as ISO text. */
export function readEffectiveFrom(v: unknown, path: string, errors: FieldErrors): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') {
    errors.add(path, 'must be a date YYYY-MM-DD or an ISO 8601 date-time', 'phải là ngày dạng YYYY-MM-DD hoặc ngày giờ theo ISO 8601');
    return null;
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (date) {
    const d = new Date(Date.UTC(+date[1], +date[2] - 1, +date[3]));
    if (d.getUTCMonth() !== +date[2] - 1 || d.getUTCDate() !== +date[3] || +date[1] < 1900 || +date[1] > 2200) {
      errors.add(path, 'is not a calendar date between 1900 and 2200', 'không phải là ngày có thật trên lịch trong khoảng năm 1900 đến 2200');
      return null;
    }
    // A plan decision takes effect from the start of its day, Việt Nam time (UTC+7).
    return new Date(`${v}T00:00:00+07:00`).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
    errors.add(path, 'must be a date YYYY-MM-DD or an ISO 8601 date-time with a time zone', 'phải là ngày dạng YYYY-MM-DD hoặc ngày giờ theo ISO 8601 có múi giờ');
    return null;
  }
  return new Date(v).toISOString();
}

export function readChangeSetInput(body: Record<string, unknown>, prefix = ''): { input: NewChangeSetInput & { effective_from: string | null }; errors: FieldErrors } {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) if (!['title', 'plan_id', 'effective_from', 'source'].includes(key)) errors.add(`${prefix}/${key}`, 'is not a field of a change set', 'không phải là trường của bộ thay đổi');
  const title = body.title;
  if (typeof title !== 'string' || !title.trim()) errors.add(`${prefix}/title`, 'is required: a short title of the change (e.g. "Điều chỉnh cục bộ ô HH-03")', 'là bắt buộc: một tên ngắn cho thay đổi (ví dụ "Điều chỉnh cục bộ ô HH-03")');
  else if (title.length > 300) errors.add(`${prefix}/title`, 'must be at most 300 characters', 'tối đa 300 ký tự');
  let planId: number | undefined;
  if (body.plan_id !== undefined && body.plan_id !== null) {
    if (!positiveInt(body.plan_id)) errors.add(`${prefix}/plan_id`, 'must be a plan id (a positive whole number)', 'phải là mã đồ án quy hoạch (một số nguyên dương)');
    else planId = body.plan_id;
  }
  const effective = readEffectiveFrom(body.effective_from, `${prefix}/effective_from`, errors);
  let source: string | undefined;
  if (body.source !== undefined && body.source !== null) {
    if (typeof body.source !== 'string' || !body.source.trim() || body.source.length > 200) errors.add(`${prefix}/source`, 'must be a text of at most 200 characters', 'phải là chuỗi ký tự, tối đa 200 ký tự');
    else source = body.source.trim();
  }
  return { input: { title: typeof title === 'string' ? title.trim() : '', plan_id: planId, effective_from: effective, source }, errors };
}

export function readReview(body: Record<string, unknown>): { decision: ReviewDecision; comment: string | null; lock_version: number | null } {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) if (!['decision', 'comment', 'lock_version'].includes(key)) errors.add(`/${key}`, 'is not a field of a review', 'không phải là trường của một ý kiến duyệt');
  if (body.decision !== 'approve' && body.decision !== 'reject') errors.add('/decision', 'must be "approve" or "reject"', 'phải là "approve" hoặc "reject"');
  const comment = stringField(body, 'comment', errors, { max: 4000 });
  const lock = readLockVersion(body, errors);
  if (body.decision === 'reject' && !comment?.trim()) errors.add('/comment', 'is required when rejecting an edit: tell the planner why', 'là bắt buộc khi trả lại một thay đổi: hãy cho người lập biết lý do');
  errors.throwIfAny({ en: 'The review has invalid fields.', vi: 'Ý kiến thẩm định có trường không hợp lệ.' });
  return { decision: body.decision as ReviewDecision, comment: comment?.trim() || null, lock_version: lock };
}

export function readTransition(body: Record<string, unknown>): { event: string; comment: string | null; lock_version: number | null } {
  const errors = new FieldErrors();
  for (const key of Object.keys(body)) if (!['event', 'comment', 'lock_version'].includes(key)) errors.add(`/${key}`, 'is not a field of a transition', 'không phải là trường của một thao tác chuyển trạng thái');
  const event = stringField(body, 'event', errors, { required: true, max: 40 });
  const comment = stringField(body, 'comment', errors, { max: 4000 });
  const lock = readLockVersion(body, errors);
  errors.throwIfAny({ en: 'The transition has invalid fields.', vi: 'Thao tác chuyển trạng thái có trường không hợp lệ.' });
  return { event: event!, comment: comment?.trim() || null, lock_version: lock };
}

export function readLockVersion(body: Record<string, unknown>, errors: FieldErrors): number | null {
  if (body.lock_version === undefined || body.lock_version === null) return null;
  if (!positiveInt(body.lock_version)) {
    errors.add('/lock_version', 'must be the lock_version of the change set you read (a positive whole number)', 'phải là lock_version (phiên bản) của bộ thay đổi mà bạn đã đọc (một số nguyên dương)');
    return null;
  }
  return body.lock_version;
}
