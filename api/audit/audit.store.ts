// SQL of the audit log: every write records who, when, what, and the state before and after.
import type { Knex } from 'knex';

export interface AuditEntry {
  user_id: number | null;
  action: string;
  entity: string;
  entity_id?: string | number | null;
  before?: unknown;
  after?: unknown;
  request_id?: string | null;
}

/** Call with the transaction of the write it records, so both land or neither does. */
export async function recordAudit(db: Knex, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    user_id: entry.user_id,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: entry.request_id ?? null,
  });
}

export interface AuditRecord {
  id: number;
  at: string;
  user_id: number | null;
  user_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export async function listAudit(
  db: Knex,
  filter: { entity?: string; entity_id?: string; limit: number; offset: number },
): Promise<{ items: AuditRecord[]; numberMatched: number }> {
  const base = db('audit_log as a').modify((q) => {
    if (filter.entity) q.where('a.entity', filter.entity);
    if (filter.entity_id) q.where('a.entity_id', filter.entity_id);
  });
  const [{ n }] = (await base.clone().count({ n: '*' })) as { n: number | string }[];
  const items = (await base
    .clone()
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(db.raw('a.id::int AS id'), 'a.at', 'a.user_id', 'u.email as user_email', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.request_id')
    .orderBy('a.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)) as AuditRecord[];
  return { items, numberMatched: Number(n) };
}
