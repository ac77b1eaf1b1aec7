// SQL of change sets, their edits, the context their checks need, and applying approved edits to the versioned layers.
import type { Knex } from 'knex';
import type { Polygonal } from '../checks/index.ts';
import type { EditCheckResult } from '../checks/zoning/index.ts';
import type { ChangeSetStatus } from './changeset-lifecycle.ts';
import type { ChangeSetEditView, ChangeSetSummary, EditLayer, ReviewDecision } from './changesets.types.ts';

/** timestamptz values leave PGlite as Date and node-postgres as Date too; the API speaks ISO text. */
function iso(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Plans and reference data

export interface PlanForEdits {
  id: number;
  status: string;
  boundary: Polygonal | null;
}

export async function findPlanForEdits(db: Knex, id: number): Promise<PlanForEdits | null> {
  const row = (await db('plans').select('id', 'status', db.raw('ST_AsGeoJSON(boundary, 9)::json AS boundary')).where({ id }).first()) as PlanForEdits | undefined;
  return row ?? null;
}

/** Plans that take change sets: in force or still in draft. */
export async function editablePlanIds(db: Knex): Promise<number[]> {
  return ((await db('plans').select('id').whereIn('status', ['in_force', 'draft']).orderBy('id')) as { id: number }[]).map((r) => r.id);
}

export async function planSymbolCodes(db: Knex): Promise<string[]> {
  return ((await db('land_use_codes').select('code').where({ scheme: 'plan_symbol' }).orderBy('code')) as { code: string }[]).map((r) => r.code);
}

export async function existingWardCodes(db: Knex, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  return new Set(((await db('wards').select('code').whereIn('code', codes)) as { code: string }[]).map((r) => r.code));
}

// ---------------------------------------------------------------------------------------------
// Current versions of features

// numeric columns leave node-postgres as text; float8 makes them JSON numbers on both backends.
export const ZONE_ATTRS = `lot_code, land_use_code, name, max_coverage_pct::float8 AS max_coverage_pct, max_far::float8 AS max_far,
  max_floors, max_height_m::float8 AS max_height_m, min_setback_m::float8 AS min_setback_m, permitted_uses, citation, ward_code`;
export const CONSTRAINT_ATTRS = `kind, rule, value::float8 AS value, tolerance_m::float8 AS tolerance_m, name, citation`;
export const ATTRS: Record<EditLayer, string> = { zones: ZONE_ATTRS, constraints: CONSTRAINT_ATTRS };

export interface CurrentFeature {
  row_id: number;
  feature_id: number;
  plan_id: number;
  version: number;
  valid_from: string;
  change_set_id: number | null;
  properties: Record<string, unknown>;
  geometry: Polygonal;
}

/**
 * The current (latest, not closed) version of each feature; `lock` takes row locks so that two
 * approvals touching the same feature queue, and the second sees the first's result.
 */
export async function currentFeatures(db: Knex, layer: EditLayer, featureIds: number[], lock = false): Promise<Map<number, CurrentFeature>> {
  const out = new Map<number, CurrentFeature>();
  for (let i = 0; i < featureIds.length; i += 5000) {
    const ids = featureIds.slice(i, i + 5000);
    const { rows } = (await db.raw(
      `SELECT id AS row_id, feature_id, plan_id, version, valid_from, change_set_id, ${ATTRS[layer]}, ST_AsGeoJSON(geom, 9)::json AS geometry
       FROM ${layer} WHERE feature_id = ANY (?::int[]) AND valid_to IS NULL ORDER BY feature_id${lock ? ' FOR UPDATE' : ''}`,
      [ids],
    )) as { rows: Record<string, unknown>[] };
    for (const r of rows) {
      const { row_id, feature_id, plan_id, version, valid_from, change_set_id, geometry, ...properties } = r;
      out.set(Number(feature_id), {
        row_id: Number(row_id),
        feature_id: Number(feature_id),
        plan_id: Number(plan_id),
        version: Number(version),
        valid_from: iso(valid_from)!,
        change_set_id: change_set_id === null ? null : Number(change_set_id),
        properties,
        geometry: geometry as Polygonal,
      });
    }
  }
  return out;
}

export interface NeighbourRow {
  feature_id: number;
  lot_code: string;
  geometry: Polygonal;
  /** Indexes of the boxes the zone meets. */
  hits: number[];
}

/**
 * Current zones of a plan meeting any of the boxes (lon/lat), each once with the boxes it meets:
 * one GiST-filtered query per batch instead of one per edit.
 */
export async function zonesMeetingBoxes(db: Knex, planId: number, boxes: { idx: number; box: [number, number, number, number] }[]): Promise<NeighbourRow[]> {
  const out: NeighbourRow[] = [];
  for (let i = 0; i < boxes.length; i += 1000) {
    const batch = boxes.slice(i, i + 1000);
    const { rows } = (await db.raw(
      `SELECT z.feature_id, z.lot_code, ST_AsGeoJSON(z.geom, 9)::json AS geometry, array_agg(b.idx) AS hits
       FROM unnest(?::int[], ?::float8[], ?::float8[], ?::float8[], ?::float8[]) AS b (idx, x1, y1, x2, y2)
       JOIN zones z ON z.geom && ST_MakeEnvelope(b.x1, b.y1, b.x2, b.y2, 4326)
       WHERE z.valid_to IS NULL AND z.plan_id = ?
       GROUP BY z.id`,
      [batch.map((b) => b.idx), batch.map((b) => b.box[0]), batch.map((b) => b.box[1]), batch.map((b) => b.box[2]), batch.map((b) => b.box[3]), planId],
    )) as { rows: { feature_id: number; lot_code: string; geometry: Polygonal; hits: number[] | string }[] };
    for (const r of rows) out.push({ feature_id: Number(r.feature_id), lot_code: r.lot_code, geometry: r.geometry, hits: parseIntArray(r.hits) });
  }
  return out;
}

/** int[] arrives as a JS array from node-postgres and PGlite alike; a text literal is parsed to be safe. */
function parseIntArray(v: number[] | string): number[] {
  if (Array.isArray(v)) return v.map(Number);
  return String(v).replace(/[{}]/g, '').split(',').filter(Boolean).map(Number);
}

/** Current zones of a plan holding any of these lot codes (lot codes are unique among current zones of a plan). */
export async function zonesWithLotCodes(db: Knex, planId: number, lotCodes: string[]): Promise<{ feature_id: number; lot_code: string }[]> {
  if (!lotCodes.length) return [];
  const { rows } = (await db.raw(`SELECT feature_id, lot_code FROM zones WHERE plan_id = ? AND valid_to IS NULL AND lot_code = ANY (?::text[])`, [planId, lotCodes])) as {
    rows: { feature_id: number; lot_code: string }[];
  };
  return rows.map((r) => ({ feature_id: Number(r.feature_id), lot_code: r.lot_code }));
}

/**
 * Geometries not covered by the union of the wards (1 m tolerance, measured in VN-2000 TM-3 105°),
 * with the wards outside the scope they fall in. Geometries are made valid first so that a
 * self-intersecting drawing (a check error the planner still has to fix) cannot break the test.
 */
export async function outsideWards(db: Knex, wardCodes: string[], geoms: { idx: number; geometry: Polygonal }[]): Promise<{ idx: number; wards: { code: string; name: string }[] }[]> {
  const out: { idx: number; wards: { code: string; name: string }[] }[] = [];
  for (let i = 0; i < geoms.length; i += 500) {
    const batch = geoms.slice(i, i + 500);
    const { rows } = (await db.raw(
      `WITH scope AS (
         SELECT ST_Buffer(ST_Transform(ST_Union(geom), 5897), 1) AS g FROM wards WHERE code = ANY (?::text[])
       ), edits AS (
         SELECT u.idx, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(u.gj), 4326)) AS g FROM unnest(?::int[], ?::text[]) AS u (idx, gj)
       )
       SELECT e.idx,
              coalesce((SELECT json_agg(json_build_object('code', w.code, 'name', w.full_name) ORDER BY w.code) FROM wards w
                        WHERE w.geom && e.g AND ST_Intersects(w.geom, e.g) AND NOT (w.code = ANY (?::text[]))), '[]'::json) AS wards
       FROM edits e, scope s
       WHERE s.g IS NULL OR NOT ST_CoveredBy(ST_Transform(e.g, 5897), s.g)`,
      [wardCodes, batch.map((g) => g.idx), batch.map((g) => JSON.stringify(g.geometry)), wardCodes],
    )) as { rows: { idx: number; wards: { code: string; name: string }[] }[] };
    out.push(...rows.map((r) => ({ idx: Number(r.idx), wards: r.wards })));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Change sets

export interface NewChangeSetRow {
  plan_id: number;
  title: string;
  author_id: number;
  effective_from: string | null;
  source: string;
  is_demo?: boolean;
}

export async function insertChangeSet(db: Knex, row: NewChangeSetRow): Promise<number> {
  const [r] = (await db('change_sets').insert(row).returning('id')) as { id: number }[];
  return r.id;
}

const SUMMARY_SQL = `SELECT cs.id, cs.plan_id, cs.title, cs.status, cs.source, cs.is_demo, cs.author_id,
    CASE WHEN a.id IS NULL THEN NULL ELSE json_build_object('id', a.id, 'name', a.name, 'email', a.email) END AS author,
    cs.effective_from, cs.created_at, cs.updated_at, cs.submitted_at, cs.decided_at, cs.decided_by, d.name AS decided_by_name,
    cs.decision_comment, cs.checks_run_at, cs.lock_version,
    coalesce(s.edit_count, 0) AS edit_count, coalesce(s.blocking_count, 0) AS blocking_count, coalesce(s.undecided_count, 0) AS undecided_count
  FROM change_sets cs
  LEFT JOIN users a ON a.id = cs.author_id
  LEFT JOIN users d ON d.id = cs.decided_by
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS edit_count,
           (count(*) FILTER (WHERE e.checks @> '[{"severity": "error"}]'::jsonb))::int AS blocking_count,
           (count(*) FILTER (WHERE e.review_decision IS NULL))::int AS undecided_count
    FROM change_set_edits e WHERE e.change_set_id = cs.id
  ) s ON true`;

function toSummary(r: Record<string, unknown>): ChangeSetSummary {
  return {
    ...(r as unknown as ChangeSetSummary),
    effective_from: iso(r.effective_from),
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
    submitted_at: iso(r.submitted_at),
    decided_at: iso(r.decided_at),
    checks_run_at: iso(r.checks_run_at),
    edit_count: Number(r.edit_count),
    blocking_count: Number(r.blocking_count),
    undecided_count: Number(r.undecided_count),
  };
}

export async function findChangeSet(db: Knex, id: number): Promise<ChangeSetSummary | null> {
  const { rows } = (await db.raw(`${SUMMARY_SQL} WHERE cs.id = ?`, [id])) as { rows: Record<string, unknown>[] };
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function pageOfChangeSets(
  db: Knex,
  filter: { status?: string; author_id?: number; plan_id?: number; limit: number; offset: number },
): Promise<{ items: ChangeSetSummary[]; numberMatched: number }> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status) {
    where.push('cs.status = ?');
    params.push(filter.status);
  }
  if (filter.author_id !== undefined) {
    where.push('cs.author_id = ?');
    params.push(filter.author_id);
  }
  if (filter.plan_id !== undefined) {
    where.push('cs.plan_id = ?');
    params.push(filter.plan_id);
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const { rows: count } = (await db.raw(`SELECT count(*)::int AS n FROM change_sets cs${clause}`, params)) as { rows: { n: number }[] };
  const { rows } = (await db.raw(`${SUMMARY_SQL}${clause} ORDER BY cs.id DESC LIMIT ? OFFSET ?`, [...params, filter.limit, filter.offset])) as { rows: Record<string, unknown>[] };
  return { items: rows.map(toSummary), numberMatched: Number(count[0].n) };
}

export interface LockedChangeSet {
  id: number;
  plan_id: number;
  status: ChangeSetStatus;
  author_id: number | null;
  effective_from: string | null;
  lock_version: number;
  title: string;
}

/** The set's row, locked: writers to one set queue here and each sees the previous one's result. */
export async function lockChangeSet(db: Knex, id: number): Promise<LockedChangeSet | null> {
  const row = (await db('change_sets').select('id', 'plan_id', 'status', 'author_id', 'effective_from', 'lock_version', 'title').where({ id }).forUpdate().first()) as
    | (LockedChangeSet & { effective_from: unknown })
    | undefined;
  return row ? { ...row, effective_from: iso(row.effective_from) } : null;
}

/** Every write to a set (edits, reviews, transitions) bumps its lock_version. */
export async function touchChangeSet(db: Knex, id: number, changes: Record<string, unknown> = {}): Promise<number> {
  const [r] = (await db('change_sets')
    .where({ id })
    .update({ ...changes, lock_version: db.raw('lock_version + 1'), updated_at: db.fn.now() })
    .returning('lock_version')) as { lock_version: number }[];
  return r.lock_version;
}

// ---------------------------------------------------------------------------------------------
// Edits

/** An edit as the service works on it: the view's stored columns, without the names joined in for reading. */
export type StoredEdit = Pick<ChangeSetEditView, 'id' | 'op' | 'layer' | 'feature_id' | 'base_version' | 'before' | 'after' | 'checks' | 'review_decision'>;

export async function listStoredEdits(db: Knex, changeSetId: number): Promise<StoredEdit[]> {
  return (await db('change_set_edits')
    .select('id', 'op', 'layer', 'feature_id', 'base_version', 'before', 'after', 'checks', 'review_decision')
    .where({ change_set_id: changeSetId })
    .orderBy('id')) as StoredEdit[];
}

export async function listEditViews(db: Knex, changeSetId: number, editId?: number): Promise<ChangeSetEditView[]> {
  const rows = (await db('change_set_edits as e')
    .leftJoin('users as r', 'r.id', 'e.reviewed_by')
    .select('e.id', 'e.change_set_id', 'e.op', 'e.layer', 'e.feature_id', 'e.base_version', 'e.before', 'e.after', 'e.checks', 'e.review_decision', 'e.review_comment', 'e.reviewed_by', 'r.name as reviewed_by_name', 'e.reviewed_at', 'e.created_at')
    .where('e.change_set_id', changeSetId)
    .modify((q) => {
      if (editId !== undefined) q.where('e.id', editId);
    })
    .orderBy('e.id')) as Record<string, unknown>[];
  return rows.map((r) => {
    const checks = (r.checks ?? []) as EditCheckResult[];
    return {
      ...(r as unknown as ChangeSetEditView),
      checks,
      blocking: checks.some((c) => c.severity === 'error'),
      reviewed_at: iso(r.reviewed_at),
      created_at: iso(r.created_at)!,
    };
  });
}

/** An edit as it is stored before review: what changes, from which version, and what the edit checks found. */
export type NewEditRow = Pick<ChangeSetEditView, 'op' | 'layer' | 'feature_id' | 'base_version' | 'before' | 'after' | 'checks'>;

/** Inserts edits in batches; returns their ids in input order. */
export async function insertEdits(db: Knex, changeSetId: number, rows: NewEditRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({
      change_set_id: changeSetId,
      op: r.op,
      layer: r.layer,
      feature_id: r.feature_id,
      base_version: r.base_version,
      before: r.before ? JSON.stringify(r.before) : null,
      after: r.after ? JSON.stringify(r.after) : null,
      checks: JSON.stringify(r.checks),
    }));
    const inserted = (await db('change_set_edits').insert(batch).returning('id')) as { id: number }[];
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function updateEditChecks(db: Knex, updates: { id: number; checks: EditCheckResult[] }[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 1000) {
    const batch = updates.slice(i, i + 1000);
    await db.raw(`UPDATE change_set_edits e SET checks = v.checks::jsonb FROM unnest(?::int[], ?::text[]) AS v (id, checks) WHERE e.id = v.id`, [
      batch.map((u) => u.id),
      batch.map((u) => JSON.stringify(u.checks)),
    ]);
  }
}

export async function deleteEdit(db: Knex, changeSetId: number, editId: number): Promise<boolean> {
  const n = await db('change_set_edits').where({ id: editId, change_set_id: changeSetId }).delete();
  return Number(n) === 1 || (typeof n === 'object' && n !== null);
}

export async function findEdit(db: Knex, changeSetId: number, editId: number): Promise<{ id: number; review_decision: ReviewDecision | null; reviewed_by: number | null; review_comment: string | null } | null> {
  const row = await db('change_set_edits').select('id', 'review_decision', 'reviewed_by', 'review_comment').where({ id: editId, change_set_id: changeSetId }).first();
  return (row as { id: number; review_decision: ReviewDecision | null; reviewed_by: number | null; review_comment: string | null } | undefined) ?? null;
}

export async function setReview(db: Knex, editId: number, review: { decision: ReviewDecision; comment: string | null; user_id: number }): Promise<void> {
  await db('change_set_edits').where({ id: editId }).update({ review_decision: review.decision, review_comment: review.comment, reviewed_by: review.user_id, reviewed_at: db.fn.now() });
}

// ---------------------------------------------------------------------------------------------
// Applying approved edits

/** The transaction's own clock: every version an approval writes carries the same instant. */
export async function transactionNow(db: Knex): Promise<string> {
  const { rows } = (await db.raw(`SELECT now() AS t`)) as { rows: { t: unknown }[] };
  return iso(rows[0].t)!;
}

export async function closeVersions(db: Knex, layer: EditLayer, rowIds: number[], validTo: string): Promise<void> {
  for (let i = 0; i < rowIds.length; i += 5000) {
    await db.raw(`UPDATE ${layer} SET valid_to = ? WHERE id = ANY (?::int[]) AND valid_to IS NULL`, [validTo, rowIds.slice(i, i + 5000)]);
  }
}

export interface NewVersionRow {
  feature_id: number | null;
  version: number;
  properties: Record<string, unknown>;
  geometry: Polygonal;
}

/**
 * Inserts new versions (feature_id null = a new feature numbered from the layer's sequence);
 * returns the feature ids in input order. A new zone without a ward takes the ward at its point on surface.
 */
export async function insertVersions(
  db: Knex,
  layer: EditLayer,
  rows: NewVersionRow[],
  meta: { plan_id: number; valid_from: string; change_set_id: number; created_by: number | null },
): Promise<number[]> {
  const seq = layer === 'zones' ? 'zone_feature_id_seq' : 'constraint_feature_id_seq';
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 250) {
    const batch = rows.slice(i, i + 250).map((r) => {
      const geojson = JSON.stringify(r.geometry);
      const geom = db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [geojson]);
      const p = r.properties;
      const attrs =
        layer === 'zones'
          ? {
              lot_code: p.lot_code,
              land_use_code: p.land_use_code,
              name: p.name ?? null,
              max_coverage_pct: p.max_coverage_pct ?? null,
              max_far: p.max_far ?? null,
              max_floors: p.max_floors ?? null,
              max_height_m: p.max_height_m ?? null,
              min_setback_m: p.min_setback_m ?? null,
              permitted_uses: db.raw('?::text[]', [(p.permitted_uses as string[] | undefined) ?? []]),
              citation: p.citation ?? null,
              ward_code:
                p.ward_code ?? db.raw(`(SELECT code FROM wards WHERE ST_Intersects(geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))) ORDER BY code LIMIT 1)`, [geojson]),
            }
          : { kind: p.kind, rule: p.rule, value: p.value ?? null, tolerance_m: p.tolerance_m ?? 0.1, name: p.name ?? null, citation: p.citation ?? null };
      return {
        ...attrs,
        feature_id: r.feature_id ?? db.raw(`nextval('${seq}')`),
        version: r.version,
        plan_id: meta.plan_id,
        valid_from: meta.valid_from,
        change_set_id: meta.change_set_id,
        created_by: meta.created_by,
        geom,
      };
    });
    const inserted = (await db(layer).insert(batch).returning('feature_id')) as { feature_id: number }[];
    ids.push(...inserted.map((r) => Number(r.feature_id)));
  }
  return ids;
}

export async function setEditFeatureIds(db: Knex, pairs: { id: number; feature_id: number }[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 5000) {
    const batch = pairs.slice(i, i + 5000);
    await db.raw(`UPDATE change_set_edits e SET feature_id = v.fid FROM unnest(?::int[], ?::int[]) AS v (id, fid) WHERE e.id = v.id`, [batch.map((p) => p.id), batch.map((p) => p.feature_id)]);
  }
}

/**
 * The plan boundary as each box needs it: `inside` when the box lies within the boundary (nothing of
 * the edit can be outside), else the boundary clipped to the box grown by `margin` degrees (null when
 * nothing of it is there). A city plan's boundary has thousands of vertices; the check then works on
 * the few near the edit instead of all of them for every edit.
 */
export async function planBoundaryNear(db: Knex, planId: number, boxes: { idx: number; box: [number, number, number, number] }[], margin: number): Promise<Map<number, { inside: boolean; clip: Polygonal | null }>> {
  const out = new Map<number, { inside: boolean; clip: Polygonal | null }>();
  for (let i = 0; i < boxes.length; i += 1000) {
    const batch = boxes.slice(i, i + 1000);
    const { rows } = (await db.raw(
      `WITH b AS (SELECT u.idx, ST_MakeEnvelope(u.x1, u.y1, u.x2, u.y2, 4326) AS env
                  FROM unnest(?::int[], ?::float8[], ?::float8[], ?::float8[], ?::float8[]) AS u (idx, x1, y1, x2, y2))
       SELECT b.idx, ST_CoveredBy(b.env, p.boundary) AS inside,
              CASE WHEN ST_CoveredBy(b.env, p.boundary) THEN NULL
                   ELSE ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(p.boundary, ST_Expand(b.env, ?)), 3)), 9)::json END AS clip
       FROM b, plans p WHERE p.id = ? AND p.boundary IS NOT NULL`,
      [batch.map((b) => b.idx), batch.map((b) => b.box[0]), batch.map((b) => b.box[1]), batch.map((b) => b.box[2]), batch.map((b) => b.box[3]), margin, planId],
    )) as { rows: { idx: number; inside: boolean; clip: Polygonal | null }[] };
    for (const r of rows) {
      const clip = r.clip && (r.clip.coordinates as unknown[]).length > 0 ? r.clip : null;
      out.set(Number(r.idx), { inside: Boolean(r.inside), clip });
    }
  }
  return out;
}
