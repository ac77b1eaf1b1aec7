// One lookup timed in process, stage by stage: every SQL statement the rule card sends (recorded from knex's events, replayed alone) and the card's own time in Node.
import type { Knex } from 'knex';
import { runPrepared, type PreparedStatement, type PreparedValue } from '../api/db/prepared.ts';
import { LookupService } from '../api/lookup/lookup.service.ts';
import { percentile, type QuerySequence } from './lookup-http.ts';
import type { LookupPoint } from './synthetic-parcels.ts';

/** Which statement of the lookup a SQL text is (the store function that sent it). */
export function stageOf(sql: string): string {
  if (/FROM parcels p, pt/i.test(sql)) return 'parcelsAt';
  if (/FROM zones z JOIN plans/i.test(sql)) return 'parcelContext';
  if (/land_use_codes/i.test(sql)) return 'zoneDetails';
  if (/FROM zones x JOIN plans|from "zones" as "x"/i.test(sql)) return 'zonesAt';
  if (/FROM constraints x JOIN plans|from "constraints" as "x"/i.test(sql)) return 'constraintsAt';
  if (/FROM plans pl, pt/i.test(sql)) return 'planCovering';
  if (/FROM plans pl WHERE pl.id/i.test(sql)) return 'planById';
  return 'other';
}

export interface StageStats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

export function stageStats(xs: number[]): StageStats {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

export interface StagesResult {
  /** service.atPoint in process, split into parcel points and street points. */
  total: StageStats;
  total_parcel: StageStats;
  total_street: StageStats;
  /** Sum of the SQL statements of one lookup (as knex saw them) and the rest (the card, in Node). */
  sql: StageStats;
  card: StageStats;
  statements: Record<string, StageStats>;
  /** The same lookups' statements replayed alone, one client, without the service. */
  sql_replay: StageStats;
  /** CPU time of this process per lookup (PGlite runs inside it; a PostgreSQL server does not). */
  cpu_ms: number;
  explain: Record<string, string>;
}

/** Records every statement the service sends, with its time; a lookup's sequence for replay. */
function recorder(knex: Knex): { begin(): void; end(): { seq: QuerySequence; ms: Record<string, number> } } {
  let seq: QuerySequence = [];
  let ms: Record<string, number> = {};
  let on = false;
  const open = new Map<string, { t: number; stage: string }>();
  knex.on('query', (q: { __knexQueryUid?: string; sql: string; bindings?: unknown[]; prepared?: PreparedStatement }) => {
    if (!on || !q.__knexQueryUid) return;
    seq.push({ sql: q.sql, bindings: q.bindings ?? [], prepared: q.prepared });
    open.set(q.__knexQueryUid, { t: performance.now(), stage: stageOf(q.sql) });
  });
  knex.on('query-response', (_r: unknown, q: { __knexQueryUid?: string }) => {
    const o = q.__knexQueryUid ? open.get(q.__knexQueryUid) : undefined;
    if (!o) return;
    open.delete(q.__knexQueryUid!);
    ms[o.stage] = (ms[o.stage] ?? 0) + performance.now() - o.t;
  });
  return {
    begin() {
      seq = [];
      ms = {};
      on = true;
    },
    end() {
      // Stop recording: a replay of a recorded lookup must not append to it.
      on = false;
      return { seq, ms };
    },
  };
}

/** A recorded statement run again as the service ran it: prepared statements as prepared ones. */
function replay(knex: Knex, q: QuerySequence[number]): Promise<unknown> {
  return q.prepared ? runPrepared(knex, q.prepared, q.bindings as PreparedValue[]) : knex.raw(...rawArgs(q.sql, q.bindings));
}

/** knex.raw wants ? placeholders in binding order; the recorded SQL has $n. */
function rawArgs(sql: string, bindings: unknown[]): [string, Knex.RawBinding[]] {
  const out: Knex.RawBinding[] = [];
  const text = sql.replace(/\$(\d+)/g, (_m, n: string) => {
    out.push(bindings[Number(n) - 1] as Knex.RawBinding);
    return '?';
  });
  return [text, out];
}

export async function measureStages(knex: Knex, points: LookupPoint[], sequencesFor: LookupPoint[], explain: boolean, log: (m: string) => void): Promise<{ stages: StagesResult; sequences: QuerySequence[] }> {
  const service = new LookupService(knex);
  const rec = recorder(knex);
  const date = '2026-06-30';
  for (const p of points.slice(0, 20)) await service.atPoint(p.lon, p.lat, date); // warm-up
  const total: number[] = [];
  const totalParcel: number[] = [];
  const totalStreet: number[] = [];
  const sql: number[] = [];
  const card: number[] = [];
  const per: Record<string, number[]> = {};
  const seqs: QuerySequence[] = [];
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const cpu0 = cpu();
  for (const p of points.slice(20)) {
    rec.begin();
    const t = performance.now();
    await service.atPoint(p.lon, p.lat, date);
    const ms = performance.now() - t;
    const { seq, ms: byStage } = rec.end();
    seqs.push(seq);
    total.push(ms);
    (p.parcel === null ? totalStreet : totalParcel).push(ms);
    const s = Object.values(byStage).reduce((a, b) => a + b, 0);
    sql.push(s);
    card.push(ms - s);
    for (const [k, v] of Object.entries(byStage)) (per[k] ??= []).push(v);
  }
  const cpu_ms = (cpu() - cpu0) / Math.max(1, total.length);
  log(`  ${total.length} lookups timed; replaying their SQL`);
  const replayed: number[] = [];
  for (const seq of seqs) {
    const t = performance.now();
    for (const q of seq) await replay(knex, q);
    replayed.push(performance.now() - t);
  }
  // EXPLAIN ANALYZE of each statement of the first parcel lookup and the first street lookup.
  const ex: Record<string, string> = {};
  const firstParcel = seqs[points.slice(20).findIndex((p) => p.parcel !== null)];
  const firstStreet = seqs[points.slice(20).findIndex((p) => p.parcel === null)];
  for (const seq of [firstParcel, firstStreet]) {
    for (const q of seq ?? []) {
      const k = stageOf(q.sql);
      if (ex[k]) continue;
      const [text, b] = rawArgs(q.sql, q.bindings);
      const res = await knex.raw(`EXPLAIN (ANALYZE${explain ? ', BUFFERS' : ''}) ${text}`, b);
      const lines = (res.rows as Record<string, string>[]).map((r) => r['QUERY PLAN']);
      ex[k] = explain ? lines.join('\n') : lines.filter((l) => /Scan|Time:/.test(l)).map((l) => l.trim()).join(' | ');
    }
  }
  log('  EXPLAIN done; recording the SQL of the bare-SQL lookups');
  // Sequences for the bare-SQL loop: lookups of their own points (not those just timed).
  const sequences: QuerySequence[] = [];
  for (const p of sequencesFor) {
    rec.begin();
    await service.atPoint(p.lon, p.lat, date);
    sequences.push(rec.end().seq);
  }
  const statements: Record<string, StageStats> = {};
  for (const [k, v] of Object.entries(per)) statements[k] = stageStats(v);
  return {
    stages: {
      total: stageStats(total),
      total_parcel: stageStats(totalParcel),
      total_street: stageStats(totalStreet),
      sql: stageStats(sql),
      card: stageStats(card),
      statements,
      sql_replay: stageStats(replayed),
      cpu_ms,
      explain: ex,
    },
    sequences,
  };
}

