// Per-query timing from knex's query events: which SQL of the context load takes the time.
import type { Knex } from 'knex';

export class QueryTimer {
  private readonly open = new Map<string, { t: number; key: string }>();
  readonly samples = new Map<string, number[]>();
  /** The first query seen per key, with its bindings (for EXPLAIN). */
  readonly examples = new Map<string, { sql: string; bindings: unknown[] }>();
  enabled = false;

  constructor(knex: Knex) {
    knex.on('query', (q: { __knexQueryUid?: string; sql: string; bindings?: unknown[] }) => {
      if (!this.enabled || !q.__knexQueryUid) return;
      const key = QueryTimer.classify(q.sql);
      if (!this.examples.has(key)) this.examples.set(key, { sql: q.sql, bindings: q.bindings ?? [] });
      this.open.set(q.__knexQueryUid, { t: performance.now(), key });
    });
    knex.on('query-response', (_r: unknown, q: { __knexQueryUid?: string }) => {
      const o = q.__knexQueryUid ? this.open.get(q.__knexQueryUid) : undefined;
      if (!o) return;
      this.open.delete(q.__knexQueryUid!);
      const list = this.samples.get(o.key) ?? [];
      list.push(performance.now() - o.t);
      this.samples.set(o.key, list);
    });
  }

  static classify(sql: string): string {
    if (/\bFROM\s+zones\b/i.test(sql)) return 'zones';
    if (/\bFROM\s+constraints\b/i.test(sql)) return 'constraints';
    if (/\bFROM\s+"?parcels"?/i.test(sql)) return 'parcels';
    return 'other';
  }

  reset(): void {
    this.samples.clear();
    this.open.clear();
  }
}

