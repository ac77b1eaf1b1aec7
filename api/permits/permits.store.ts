// SQL of planning permits.
import type { Knex } from 'knex';
import type { ComplianceReport } from '../checks/index.ts';
import type { PermitStatus } from './permit-lifecycle.ts';
import type { Permit, PermitCondition, PermitEventRecord, PermitInput, PermitSummary } from './permits.types.ts';

export interface NewPermitRow {
  number: string;
  applicant: string;
  parcel_id: number | null;
  site: unknown;
  footprint: unknown;
  use_code: string;
  floors: number;
  basement_floors: number;
  height_m: number;
  gfa_m2: number;
  status: string;
  submitted_at: string | null;
  decided_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  decision_reason: string | null;
}

const geom = (db: Knex, g: unknown) => db.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(g)]);

/** Inserts permits as they are (seed or import); the ward is taken from the site's centroid. */
export async function insertPermitRows(db: Knex, rows: NewPermitRow[]): Promise<void> {
  for (const r of rows) {
    await db('permits').insert({
      ...r,
      site: geom(db, r.site),
      footprint: geom(db, r.footprint),
      ward_code: db.raw(wardOfSite('?'), [JSON.stringify(r.site)]),
    });
  }
  // Numbers issued later continue after the highest one present.
  await db.raw(`SELECT setval('permit_number_seq', GREATEST((SELECT max(substring(number from '[0-9]{6}$')::int) FROM permits), 1))`);
}


const SUMMARY_COLUMNS = `p.id, p.number, p.applicant, p.parcel_id, p.ward_code, p.use_code AS use, p.floors,
  p.basement_floors, p.height_m::float8 AS height_m, p.gfa_m2::float8 AS gfa_m2, p.status,
  p.submitted_at, p.decided_at, p.valid_from::text AS valid_from, p.valid_to::text AS valid_to,
  p.lock_version, p.created_at, p.updated_at`;

const PARCEL_JSON = `CASE WHEN pa.id IS NULL THEN NULL ELSE json_build_object('id', pa.id, 'sheet_no', pa.sheet_no, 'parcel_no', pa.parcel_no, 'address', pa.address) END AS parcel`;

type Row = Omit<PermitSummary, 'effective_status'> & Record<string, unknown>;

function isoTimes<T extends Record<string, unknown>>(row: T): T {
  for (const k of ['submitted_at', 'decided_at', 'created_at', 'updated_at', 'at']) {
    if (row[k] instanceof Date) (row as Record<string, unknown>)[k] = (row[k] as Date).toISOString();
  }
  return row;
}

const wardOfSite = (site: string) =>
  `(SELECT code FROM wards WHERE ST_Intersects(geom, ST_PointOnSurface(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${site}), 4326)))) LIMIT 1)`;

export async function nextPermitNumber(db: Knex, year: string): Promise<string> {
  const { rows } = await db.raw(`SELECT nextval('permit_number_seq')::int AS n`);
  return `CT-GPXD-${year}-${String(rows[0].n).padStart(6, '0')}`;
}

/** The columns an application fills, shared by entering and amending it. */
function applicationColumns(db: Knex, p: PermitInput & { site: NonNullable<PermitInput['site']> }) {
  return {
    applicant: p.applicant,
    parcel_id: p.parcel_id,
    site: geom(db, p.site),
    footprint: geom(db, p.footprint),
    ward_code: db.raw(wardOfSite('?'), [JSON.stringify(p.site)]),
    use_code: p.use,
    floors: p.floors,
    basement_floors: p.basement_floors,
    height_m: p.height_m,
    gfa_m2: p.gfa_m2,
  };
}

export async function insertPermit(db: Knex, p: PermitInput & { number: string; site: NonNullable<PermitInput['site']>; created_by: number }): Promise<number> {
  const [row] = (await db('permits')
    .insert({ number: p.number, created_by: p.created_by, ...applicationColumns(db, p) })
    .returning('id')) as { id: number }[];
  return row.id;
}

/** Amends an application if nobody changed it since `lockVersion`; returns false when someone did. */
export async function updatePermitApplication(db: Knex, id: number, lockVersion: number, p: PermitInput & { site: NonNullable<PermitInput['site']> }): Promise<boolean> {
  const n = await db('permits')
    .where({ id, lock_version: lockVersion })
    .update({ ...applicationColumns(db, p), lock_version: db.raw('lock_version + 1'), updated_at: db.fn.now() });
  return n === 1;
}

/** The row locked for a status change: concurrent decisions queue here and see each other's result. */
export async function lockPermit(db: Knex, id: number): Promise<{ id: number; status: PermitStatus; ward_code: string | null; lock_version: number } | null> {
  const row = await db('permits').select('id', 'status', 'ward_code', 'lock_version').where({ id }).forUpdate().first();
  return (row as { id: number; status: PermitStatus; ward_code: string | null; lock_version: number } | undefined) ?? null;
}

export async function applyTransition(
  db: Knex,
  id: number,
  change: { to: PermitStatus; decides: boolean; reason: string | null; override_reason: string | null; snapshot: ComplianceReport | null; user_id: number; valid_from: string | null; valid_to: string | null; submitted: boolean },
): Promise<void> {
  const update: Record<string, unknown> = { status: change.to, lock_version: db.raw('lock_version + 1'), updated_at: db.fn.now() };
  if (change.submitted) update.submitted_at = db.fn.now();
  if (change.decides) {
    Object.assign(update, {
      decided_at: db.fn.now(),
      decided_by: change.user_id,
      decision_reason: change.reason,
      override_reason: change.override_reason,
      compliance_snapshot: change.snapshot ? JSON.stringify(change.snapshot) : null,
    });
  }
  if (change.valid_from) Object.assign(update, { valid_from: change.valid_from, valid_to: change.valid_to });
  await db('permits').where({ id }).update(update);
}

export async function insertPermitEvent(db: Knex, e: { permit_id: number; event: string; from_status: string; to_status: string; reason: string | null; user_id: number }): Promise<void> {
  await db('permit_events').insert(e);
}

export async function insertConditions(db: Knex, permitId: number, conditions: PermitCondition[]): Promise<void> {
  if (conditions.length) await db('permit_conditions').insert(conditions.map((c) => ({ permit_id: permitId, kind: c.kind, stage: c.stage, text: c.text })));
}

export async function findPermit(db: Knex, id: number): Promise<Omit<Permit, 'effective_status' | 'allowed_events'> | null> {
  const row = (await db('permits as p')
    .leftJoin('parcels as pa', 'pa.id', 'p.parcel_id')
    .select(
      db.raw(SUMMARY_COLUMNS),
      'p.decided_by',
      'p.decision_reason',
      'p.override_reason',
      'p.compliance_snapshot',
      db.raw('ST_AsGeoJSON(p.site, 9)::json AS site'),
      db.raw('ST_AsGeoJSON(p.footprint, 9)::json AS footprint'),
      db.raw(PARCEL_JSON),
    )
    .where('p.id', id)
    .first()) as Row | undefined;
  if (!row) return null;
  const conditions = (await db('permit_conditions').select('id', 'kind', 'stage', 'text').where({ permit_id: id }).orderBy('id')) as PermitCondition[];
  const events = ((await db('permit_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select('e.event', 'e.from_status', 'e.to_status', 'e.reason', 'u.email as user_email', 'e.at')
    .where('e.permit_id', id)
    .orderBy('e.id')) as PermitEventRecord[]).map((e) => isoTimes(e as unknown as Record<string, unknown>) as unknown as PermitEventRecord);
  return { ...(isoTimes(row) as unknown as Omit<Permit, 'effective_status' | 'allowed_events' | 'conditions' | 'events'>), conditions, events };
}

export async function pageOfPermits(
  db: Knex,
  filter: { status?: string; number?: string; ward?: string; wards?: string[] | null; today: string; limit: number; offset: number },
): Promise<{ items: Omit<PermitSummary, 'effective_status'>[]; numberMatched: number }> {
  const q = db('permits as p').modify((b) => {
    // "expired" is derived (approved, validity over), so it is a filter on two columns.
    if (filter.status === 'expired') b.where('p.status', 'approved').andWhere('p.valid_to', '<', filter.today);
    else if (filter.status === 'approved') b.where('p.status', 'approved').andWhere((w) => w.whereNull('p.valid_to').orWhere('p.valid_to', '>=', filter.today));
    else if (filter.status) b.where('p.status', filter.status);
    if (filter.number) b.whereRaw('p.number ILIKE ?', [`%${filter.number.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]);
    if (filter.ward) b.where('p.ward_code', filter.ward);
    if (filter.wards) b.whereIn('p.ward_code', filter.wards);
  });
  const [{ n }] = (await q.clone().count({ n: '*' })) as { n: number | string }[];
  const rows = (await q
    .clone()
    .leftJoin('parcels as pa', 'pa.id', 'p.parcel_id')
    .select(db.raw(SUMMARY_COLUMNS), db.raw(PARCEL_JSON))
    .orderBy('p.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)) as Row[];
  return { items: rows.map((r) => isoTimes(r) as unknown as Omit<PermitSummary, 'effective_status'>), numberMatched: Number(n) };
}

/** Ids, sites and decision dates of decided permits that have no compliance snapshot yet (seed data). */
export async function decidedWithoutSnapshot(db: Knex): Promise<{ id: number; parcel_id: number | null; decided_on: string }[]> {
  return (await db('permits')
    .select('id', 'parcel_id', db.raw(`to_char(decided_at AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM-DD') AS decided_on`))
    .whereIn('status', ['approved', 'rejected', 'revoked'])
    .whereNull('compliance_snapshot')
    .orderBy('id')) as { id: number; parcel_id: number | null; decided_on: string }[];
}

export async function setComplianceSnapshot(db: Knex, id: number, report: ComplianceReport, overrideReason: string | null): Promise<void> {
  await db('permits')
    .where({ id })
    .update({ compliance_snapshot: JSON.stringify(report), override_reason: db.raw('coalesce(override_reason, ?)', [overrideReason]) });
}


/**
 * Lifecycle events for sample permits loaded with a status already set (seed data), so their
 * history reads as it would had they gone through the transitions: submit → start_review → decision.
 */
export async function backfillSeedHistory(db: Knex): Promise<void> {
  const submitted = `coalesce(p.submitted_at, p.created_at)`;
  const steps: [string, string, string, string[], string, string][] = [
    ['submit', 'draft', 'submitted', ['submitted', 'under_review', 'approved', 'rejected', 'revoked'], submitted, 'NULL'],
    ['start_review', 'submitted', 'under_review', ['under_review', 'approved', 'rejected', 'revoked'], `least(${submitted} + interval '1 day', coalesce(p.decided_at, now()))`, 'NULL'],
    ['approve', 'under_review', 'approved', ['approved', 'revoked'], 'p.decided_at', 'coalesce(p.override_reason, p.decision_reason)'],
    ['reject', 'under_review', 'rejected', ['rejected'], 'p.decided_at', 'p.decision_reason'],
    ['revoke', 'approved', 'revoked', ['revoked'], `least(p.decided_at + interval '30 days', now())`, `'Thu hồi giấy phép (dữ liệu minh hoạ) / Permit revoked (demo data)'`],
  ];
  for (const [event, from, to, statuses, at, reason] of steps) {
    await db.raw(
      `INSERT INTO permit_events (permit_id, event, from_status, to_status, reason, at)
       SELECT p.id, ?, ?, ?, ${reason}, ${at} FROM permits p
       WHERE p.status = ANY (?) AND NOT EXISTS (SELECT 1 FROM permit_events e WHERE e.permit_id = p.id AND e.event = ?)`,
      [event, from, to, statuses, event],
    );
  }
}
