// What a benchmark's processes use, read from /proc: the server's RSS and CPU, PostgreSQL's CPU, the machine's idle time.
import fs from 'node:fs';

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
    const t = cpuOf(p);
    if (t === null && p === pid) return null;
    total += t ?? 0;
  }
  return total;
}

/** CPU time (user + system, ms) of one process from /proc/<pid>/stat; null when it is gone. */
function cpuOf(pid: number | string): number | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) used so far by each PostgreSQL process of the machine (command name "postgres": its
 * backends, one per connection, and its background workers), by pid; null where /proc is missing.
 * On the server backend this is the database's share of a lookup.
 */
export function postgresCpuMs(): Map<string, number> | null {
  const byPid = new Map<string, number>();
  let dirs: string[];
  try {
    dirs = fs.readdirSync('/proc');
  } catch {
    return null;
  }
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = cpuOf(d);
    if (ms !== null) byPid.set(d, ms);
  }
  return byPid;
}

/**
 * PostgreSQL's CPU between two snapshots: what each process still running used since the first
 * (all of it for a process started since). A backend that exited in between (a pool closing an idle
 * connection) takes its last moments with it, rather than subtracting its whole past.
 */
function postgresCpuBetween(a: Map<string, number> | null, b: Map<string, number> | null): number | null {
  if (!a || !b) return null;
  let total = 0;
  for (const [pid, ms] of b) total += ms - (a.get(pid) ?? 0);
  return total;
}

/**
 * The machine's CPU time so far (ms, summed over its cores), from /proc/stat: busy, idle (idle +
 * iowait) and stolen (the hypervisor ran something else while this machine wanted its CPU; a
 * virtual machine's figures are not comparable when much was stolen). Null where it is missing.
 */
export function machineCpuMs(): { busy: number; idle: number; stolen: number } | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const all = f.slice(0, 8).reduce((a, b) => a + b, 0) * 10;
    const idle = (f[3] + f[4]) * 10;
    const stolen = (f[7] ?? 0) * 10;
    return { busy: all - idle - stolen, idle, stolen };
  } catch {
    return null;
  }
}

/** Per-request CPU (ms) of each party over one load level, and the share of the machine left idle. */
export interface CpuSplit {
  /** The server's node processes (serverProcesses); null for the bare-SQL loop, which has none. */
  server_ms: number | null;
  /** Every PostgreSQL process (the embedded backend has none: its database runs inside the server). */
  postgres_ms: number | null;
  /** This benchmark process: the HTTP clients or the bare-SQL loop that drive the load. */
  load_ms: number;
  /** All of the machine's busy CPU: the three above and anything else that ran. */
  machine_ms: number | null;
  idle_pct: number | null;
  /** Share of the machine's CPU time stolen by the hypervisor. */
  stolen_pct: number | null;
}

/** Starts counting; `stop(requests)` gives each party's CPU per request since the start. */
export function cpuSplit(serverPid: number | null, withPostgres: boolean): { stop(requests: number): CpuSplit } {
  const server0 = serverPid === null ? null : procCpuMs(serverPid);
  const pg0 = withPostgres ? postgresCpuMs() : null;
  const load0 = process.cpuUsage();
  const machine0 = machineCpuMs();
  return {
    stop(requests) {
      const n = Math.max(1, requests);
      const server1 = serverPid === null ? null : procCpuMs(serverPid);
      const pg1 = withPostgres ? postgresCpuMs() : null;
      const load = process.cpuUsage(load0);
      const machine1 = machineCpuMs();
      const per = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : (b - a) / n);
      const pgMs = postgresCpuBetween(pg0, pg1);
      const busy = machine0 && machine1 ? machine1.busy - machine0.busy : null;
      const idle = machine0 && machine1 ? machine1.idle - machine0.idle : null;
      const stolen = machine0 && machine1 ? machine1.stolen - machine0.stolen : null;
      const all = busy === null || idle === null || stolen === null ? null : busy + idle + stolen;
      return {
        server_ms: per(server0, server1),
        postgres_ms: pgMs === null ? null : pgMs / n,
        load_ms: (load.user + load.system) / 1000 / n,
        machine_ms: busy === null ? null : busy / n,
        idle_pct: all === null || all === 0 ? null : (idle! / all) * 100,
        stolen_pct: all === null || all === 0 ? null : (stolen! / all) * 100,
      };
    },
  };
}
