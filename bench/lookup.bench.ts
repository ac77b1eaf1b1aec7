// Benchmark: GET /api/lookup over HTTP on a plan of 100,000 zones and 1,000,000 parcels, on both backends.
//
//   npx tsx bench/lookup.bench.ts [--backend pglite|postgres|both] [--zones 100000] [--parcels 1000000]
//        [--constraints 10000] [--duration 20] [--connections 1,8] [--points 20000] [--stages 300]
//        [--seed spp-bench-1] [--port 3130] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
//        [--pg-db spp_bench_lookup] [--data-dir DIR] [--keep] [--explain] [--workers 1] [--pairs 3]
//
// Prints figures, never asserts on time. Per backend: migrate an empty database and load the
// synthetic plan (bench/synthetic-plan.ts) with its parcels; time each stage of a lookup in process
// (every SQL statement the service sends, and the rest: the card); then start the real server
// (api/server.ts) as a child process on that database and drive GET /api/lookup?lon=&lat= with
// keep-alive clients (1 and 8 by default) for --duration seconds each, on seeded random points, 90 %
// inside parcels and 10 % in the streets between them, sampling the server's RSS. On the server
// backend, the bare SQL of the same lookups (each lookup's statements as the service sent them,
// replayed with node-postgres) runs at the same client counts, for the ratio the goal names. After
// the lookups, GET /api/health at the most clients gives the floor any request costs the server.
// Then --pairs rounds at the most clients alternate HTTP and bare SQL (half --duration each): on a
// virtual machine whose CPU is now and then taken by its neighbours, the ratio of a pair measured
// minutes apart can be off by a third, and the median of alternating pairs is the steadier figure.
// PostgreSQL: the database --pg-db is created afresh and dropped at the end; PGlite: a temporary
// data dir, removed at the end. With --keep both stay, and a later run with the same sizes, --pg-db
// and --data-dir reuses them without loading again. --workers N starts the server on the PostgreSQL
// backend with WORKERS=N (HTTP worker processes sharing the port); RSS and CPU are then the sums over
// the server's node processes (the TypeScript loader's esbuild helper is left out).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../api/db/connection.ts';
import type { Database } from '../api/db/database.ts';
import { prepareDatabase } from '../api/db/prepare.ts';
import { createLogger } from '../api/http/logger.ts';
import { BACKEND_CHOICES, readFlags } from './bench-cli.ts';
import { measureStages, type StagesResult } from './lookup-stages.ts';
import { printReport } from './lookup-report.ts';
import { httpLoad, sqlLoad, type LoadStats, type QuerySequence } from './lookup-http.ts';
import { cpuSplit, folderMb, procMemory, sampleRss, type CpuSplit } from './proc-stats.ts';
import { loadSyntheticPlan, makeGrid } from './synthetic-plan.ts';
import { loadSyntheticParcels, makeLookupPoints, makeParcelLayout } from './synthetic-parcels.ts';
import { pct, ratioPct } from './table-format.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type BackendName = 'pglite' | 'postgres';

export interface Options {
  backend: BackendName | 'both';
  zones: number;
  parcels: number;
  constraints: number;
  duration: number;
  connections: number[];
  points: number;
  stages: number;
  seed: string;
  port: number;
  pgUrl: string;
  pgDb: string;
  dataDir: string | null;
  keep: boolean;
  explain: boolean;
  workers: number;
  pairs: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    backend: 'both',
    zones: 100_000,
    parcels: 1_000_000,
    constraints: 10_000,
    duration: 20,
    connections: [1, 8],
    points: 20_000,
    stages: 300,
    seed: 'spp-bench-1',
    port: 3130,
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    pgDb: 'spp_bench_lookup',
    dataDir: null,
    keep: false,
    explain: false,
    workers: 1,
    pairs: 3,
  };
  readFlags(argv, fileURLToPath(import.meta.url), 24, (flag, f) => {
    switch (flag) {
      case '--backend': o.backend = f.oneOf(BACKEND_CHOICES); break;
      case '--zones': o.zones = f.int(1); break;
      case '--parcels': o.parcels = f.int(1); break;
      case '--constraints': o.constraints = f.int(0); break;
      case '--duration': o.duration = f.int(1); break;
      case '--connections': {
        o.connections = (f.value() ?? '').split(',').map((x) => {
          const n = Number(x.trim());
          if (!Number.isInteger(n) || n < 1) throw new Error(`--connections needs integers ≥ 1, got ${x}`);
          return n;
        });
        break;
      }
      case '--points': o.points = f.int(1); break;
      case '--stages': o.stages = f.int(1); break;
      case '--seed': o.seed = f.value() ?? o.seed; break;
      case '--port': o.port = f.int(1); break;
      case '--pg-url': o.pgUrl = f.value() ?? o.pgUrl; break;
      case '--pg-db': {
        const v = f.value() ?? '';
        if (!/^[a-z_][a-z0-9_]{0,62}$/.test(v)) throw new Error(`--pg-db needs a plain lower-case database name, got ${v}`);
        o.pgDb = v;
        break;
      }
      case '--data-dir': o.dataDir = path.resolve(f.value() ?? ''); break;
      case '--keep': o.keep = true; break;
      case '--explain': o.explain = true; break;
      case '--workers': o.workers = f.int(1); break;
      case '--pairs': o.pairs = f.int(0); break;
      default: return false;
    }
    return true;
  });
  return o;
}

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** "12 % of the CPU stolen; " when the hypervisor took any, for the progress lines. */
const stolen = (c: CpuSplit): string => (c.stolen_pct ? `${pct(c.stolen_pct)} of the CPU stolen; ` : '');

// ---------------------------------------------------------------------------------------------
// The server as a child process

async function startServer(env: Record<string, string>, port: number, log: (m: string) => void): Promise<{ child: ChildProcess; startup_ms: number; stop(): Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SEED_DEMO: 'false', ...env },
    // The access log (one JSON line a request, LOG_LEVEL info as in production) is written and dropped.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr.slice(0, 2000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error('server did not answer /api/health within 10 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  const startup_ms = performance.now() - t0;
  log(`server pid ${child.pid} up in ${(startup_ms / 1000).toFixed(1)} s`);
  return {
    child,
    startup_ms,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (stderr.trim()) log(`server stderr: ${stderr.trim().slice(0, 1000)}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One backend

export interface HttpLevel extends LoadStats {
  rss_max_mb: number;
  /** CPU per request of the server, PostgreSQL and the load driver, and the machine's idle share. */
  cpu: CpuSplit;
}

export interface BareLevel extends LoadStats {
  cpu: CpuSplit;
}

/** GET /api/health under load: what the HTTP stack (Express, middleware, access log) and one trivial statement cost a request. */
export interface FloorLevel {
  clients: number;
  per_s: number;
  cpu: CpuSplit;
}

/** One round of the alternating pairs: HTTP, then the bare SQL, at the same client count. */
export interface Pair {
  clients: number;
  http_per_s: number;
  bare_per_s: number;
  http_stolen_pct: number | null;
  bare_stolen_pct: number | null;
}

export interface BackendResult {
  backend: BackendName;
  postgis: string;
  storage: string;
  reused: boolean;
  load: { migrate_ms: number; plan_ms: number; parcels_ms: number; parcels_analyze_ms: number; total_ms: number };
  db_size_mb: number;
  data_dir_mb: number | null;
  bench_rss_after_load_mb: number;
  layout: string;
  stages: StagesResult;
  server: { startup_ms: number; rss_idle_mb: number; rss_hwm_mb: number | null };
  http: HttpLevel[];
  http_floor: FloorLevel;
  bare_sql: BareLevel[];
  pairs: Pair[];
  uptime_before: string;
  uptime_after: string;
}

const uptime = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function openBackend(o: Options, backend: BackendName, log: (m: string) => void): Promise<{ open(): Promise<Database>; env: Record<string, string>; storage: string; fresh: boolean; dataDir: string | null; cleanup(): Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = o.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-lookup-'));
    const fresh = !fs.existsSync(path.join(dataDir, 'pgdata'));
    return {
      open: () => openDatabase({ backend: 'pglite', dataDir }),
      env: { DATA_DIR: dataDir },
      storage: `data dir ${dataDir}`,
      fresh,
      dataDir,
      cleanup: async () => {
        if (o.keep) log(`kept ${dataDir}`);
        else fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: o.pgUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [o.pgDb])).rowCount! > 0;
  let fresh = true;
  if (exists && o.keep) fresh = false;
  else {
    await admin.query(`DROP DATABASE IF EXISTS ${o.pgDb}`);
    await admin.query(`CREATE DATABASE ${o.pgDb}`);
  }
  await admin.end();
  const url = withDatabase(o.pgUrl, o.pgDb);
  return {
    open: () => openDatabase({ backend: 'postgres', databaseUrl: url, poolMax: 2 }),
    env: { DATABASE_URL: url },
    storage: `database ${o.pgDb}`,
    fresh,
    dataDir: null,
    cleanup: async () => {
      if (o.keep) return log(`kept database ${o.pgDb}`);
      const c = new pg.Client({ connectionString: o.pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${o.pgDb} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function runBackend(o: Options, backend: BackendName): Promise<BackendResult> {
  const log = (m: string): void => void process.stderr.write(`[${backend} ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  const uptime_before = uptime();
  const b = await openBackend(o, backend, log);
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let db: Database | null = null;
  try {
    const t0 = performance.now();
    db = await b.open();
    await prepareDatabase(db, { seedDemo: false, demoPassword: 'not-used-by-the-bench' }, createLogger('warn'));
    const migrate_ms = performance.now() - t0;
    const code = `BENCH-${o.zones}-${o.constraints}`;
    const loaded = (await db.knex.raw(
      `SELECT (SELECT count(*) FROM plans WHERE code = ?)::int AS plans, (SELECT count(*) FROM parcels)::int AS parcels`,
      [code],
    )).rows[0] as { plans: number; parcels: number };
    const reused = loaded.plans === 1 && loaded.parcels === o.parcels;
    // A load that stopped half-way (each parcel batch commits on its own) is resumed, not redone.
    const resume = loaded.plans === 1 && loaded.parcels < o.parcels;
    if (!reused && !resume && (loaded.plans > 0 || loaded.parcels > 0)) throw new Error(`${b.storage} holds another plan or parcels (${JSON.stringify(loaded)}): give another --pg-db / --data-dir`);
    const grid = makeGrid(o.zones);
    let layout = makeParcelLayout(grid, o.parcels);
    const load = { migrate_ms, plan_ms: 0, parcels_ms: 0, parcels_analyze_ms: 0, total_ms: 0 };
    if (reused) {
      log(`reusing the loaded plan and ${o.parcels} parcels in ${b.storage}`);
    } else {
      log(`migrated in ${(migrate_ms / 1000).toFixed(1)} s (PostGIS ${db.capabilities.postgisVersion}, ${b.storage}); load avg ${uptime()}`);
      if (resume) {
        log(`resuming the parcel load at ${loaded.parcels} (load times below cover the rest only)`);
      } else {
        const plan = await loadSyntheticPlan(db.knex, { zones: o.zones, constraints: o.constraints, seed: o.seed, loader: 'sql', log });
        load.plan_ms = plan.timings.total_ms;
        log(`plan loaded in ${(plan.timings.total_ms / 1000).toFixed(1)} s`);
      }
      const parcels = await loadSyntheticParcels(db.knex, grid, { parcels: o.parcels, from: resume ? loaded.parcels : 0, log });
      layout = parcels.layout;
      load.parcels_ms = parcels.timings.insert_ms;
      load.parcels_analyze_ms = parcels.timings.analyze_ms;
      load.total_ms = performance.now() - t0;
      log(`parcels loaded in ${(parcels.timings.insert_ms / 1000).toFixed(1)} s + ANALYZE ${(parcels.timings.analyze_ms / 1000).toFixed(1)} s`);
    }
    const bench_rss_after_load_mb = Math.round(process.memoryUsage().rss / 1048576);
    const db_size_mb = Math.round(((await db.knex.raw('SELECT pg_database_size(current_database())::float8 AS b')).rows[0] as { b: number }).b / 1048576);

    // A fresh connection for the in-process stages (PGlite: a reopened data dir, as the server will see it).
    await db.close();
    db = await b.open();
    const stagePoints = makeLookupPoints(grid, layout, o.stages + 20, o.seed, 'stages');
    // The points the HTTP clients ask for, to 7 decimals as their URLs carry them (≈ 1 cm).
    const points = makeLookupPoints(grid, layout, o.points, o.seed, 'http').map((p) => ({ ...p, lon: Number(p.lon.toFixed(7)), lat: Number(p.lat.toFixed(7)) }));
    // The bare SQL replays the statements of those very lookups: over fewer points its pages would
    // stay hotter in PostgreSQL's buffers than the HTTP run's, and the ratio would flatter the SQL.
    const sqlPoints = backend === 'postgres' ? points : [];
    log(`timing ${o.stages} lookups in process by stage${sqlPoints.length ? ` and recording ${sqlPoints.length} lookups' SQL` : ''}`);
    const { stages, sequences } = await measureStages(db.knex, stagePoints, sqlPoints, o.explain, log);
    log(`in process: p50 ${stages.total.p50.toFixed(2)} ms, p95 ${stages.total.p95.toFixed(2)} ms (SQL p50 ${stages.sql.p50.toFixed(2)}, card p50 ${stages.card.p50.toFixed(2)})`);
    const postgis = db.capabilities.postgisVersion;
    await db.close();
    db = null;
    const data_dir_mb = b.dataDir ? folderMb(b.dataDir) : null;

    // HTTP against the real server.
    // Several workers need the server backend (the embedded database lives in one process).
    server = await startServer(backend === 'postgres' && o.workers > 1 ? { ...b.env, WORKERS: String(o.workers) } : b.env, o.port, log);
    const pid = server.child.pid!;
    const rss_idle_mb = procMemory(pid)?.rss_mb ?? NaN;
    const paths = points.map((p) => `/api/lookup?lon=${p.lon.toFixed(7)}&lat=${p.lat.toFixed(7)}`);
    let offset = 0;
    const levels: HttpLevel[] = [];
    for (const c of o.connections) {
      const warm = await httpLoad(o.port, paths, c, Math.min(3, o.duration), offset);
      offset = warm.next_offset;
      const rss = sampleRss(pid);
      const cpu = cpuSplit(pid, backend === 'postgres');
      const r = await httpLoad(o.port, paths, c, o.duration, offset);
      const split = cpu.stop(r.requests);
      offset = r.next_offset;
      const { max_mb } = rss.stop();
      const { next_offset: _n, ...stats } = r;
      levels.push({ ...stats, rss_max_mb: max_mb, cpu: split });
      log(`HTTP ${c} client(s): ${r.per_s.toFixed(0)}/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, ${r.errors} errors, RSS max ${max_mb} MB; ${stolen(split)}load avg ${uptime()}`);
    }
    const rss_hwm_mb = procMemory(pid)?.hwm_mb ?? null;
    // The floor under any lookup: the same server answering its cheapest route (a SELECT 1) at the most clients.
    const floorClients = Math.max(...o.connections);
    await httpLoad(o.port, ['/api/health'], floorClients, Math.min(2, o.duration));
    const floorCpu = cpuSplit(pid, backend === 'postgres');
    const floorRun = await httpLoad(o.port, ['/api/health'], floorClients, Math.min(5, o.duration));
    const http_floor: FloorLevel = { clients: floorClients, per_s: floorRun.per_s, cpu: floorCpu.stop(floorRun.requests) };
    log(`HTTP floor (GET /api/health) ${floorClients} client(s): ${floorRun.per_s.toFixed(0)}/s, server CPU ${http_floor.cpu.server_ms?.toFixed(2) ?? '–'} ms a request`);

    // Bare SQL on the server backend: the same statements, no HTTP, no card (the server stays up, idle).
    const bare: BareLevel[] = [];
    const pairs: Pair[] = [];
    if (backend === 'postgres') {
      const pool = new pg.Pool({ connectionString: b.env.DATABASE_URL, max: Math.max(...o.connections) });
      // Prepared statements as the service runs them: named, so each connection plans them once.
      const bareQuery = (q: QuerySequence[number]) =>
        pool.query(q.prepared ? { name: q.prepared.name, text: q.sql, values: q.bindings } : { text: q.sql, values: q.bindings });
      try {
        for (const c of o.connections) {
          await sqlLoad(bareQuery, sequences, c, Math.min(3, o.duration));
          const cpu = cpuSplit(null, true);
          const r = await sqlLoad(bareQuery, sequences, c, o.duration);
          const split = cpu.stop(r.requests);
          bare.push({ ...r, cpu: split });
          log(`bare SQL ${c} connection(s): ${r.per_s.toFixed(0)} lookups/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, ${r.errors} errors; ${stolen(split)}load avg ${uptime()}`);
        }
        const c = Math.max(...o.connections);
        const half = Math.max(1, Math.round(o.duration / 2));
        for (let i = 0; i < o.pairs; i++) {
          const hCpu = cpuSplit(pid, true);
          const h = await httpLoad(o.port, paths, c, half, offset);
          offset = h.next_offset;
          const hSplit = hCpu.stop(h.requests);
          const sCpu = cpuSplit(null, true);
          const q = await sqlLoad(bareQuery, sequences, c, half);
          const sSplit = sCpu.stop(q.requests);
          pairs.push({ clients: c, http_per_s: h.per_s, bare_per_s: q.per_s, http_stolen_pct: hSplit.stolen_pct, bare_stolen_pct: sSplit.stolen_pct });
          log(`pair ${i + 1} at ${c}: HTTP ${h.per_s.toFixed(0)}/s, bare SQL ${q.per_s.toFixed(0)} lookups/s = ${ratioPct(h.per_s, q.per_s)}`);
        }
      } finally {
        await pool.end();
      }
    }
    await server.stop();
    const startup_ms = server.startup_ms;
    server = null;
    return {
      backend,
      postgis,
      storage: b.storage,
      reused,
      load,
      db_size_mb,
      data_dir_mb,
      bench_rss_after_load_mb,
      layout: `${layout.perZone} parcels a zone (${layout.rows} × ${layout.cols}) of ${layout.sizeM[0].toFixed(1)} × ${layout.sizeM[1].toFixed(1)} m in ${layout.zonesUsed.toLocaleString('en')} zones`,
      stages,
      server: { startup_ms, rss_idle_mb, rss_hwm_mb },
      http: levels,
      http_floor,
      bare_sql: bare,
      pairs,
      uptime_before,
      uptime_after: uptime(),
    };
  } finally {
    await db?.close();
    await server?.stop();
    await b.cleanup();
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const backends: BackendName[] = o.backend === 'both' ? ['pglite', 'postgres'] : [o.backend];
  const results: BackendResult[] = [];
  for (const b of backends) {
    try {
      results.push(await runBackend(o, b));
    } catch (err) {
      process.stderr.write(`[${b}] failed: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    }
  }
  if (results.length) {
    printReport(o, results);
    const file = path.join(os.tmpdir(), `spp-lookup-bench-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify({ options: o, results }, null, 2));
    console.log(`\n(all figures as JSON: ${file})`);
  }
}

await main();
