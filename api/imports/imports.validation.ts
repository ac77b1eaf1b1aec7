// Checks of an import: the form fields, the attribute mapping, the CRS decision, and each feature's attributes and geometry.
import type { Position } from 'geojson';
import { fromVn2000 } from '../../geodata/crs.ts';
import { nothingImported } from './import-refusal.ts';
import { FieldErrors } from '../http/body.ts';
import { ValidationError, type FieldError } from '../http/problem.ts';
import { LAYER_CRS, parseCrsName, type LayerSrid, type ProjectedLayerSrid } from './imports.prj.ts';
import {
  IMPORT_LAYERS,
  LAYER_FIELDS,
  type FieldSpec,
  type ImportLayer,
  type ImportRequest,
  type MappedFeature,
  type MatchRule,
  type Polygonal,
  type SourceLayer,
} from './imports.types.ts';

/** Errors listed in one answer; the detail says how many there were in all. */
const MAX_LISTED_ERRORS = 100;
/** Vertices of one feature, as the change-set editor accepts them: a detailed lot has hundreds. */
const MAX_VERTICES = 5000;
/** Permitted uses of one zone: at most this many land-law codes of at most 40 characters (as the editor takes them). */
const MAX_USES = 50;
/** A generous window around Việt Nam: a feature outside it was read in the wrong CRS. */
const VIETNAM = { minLon: 102, maxLon: 110, minLat: 8, maxLat: 24 };

/** The text fields of the multipart form (everything but the file). */
export function parseImportForm(body: Record<string, unknown>, fileName: string): ImportRequest {
  const errors = new FieldErrors();
  const text = (k: string): string | undefined => (typeof body[k] === 'string' && (body[k] as string).trim() !== '' ? (body[k] as string).trim() : undefined);
  for (const k of Object.keys(body)) {
    if (Array.isArray(body[k])) errors.add(`/${k}`, 'must be given once', 'chỉ được gửi một lần');
  }
  const title = text('title') ?? `Nhập dữ liệu từ tệp ${fileName}`.slice(0, 200);
  if (title.length > 200) errors.add('/title', 'must be at most 200 characters', 'tối đa 200 ký tự');
  const planRaw = text('plan_id');
  let planId = 0;
  if (planRaw === undefined) errors.add('/plan_id', 'is required: the plan whose layer the file changes', 'là bắt buộc: đồ án quy hoạch có lớp mà tệp này thay đổi');
  else if (!/^\d{1,9}$/.test(planRaw) || Number(planRaw) < 1) errors.add('/plan_id', 'must be a plan id (a whole number)', 'phải là mã số của một đồ án quy hoạch (số nguyên)');
  else planId = Number(planRaw);
  const layerRaw = text('layer') ?? 'zones';
  if (!(IMPORT_LAYERS as readonly string[]).includes(layerRaw)) errors.add('/layer', `must be one of ${IMPORT_LAYERS.join(', ')}`, `phải là một trong: ${IMPORT_LAYERS.join(', ')}`);
  const layer = (IMPORT_LAYERS as readonly string[]).includes(layerRaw) ? (layerRaw as ImportLayer) : 'zones';
  const matchRaw = text('match') ?? (layer === 'zones' ? 'lot_code' : 'none');
  const matches: MatchRule[] = layer === 'zones' ? ['lot_code', 'none'] : ['none'];
  if (!(matches as string[]).includes(matchRaw)) errors.add('/match', `must be ${matches.join(' or ')} for the ${layer} layer`, `phải là ${matches.join(' hoặc ')} đối với lớp ${layer}`);
  const match = (matches as string[]).includes(matchRaw) ? (matchRaw as MatchRule) : matches[0];
  let declaredSrid: LayerSrid | null = null;
  const crsRaw = text('crs');
  if (crsRaw !== undefined) {
    declaredSrid = parseCrsName(crsRaw);
    if (!declaredSrid) {
      const crsList = LAYER_CRS.map((s) => `EPSG:${s}`).join(', ');
      errors.add('/crs', `must be one of ${crsList}`, `phải là một trong: ${crsList}`);
    }
  }
  let mapping: Record<string, string> | null = null;
  const mappingRaw = text('mapping');
  if (mappingRaw !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mappingRaw);
    } catch {
      errors.add(
        '/mapping',
        'must be a JSON object: layer field → attribute name, e.g. {"lot_code":"MA_LO","max_far":"HSSDD"}',
        'phải là một đối tượng JSON: trường của lớp → tên trường thuộc tính, ví dụ {"lot_code":"MA_LO","max_far":"HSSDD"}',
      );
    }
    if (parsed !== undefined) {
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        errors.add('/mapping', 'must be a JSON object: layer field → attribute name', 'phải là một đối tượng JSON: trường của lớp → tên trường thuộc tính');
      } else {
        const known = LAYER_FIELDS[layer].map((f) => f.name);
        mapping = {};
        for (const [field, attr] of Object.entries(parsed as Record<string, unknown>)) {
          if (!known.includes(field)) errors.add(`/mapping/${field}`, `is not a field of the ${layer} layer (${known.join(', ')})`, `không phải là trường của lớp ${layer} (${known.join(', ')})`);
          else if (typeof attr !== 'string' || attr.trim() === '') errors.add(`/mapping/${field}`, 'must name an attribute of the file', 'phải là tên một trường thuộc tính của tệp');
          else mapping[field] = attr;
        }
      }
    }
  }
  errors.throwIfAny({ en: 'The import form has invalid fields.', vi: 'Biểu mẫu nhập dữ liệu có trường không hợp lệ.' });
  return { title, planId, layer, match, declaredSrid, mapping };
}

/**
 * Layer field → source attribute. A field the mapping names must exist in the file; a field it leaves
 * out is read from the attribute of the same name, else from its DBF name in SPP's own export (MA_LO …),
 * both compared without case — so an exported layer imports back without a mapping. Null: not in the file.
 */
export function resolveMapping(layer: ImportLayer, mapping: Record<string, string> | null, source: SourceLayer): Record<string, string | null> {
  const byLower = new Map(source.attributes.map((a) => [a.toLowerCase(), a]));
  const out: Record<string, string | null> = {};
  const errors = new FieldErrors();
  for (const spec of LAYER_FIELDS[layer]) {
    const named = mapping?.[spec.name];
    if (named !== undefined) {
      const found = source.attributes.includes(named) ? named : byLower.get(named.toLowerCase());
      if (!found && source.features.length > 0) {
        errors.add(
          `/mapping/${spec.name}`,
          `attribute ${JSON.stringify(named)} is not in ${source.fileName} (its attributes: ${source.attributes.join(', ') || 'none'})`,
          `trường thuộc tính ${JSON.stringify(named)} không có trong ${source.fileName} (các trường thuộc tính của tệp: ${source.attributes.join(', ') || 'không có'})`,
        );
      }
      out[spec.name] = found ?? null;
    } else {
      out[spec.name] = byLower.get(spec.name.toLowerCase()) ?? byLower.get(spec.dbf.name.toLowerCase()) ?? null;
    }
  }
  errors.throwIfAny({ en: `The mapping does not fit ${source.fileName}.`, vi: `Bảng ánh xạ trường (mapping) không khớp với ${source.fileName}.` });
  return out;
}

/** The CRS to read the coordinates in: the declared one, else the file's (.prj, "crs" member), else WGS 84. */
export function resolveSrid(source: SourceLayer, declared: LayerSrid | null): { srid: LayerSrid; from: 'declared' | 'file' | 'default' } {
  if (declared) return { srid: declared, from: 'declared' };
  if (source.fileCrsProblem) {
    const detail = {
      en: `${source.fileName}: ${source.fileCrsProblem.en}. Declare the CRS with the crs field (EPSG:4326, 5897, 9209, 9210 or 3405) if you know it.`,
      vi: `${source.fileName}: ${source.fileCrsProblem.vi}. Nếu biết hệ tọa độ của tệp, hãy khai báo bằng trường crs (EPSG:4326, 5897, 9209, 9210 hoặc 3405).`,
    };
    throw new ValidationError(detail, [
      {
        path: '/file',
        message: `${source.fileName}: ${source.fileCrsProblem.en}; declare crs`,
        message_vi: `${source.fileName}: không dùng được hệ tọa độ mà tệp khai báo (${source.fileCrsProblem.vi}); hãy khai báo hệ tọa độ bằng trường crs`,
      },
    ], 'unknown_crs');
  }
  if (source.fileSrid) return { srid: source.fileSrid, from: 'file' };
  return { srid: 4326, from: 'default' };
}

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

/** "2,5" (Vietnamese decimal comma) and "2.5" are both 2.5; "1,000.5" and "abc" are not numbers. */
function toNumber(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '') return null;
  const dotted = /^[-+]?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(dotted) ? Number(dotted) : undefined;
}

/** One attribute value read as the field wants it; a message (without the field name, in English and in Vietnamese) when it cannot be. */
export function readField(spec: FieldSpec, raw: unknown): { value: unknown } | { error: string; error_vi: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (spec.required) return { error: 'is required', error_vi: 'là bắt buộc' };
    return { value: spec.type === 'text_list' ? [] : null };
  }
  switch (spec.type) {
    case 'text':
    case 'enum': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: `${show(raw)} is not text`, error_vi: `${show(raw)} không phải là văn bản` };
      const t = String(raw).trim();
      if (spec.maxLength !== undefined && t.length > spec.maxLength) {
        return { error: `is ${t.length} characters long; at most ${spec.maxLength} are allowed`, error_vi: `dài ${t.length} ký tự; chỉ cho phép tối đa ${spec.maxLength} ký tự` };
      }
      if (spec.values && !spec.values.includes(t)) return { error: `${show(raw)} is not one of ${spec.values.join(', ')}`, error_vi: `${show(raw)} không phải là một trong: ${spec.values.join(', ')}` };
      return { value: t };
    }
    case 'number':
    case 'integer': {
      const n = toNumber(raw);
      if (n === undefined) return { error: `${show(raw)} is not a number`, error_vi: `${show(raw)} không phải là số` };
      if (n === null) return spec.required ? { error: 'is required', error_vi: 'là bắt buộc' } : { value: null };
      if (spec.type === 'integer' && !Number.isInteger(n)) return { error: `${show(raw)} is not a whole number`, error_vi: `${show(raw)} không phải là số nguyên` };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return { error: `${show(raw)} is outside ${spec.min}–${spec.max}`, error_vi: `${show(raw)} nằm ngoài khoảng ${spec.min}–${spec.max}` };
      }
      return { value: n };
    }
    case 'text_list': {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;]/) : null;
      if (!items || !items.every((x) => typeof x === 'string')) {
        return { error: `${show(raw)} is not a list of codes (write them as "ODT, TMD")`, error_vi: `${show(raw)} không phải là danh sách mã (hãy viết dạng "ODT, TMD")` };
      }
      const codes = (items as string[]).map((x) => x.trim().toUpperCase()).filter((x) => x !== '');
      if (codes.length > MAX_USES || codes.some((c) => c.length > 40)) {
        return { error: `${show(raw)}: at most ${MAX_USES} codes of at most 40 characters each`, error_vi: `${show(raw)}: tối đa ${MAX_USES} mã, mỗi mã tối đa 40 ký tự` };
      }
      return { value: codes };
    }
  }
}

/**
 * Polygon/MultiPolygon coordinates checked position by position (finite numbers, closed rings of at
 * least four positions), converted to lon/lat from the file's CRS, and kept inside Việt Nam.
 * Returns the lon/lat geometry, or a message (English, and Vietnamese to follow "hình học") and the
 * pointer below `geometry` where it fails.
 */
export function readGeometry(g: unknown, srid: LayerSrid): { geometry: Polygonal } | { error: string; error_vi: string; at: string } {
  if (g === null || g === undefined) return { error: 'has no geometry', error_vi: 'bị thiếu', at: '' };
  if (typeof g !== 'object' || Array.isArray(g)) return { error: 'geometry must be a GeoJSON object', error_vi: 'phải là một đối tượng GeoJSON', at: '' };
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return {
      error: `is a ${String(type)}; only Polygon and MultiPolygon zones can be imported`,
      error_vi: `là ${String(type)}; chỉ nhập được các ô quy hoạch dạng Polygon và MultiPolygon`,
      at: '/type',
    };
  }
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { error: 'has no coordinates', error_vi: 'không có tọa độ', at: '/coordinates' };
  const convert = srid === 4326 ? (p: number[]): Position => [p[0], p[1]] : (p: number[]): Position => fromVn2000(p, srid as ProjectedLayerSrid);
  const out: Position[][][] = [];
  let vertices = 0;
  for (let pi = 0; pi < polygons.length; pi++) {
    const rings = polygons[pi];
    const pAt = type === 'Polygon' ? '/coordinates' : `/coordinates/${pi}`;
    if (!Array.isArray(rings) || rings.length === 0) return { error: 'a polygon must have at least its outer ring', error_vi: 'không hợp lệ: mỗi đa giác phải có ít nhất vòng ngoài', at: pAt };
    const poly: Position[][] = [];
    for (let ri = 0; ri < rings.length; ri++) {
      const ring = rings[ri];
      if (!Array.isArray(ring)) return { error: 'a ring must be an array of positions', error_vi: 'không hợp lệ: mỗi vòng phải là một mảng các đỉnh', at: `${pAt}/${ri}` };
      if (ring.length < 4) {
        return {
          error: `ring ${ri} has ${ring.length} positions; a closed ring needs at least 4`,
          error_vi: `có vòng ${ri} chỉ gồm ${ring.length} đỉnh; một vòng khép kín cần ít nhất 4 đỉnh`,
          at: `${pAt}/${ri}`,
        };
      }
      const conv: Position[] = [];
      for (let k = 0; k < ring.length; k++) {
        const p = ring[k];
        if (!Array.isArray(p) || p.length < 2 || p.length > 4 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          return { error: 'a position must be [x, y] of finite numbers', error_vi: 'không hợp lệ: mỗi đỉnh phải là [x, y] gồm các số hữu hạn', at: `${pAt}/${ri}/${k}` };
        }
        const ll = convert(p as number[]);
        if (!(ll[0] >= VIETNAM.minLon && ll[0] <= VIETNAM.maxLon && ll[1] >= VIETNAM.minLat && ll[1] <= VIETNAM.maxLat)) {
          return {
            error: `position [${p[0]}, ${p[1]}] read in EPSG:${srid} lies at lon ${ll[0].toFixed(4)}, lat ${ll[1].toFixed(4)}, outside Việt Nam: are the coordinates in another CRS? Declare it with crs`,
            error_vi: `có đỉnh [${p[0]}, ${p[1]}] đọc theo EPSG:${srid} nằm ở kinh độ ${ll[0].toFixed(4)}, vĩ độ ${ll[1].toFixed(4)}, ngoài lãnh thổ Việt Nam: tọa độ có thuộc hệ tọa độ khác không? Hãy khai báo hệ tọa độ bằng trường crs`,
            at: `${pAt}/${ri}/${k}`,
          };
        }
        conv.push(ll);
      }
      const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
      if (a[0] !== b[0] || a[1] !== b[1]) {
        return { error: `ring ${ri} is not closed: its last position must repeat the first`, error_vi: `có vòng ${ri} không khép kín: đỉnh cuối phải trùng với đỉnh đầu`, at: `${pAt}/${ri}` };
      }
      vertices += ring.length;
      if (vertices > MAX_VERTICES) return { error: `has more than ${MAX_VERTICES} positions`, error_vi: `có hơn ${MAX_VERTICES} đỉnh`, at: '/coordinates' };
      // Closing exactly in lon/lat too: the reprojected first and last positions are the same numbers anyway.
      conv[conv.length - 1] = conv[0];
      poly.push(conv);
    }
    out.push(poly);
  }
  return { geometry: type === 'Polygon' ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out } };
}

function featureKey(source: SourceLayer, index: number, key?: { attr: string | null; value: unknown }): string {
  const id = source.features[index]?.id;
  return key?.attr && key.value !== undefined && key.value !== null && key.value !== '' ? ` (${key.attr} ${show(key.value)})` : id !== null && id !== undefined ? ` (id ${show(id)})` : '';
}

/** Where a feature is, for messages: "zones.zip, feature 17 (MA_LO 'CC-01')". */
export function featureLabel(source: SourceLayer, index: number, key?: { attr: string | null; value: unknown }): string {
  return `${source.fileName}, feature ${index}${featureKey(source, index, key)}`;
}

/** The same in Vietnamese: "zones.zip, đối tượng 17 (MA_LO 'CC-01')". */
export function featureLabelVi(source: SourceLayer, index: number, key?: { attr: string | null; value: unknown }): string {
  return `${source.fileName}, đối tượng ${index}${featureKey(source, index, key)}`;
}

/**
 * Every feature mapped onto the layer's fields and its geometry read in `srid`. Only fields the file
 * provides (attr not null) are set. All problems are gathered and thrown together, each naming the
 * file, the feature and the attribute — nothing is imported while any remains.
 */
export function mapFeatures(source: SourceLayer, layer: ImportLayer, attrs: Record<string, string | null>, srid: LayerSrid): MappedFeature[] {
  const errors: FieldError[] = [];
  let count = 0;
  const push = (e: FieldError): void => {
    count++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  const specs = LAYER_FIELDS[layer];
  const keyAttr = layer === 'zones' ? attrs.lot_code : attrs.name;
  const out: MappedFeature[] = [];
  const seenLots = new Map<string, number>();
  if (source.features.length === 0) {
    throw new ValidationError(
      { en: `${source.fileName} has no features.`, vi: `${source.fileName} không có đối tượng nào.` },
      [{ path: '/file', message: `${source.fileName} has no features to import`, message_vi: `${source.fileName} không có đối tượng nào để nhập dữ liệu` }],
      'empty_file',
    );
  }
  for (const f of source.features) {
    const at = `/file/features/${f.index}`;
    const key = { attr: keyAttr, value: keyAttr ? f.properties[keyAttr] : undefined };
    const label = featureLabel(source, f.index, key);
    const labelVi = featureLabelVi(source, f.index, key);
    const fields: Record<string, unknown> = {};
    let ok = true;
    for (const spec of specs) {
      const attr = attrs[spec.name];
      if (attr === null) {
        if (spec.required) {
          push({
            path: `${at}/properties`,
            message: `${label}: ${spec.name} is required, but the file has no attribute ${spec.name} or ${spec.dbf.name}: map one with mapping`,
            message_vi: `${labelVi}: ${spec.name} là bắt buộc, nhưng tệp không có trường thuộc tính ${spec.name} hay ${spec.dbf.name}: hãy chỉ định một trường bằng mapping`,
          });
          ok = false;
        }
        continue;
      }
      const r = readField(spec, f.properties[attr]);
      if ('error' in r) {
        push({
          path: `${at}/properties/${attr}`,
          message: `${label}: ${spec.name}: ${r.error}${attr !== spec.name ? ` (attribute ${attr})` : ''}`,
          message_vi: `${labelVi}: ${spec.name}: ${r.error_vi}${attr !== spec.name ? ` (trường thuộc tính ${attr})` : ''}`,
        });
        ok = false;
      } else fields[spec.name] = r.value;
    }
    if (layer === 'zones' && typeof fields.lot_code === 'string') {
      const first = seenLots.get(fields.lot_code);
      if (first !== undefined) {
        push({
          path: `${at}/properties/${attrs.lot_code}`,
          message: `${label}: lot_code '${fields.lot_code}' is also feature ${first}'s; a lot code appears once in a plan`,
          message_vi: `${labelVi}: lot_code '${fields.lot_code}' trùng với đối tượng ${first}; mỗi ký hiệu ô đất chỉ xuất hiện một lần trong một đồ án quy hoạch`,
        });
        ok = false;
      } else seenLots.set(fields.lot_code, f.index);
    }
    const g = readGeometry(f.geometry, srid);
    if ('error' in g) {
      push({ path: `${at}/geometry${g.at}`, message: `${label}: geometry ${g.error}`, message_vi: `${labelVi}: hình học ${g.error_vi}` });
      ok = false;
    } else if (ok) {
      out.push({ index: f.index, id: f.id, fields, geometry: g.geometry });
    }
  }
  if (count) {
    throw nothingImported(
      source,
      {
        en: `${count} problem${count === 1 ? '' : 's'} in its features${count > errors.length ? ` (the first ${errors.length} are listed)` : ''}`,
        vi: `có ${count} lỗi ở các đối tượng${count > errors.length ? ` (liệt kê ${errors.length} lỗi đầu tiên)` : ''}`,
      },
      errors,
    );
  }
  return out;
}
