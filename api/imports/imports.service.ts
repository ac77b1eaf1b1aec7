// Imports of a layer file into a new change set: read, decide the CRS, map attributes, check every feature, match to zones in force.
import type { Feature } from 'geojson';
import type { Knex } from 'knex';
import type { User } from '../auth/auth.types.ts';
import { recordAudit } from '../audit/audit.store.ts';
import { createChangeSetWithEdits, type NewEdit } from '../changesets/changesets.service.ts';
import { LAYER_DEFAULTS } from '../changesets/changesets.validation.ts';
import { ApiError, type Bilingual, ValidationError, type FieldError } from '../http/problem.ts';
import { nothingImported } from './import-refusal.ts';
import { readLayerFile, type UploadedFile } from './imports.reader.ts';
import * as store from './imports.store.ts';
import type { ImportRequest, ImportResult, MappedFeature, SourceLayer } from './imports.types.ts';
import { featureLabel, featureLabelVi, mapFeatures, resolveMapping, resolveSrid } from './imports.validation.ts';

export interface PreparedImport {
  source: SourceLayer;
  srid: number;
  features: MappedFeature[];
  edits: NewEdit[];
  created: number;
  modified: number;
}

function fail(source: SourceLayer, detail: Bilingual, errors: FieldError[], code = 'invalid_features'): never {
  throw nothingImported(source, detail, errors.slice(0, 100), code);
}

/**
 * Everything up to the write: the file read and checked feature by feature (attributes, codes that
 * must exist, PostGIS validity), each feature matched to the zone in force with its lot code (→ modify
 * on that version) or not (→ create). Throws a ValidationError naming file, feature and attribute.
 */
export async function prepareImport(db: Knex, file: UploadedFile, req: ImportRequest): Promise<PreparedImport> {
  const plan = await store.findPlan(db, req.planId);
  if (!plan) {
    throw new ValidationError(
      { en: `There is no plan ${req.planId}.`, vi: `Không có đồ án quy hoạch nào mang mã ${req.planId}.` },
      [{ path: '/plan_id', message: `no plan has the id ${req.planId}`, message_vi: `không có đồ án quy hoạch nào có mã số ${req.planId}` }],
      'unknown_plan',
    );
  }
  const source = await readLayerFile(file);
  const { srid } = resolveSrid(source, req.declaredSrid);
  const attrs = resolveMapping(req.layer, req.mapping, source);
  const features = mapFeatures(source, req.layer, attrs, srid);
  const keyOf = (f: MappedFeature): { attr: string | null; value: unknown } => ({ attr: req.layer === 'zones' ? attrs.lot_code : attrs.name, value: req.layer === 'zones' ? f.fields.lot_code : f.fields.name });
  const label = (f: MappedFeature): string => featureLabel(source, f.index, keyOf(f));
  const labelVi = (f: MappedFeature): string => featureLabelVi(source, f.index, keyOf(f));
  const at = (f: MappedFeature, field: string): string => `/file/features/${f.index}/properties/${attrs[field] ?? field}`;

  // Codes that must exist in the reference tables (the zones table's foreign keys).
  const errors: FieldError[] = [];
  if (req.layer === 'zones') {
    const luc = await store.existingCodes(db, 'plan_symbol', [...new Set(features.map((f) => f.fields.land_use_code as string))]);
    const wardList = [...new Set(features.map((f) => f.fields.ward_code).filter((w): w is string => typeof w === 'string'))];
    const wards = await store.existingCodes(db, 'wards', wardList);
    for (const f of features) {
      if (!luc.has(f.fields.land_use_code as string)) {
        errors.push({
          path: at(f, 'land_use_code'),
          message: `${label(f)}: land_use_code '${f.fields.land_use_code}' is not a plan-sheet symbol SPP knows (GET /api/land-use-codes?scheme=plan_symbol)`,
          message_vi: `${labelVi(f)}: land_use_code '${f.fields.land_use_code}' không phải là ký hiệu bản vẽ quy hoạch mà SPP biết (GET /api/land-use-codes?scheme=plan_symbol)`,
        });
      }
      if (typeof f.fields.ward_code === 'string' && !wards.has(f.fields.ward_code)) {
        errors.push({
          path: at(f, 'ward_code'),
          message: `${label(f)}: ward_code '${f.fields.ward_code}' is not a ward of Cần Thơ (2025)`,
          message_vi: `${labelVi(f)}: ward_code '${f.fields.ward_code}' không phải là phường, xã của Cần Thơ (2025)`,
        });
      }
    }
  } else {
    for (const f of features) {
      const rule = f.fields.rule;
      if (rule !== undefined && rule !== 'no_build' && (f.fields.value === null || f.fields.value === undefined)) {
        errors.push({ path: at(f, 'value'), message: `${label(f)}: value is required when rule is ${String(rule)}`, message_vi: `${labelVi(f)}: value là bắt buộc khi rule là ${String(rule)}` });
      }
    }
  }
  if (errors.length) {
    fail(
      source,
      {
        en: `${errors.length} feature attribute${errors.length === 1 ? '' : 's'} refer to codes that do not exist`,
        vi: `${errors.length} giá trị trường thuộc tính của đối tượng tham chiếu tới mã không tồn tại`,
      },
      errors,
    );
  }

  // Matching: a lot code in force in the plan is a modification of that zone's current version.
  const current = req.layer === 'zones' && req.match === 'lot_code'
    ? await store.currentZonesByLotCode(db, req.planId, features.map((f) => f.fields.lot_code as string))
    : new Map<string, store.CurrentZone>();
  const matchOf = (f: MappedFeature): store.CurrentZone | undefined => (req.layer === 'zones' ? current.get(f.fields.lot_code as string) : undefined);

  const verdicts = await store.judgeGeometries(
    db,
    features.map((f) => {
      const m = matchOf(f);
      return { index: f.index, geometry: f.geometry, current: m ? { table: req.layer, feature_id: m.feature_id } : null };
    }),
  );
  const byIndex = new Map(verdicts.map((v) => [v.index, v]));
  for (const f of features) {
    const v = byIndex.get(f.index);
    if (v?.invalid) {
      errors.push({ path: `/file/features/${f.index}/geometry`, message: `${label(f)}: geometry is not valid (${v.invalid})`, message_vi: `${labelVi(f)}: hình học không hợp lệ (${v.invalid})` });
    }
  }
  if (errors.length) fail(source, { en: `${errors.length} invalid geometr${errors.length === 1 ? 'y' : 'ies'}`, vi: `${errors.length} hình học không hợp lệ` }, errors);

  const unchangedIds = features.filter((f) => byIndex.get(f.index)?.unchanged).map((f) => matchOf(f)!.feature_id);
  const keptGeometry = await store.currentGeometries(db, req.layer, unchangedIds);

  let created = 0;
  let modified = 0;
  const edits: NewEdit[] = features.map((f) => {
    const m = matchOf(f);
    if (m) {
      modified++;
      // Attributes the file does not carry keep their current values; those it carries replace them.
      const geometry = byIndex.get(f.index)?.unchanged ? keptGeometry.get(m.feature_id) ?? f.geometry : f.geometry;
      const feature: Feature = { type: 'Feature', geometry, properties: { ...m.properties, ...f.fields } };
      return { op: 'modify', layer: req.layer, feature_id: m.feature_id, base_version: m.version, feature };
    }
    created++;
    const feature: Feature = { type: 'Feature', geometry: f.geometry, properties: { ...LAYER_DEFAULTS[req.layer], ...f.fields } };
    return { op: 'create', layer: req.layer, feature };
  });
  return { source, srid, features, edits, created, modified };
}

/** Reads, checks and writes the import as one new draft change set (one transaction), with an audit row naming the file. */
export async function importLayer(db: Knex, user: User, file: UploadedFile, req: ImportRequest, requestId: string | null): Promise<ImportResult> {
  const prepared = await prepareImport(db, file, req);
  const { source, srid, edits, created, modified } = prepared;
  const crs = `EPSG:${srid}`;
  const cs = await db.transaction(async (trx) => {
    const made = await createChangeSetWithEdits(trx, user, { title: req.title, plan_id: req.planId, source: `import:${source.fileName}`.slice(0, 200) }, edits, requestId ?? undefined).catch((err: unknown) => {
      throw toFilePointers(err, prepared);
    });
    await recordAudit(trx, {
      user_id: user.id,
      action: 'import',
      entity: 'change_set',
      entity_id: made.id,
      after: { file: source.fileName, format: source.format, crs, layer: req.layer, features: edits.length, created, modified, encoding: source.encoding },
      request_id: requestId,
    });
    return made;
  });
  return { change_set_id: cs.id, status: 'draft', features: edits.length, created, modified, crs, checks_summary: summariseChecks(cs.edits) };
}

/**
 * The change-set service reports problems of edit i at /edits/i; the planner sent a file, so they are
 * pointed at the feature the edit came from (/file/features/<index>/…).
 */
function toFilePointers(err: unknown, prepared: PreparedImport): unknown {
  if (!(err instanceof ApiError) || !err.errors?.length) return err;
  const errors = err.errors.map((e) => {
    const m = /^\/edits\/(\d+)(\/feature)?(.*)$/.exec(e.path);
    const f = m ? prepared.features[Number(m[1])] : undefined;
    return f
      ? {
          path: `/file/features/${f.index}${m![3]}`,
          message: `${featureLabel(prepared.source, f.index)}: ${e.message}`,
          message_vi: `${featureLabelVi(prepared.source, f.index)}: ${e.message_vi}`,
        }
      : e;
  });
  return new ApiError(err.status, err.code, err.title, { en: `${prepared.source.fileName}: ${err.detail}`, vi: `${prepared.source.fileName}: ${err.detail_vi}` }, errors, err.extensions);
}

/** Errors and warnings over the checks the change-set service ran on the new edits. */
function summariseChecks(edits: { checks: { severity: string }[] }[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const e of edits) {
    for (const r of e.checks) {
      if (r.severity === 'error') errors++;
      else if (r.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings };
}
