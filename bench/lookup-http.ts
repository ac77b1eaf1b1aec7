// Load drivers of the lookup benchmark: a keep-alive HTTP loop over GET /api/lookup and a bare-SQL loop.
import type { PreparedStatement } from '../api/db/prepared.ts';
import { KeepAliveClient } from './http-client.ts';

export interface LoadStats {
  clients: number;
  requests: number;
  errors: number;
  /** Answers that named a parcel (the others are point cards: streets). */
  with_parcel: number;
  seconds: number;
  per_s: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarise(clients: number, lat: number[], errors: number, withParcel: number, wallMs: number): LoadStats {
  const s = [...lat].sort((a, b) => a - b);
  return {
    clients,
    requests: s.length,
    errors,
    with_parcel: withParcel,
    seconds: wallMs / 1000,
    per_s: (s.length / wallMs) * 1000,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

/**
 * `clients` concurrent clients, each on its own keep-alive connection sending one request after the
 * other for `seconds` (bounded: it stops by itself), the paths taken in turn from `paths` starting
 * at `offset`. Latency is from sending the request to the last byte of the answer.
 */
export async function httpLoad(port: number, paths: string[], clients: number, seconds: number, offset = 0): Promise<LoadStats & { next_offset: number }> {
  const lat: number[] = [];
  let errors = 0;
  let withParcel = 0;
  let next = offset;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async (): Promise<void> => {
    let client = new KeepAliveClient(port);
    while (performance.now() < end) {
      const path = paths[next++ % paths.length];
      const t = performance.now();
      try {
        const r = await client.get(path);
        lat.push(performance.now() - t);
        if (r.status !== 200) errors++;
        else if (!r.body.includes('"parcel":null')) withParcel++;
      } catch {
        errors++;
        client.close();
        client = new KeepAliveClient(port);
      }
    }
    client.close();
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { ...summarise(clients, lat, errors, withParcel, performance.now() - t0), next_offset: next };
}

/** One lookup's statements in order; `prepared` for those the service runs as prepared statements (api/db/prepared.ts). */
export type QuerySequence = { sql: string; bindings: unknown[]; prepared?: PreparedStatement }[];

/**
 * `clients` concurrent loops, each replaying whole lookups (every statement of one, in order) on a
 * connection of its own for `seconds`; a "request" is one whole lookup.
 */
export async function sqlLoad(
  query: (q: QuerySequence[number]) => Promise<unknown>,
  sequences: QuerySequence[],
  clients: number,
  seconds: number,
): Promise<LoadStats> {
  const lat: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const seq = sequences[next++ % sequences.length];
      const t = performance.now();
      try {
        for (const q of seq) await query(q);
        lat.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return summarise(clients, lat, errors, 0, performance.now() - t0);
}
