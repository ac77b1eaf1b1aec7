// Load drivers of the lookup benchmark: a keep-alive HTTP loop over GET /api/lookup, a bare-SQL loop, RSS sampling of a process.
import type { PreparedStatement } from '../api/db/prepared.ts';
import fs from 'node:fs';
import http from 'node:http';

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

/** One GET over a keep-alive agent; resolves with the status and the body. */
function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, method: 'GET', headers: { accept: 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `clients` concurrent clients, each on its own keep-alive connection sending one request after the
 * other for `seconds` (bounded: it stops by itself), the paths taken in turn from `paths` starting
 * at `offset`. Latency is from sending the request to the last byte of the answer.
 */
export async function httpLoad(port: number, paths: string[], clients: number, seconds: number, offset = 0): Promise<LoadStats & { next_offset: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
  const lat: number[] = [];
  let errors = 0;
  let withParcel = 0;
  let next = offset;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const path = paths[next++ % paths.length];
      const t = performance.now();
      try {
        const r = await get(agent, port, path);
        lat.push(performance.now() - t);
        if (r.status !== 200) errors++;
        else if (!r.body.includes('"parcel":null')) withParcel++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const wall = performance.now() - t0;
  agent.destroy();
  return { ...summarise(clients, lat, errors, withParcel, wall), next_offset: next };
}

/** One lookup as the database sees it: the statements the service sent, in order, with their bindings. */
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

/** A process and its descendants (the HTTP workers of a server started with WORKERS > 1). */
export function processTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const c of children ? children.split(/\s+/) : []) out.push(...processTree(Number(c)));
    }
  } catch {
    // gone, or no /proc
  }
  return out;
}

/**
 * The server's own processes: `pid` and those of its descendants that run the same executable (its
 * HTTP workers: node), leaving out helpers such as the TypeScript loader's esbuild service, which a
 * deployment that runs compiled code does not have.
 */
export function serverProcesses(pid: number): number[] {
  const exeOf = (p: number): string | null => {
    try {
      return fs.readlinkSync(`/proc/${p}/exe`);
    } catch {
      return null;
    }
  };
  const own = exeOf(pid);
  return processTree(pid).filter((p) => p === pid || (own !== null && exeOf(p) === own));
}

/** Resident set size (kB fields of /proc/<pid>/status) of the server's processes (serverProcesses), in MB; null where /proc is missing. */
export function procMemory(pid: number): { rss_mb: number; hwm_mb: number } | null {
  let rss = 0;
  let hwm = 0;
  for (const p of serverProcesses(pid)) {
    try {
      const s = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
      rss += kb('VmRSS');
      hwm += kb('VmHWM');
    } catch {
      if (p === pid) return null;
    }
  }
  return { rss_mb: Math.round(rss / 1024), hwm_mb: Math.round(hwm / 1024) };
}

/** Samples a process's RSS every `everyMs` until stopped; returns the largest and the last sample. */
export function sampleRss(pid: number, everyMs = 250): { stop(): { max_mb: number; last_mb: number } } {
  let max = 0;
  let last = 0;
  const tick = (): void => {
    const m = procMemory(pid);
    if (m) {
      last = m.rss_mb;
      max = Math.max(max, m.rss_mb);
    }
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { max_mb: max, last_mb: last };
    },
  };
}

/** Size of a folder tree on disk, in MB. */
export function folderMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) bytes += fs.statSync(p).size;
    }
  };
  walk(dir);
  return Math.round(bytes / 1048576);
}

/** CPU time the server's processes (serverProcesses) have used so far (user + system, from /proc/<pid>/stat), in ms; null where /proc is missing. */
export function procCpuMs(pid: number): number | null {
  let total = 0;
  for (const p of serverProcesses(pid)) {
    try {
      const s = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      total += ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
    } catch {
      if (p === pid) return null;
    }
  }
  return total;
}
