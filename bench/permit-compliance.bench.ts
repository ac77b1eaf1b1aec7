// Benchmark: compliance check of one planning-permit application against a large plan, on both backends.
//
//   npx tsx bench/permit-compliance.bench.ts [--backend pglite|postgres|both] [--zones 100000]
//        [--constraints 10000] [--runs 300] [--warmup 20] [--seed spp-bench-1] [--loader sql|store]
//        [--pglite-storage memory|disk] [--pg-url postgres://postgres@127.0.0.1:5432/postgres] [--explain]
//
// Prints figures, never asserts on time. Per backend (each in a child process of its own, so RSS is
// that backend's alone): time to migrate and load the synthetic plan (bench/synthetic-plan.ts), then
//   full   assessProposal(knex, proposal, { asOf }) from api/compliance/compliance.service.ts
//   sql    the context query alone (loadContextFeatures from compliance.store.ts)
//   engine runCompliance alone on the contexts the sql pass loaded (and analyseSite alone)
// plus baselines measured in the same run: SELECT 1 and a bare point-in-polygon zone lookup.
// The full pass and the sql/engine passes use two different sets of proposals (same distribution),
// so no timed pass sees a site a previous one has just fetched. Postgres: a fresh database
// spp_bench_<pid>_<hex>, dropped at the end; PGlite: in memory (or a temp data dir, removed after).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { openDatabase } from '../api/db/connection.ts';
import type { Database } from '../api/db/database.ts';
import { openPostgres } from '../api/db/postgres.ts';
import { prepareDatabase } from '../api/db/prepare.ts';
import { createLogger } from '../api/http/logger.ts';
import { endOfDayInVietnam } from '../api/db/sql.ts';
import { printReport } from './permit-compliance-report.ts';
import { QueryTimer } from './query-timer.ts';
import { assessProposal } from '../api/compliance/compliance.service.ts';
import { loadContextFeatures } from '../api/compliance/compliance.store.ts';
import {
  analyseSite,
  resolveParams,
  runCompliance,
  type CheckConstraint,
  type CheckZone,
  type ComplianceReport,
} from '../api/checks/index.ts';
import { BACKEND_CHOICES, readFlags } from './bench-cli.ts';
import { loadSyntheticPlan, makeProposals, type SynthProposal } from './synthetic-plan.ts';

// ---------------------------------------------------------------------------------------------
// Options

export type BackendName = 'pglite' | 'postgres';

export interface Options {
  backend: BackendName | 'both';
  zones: number;
  constraints: number;
  runs: number;
  warmup: number;
  seed: string;
  loader: 'sql' | 'store';
  pgliteStorage: 'memory' | 'disk';
  pgUrl: string;
  explain: boolean;
  /** Child mode: print the result as one JSON line for the parent. */
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    backend: 'both',
    zones: 100_000,
    constraints: 10_000,
    runs: 300,
    warmup: 20,
    seed: 'spp-bench-1',
    loader: 'sql',
    pgliteStorage: 'memory',
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    explain: false,
    json: false,
  };
  readFlags(argv, fileURLToPath(import.meta.url), 15, (flag, f) => {
    switch (flag) {
      case '--backend': o.backend = f.oneOf(BACKEND_CHOICES); break;
      case '--zones': o.zones = f.int(1); break;
      case '--constraints': o.constraints = f.int(0); break;
      case '--runs': o.runs = f.int(1); break;
      case '--warmup': o.warmup = f.int(0); break;
      case '--seed': o.seed = f.value() ?? o.seed; break;
      case '--loader': o.loader = f.oneOf(['sql', 'store'] as const); break;
      case '--pglite-storage': o.pgliteStorage = f.oneOf(['memory', 'disk'] as const); break;
      case '--pg-url': o.pgUrl = f.value() ?? o.pgUrl; break;
      case '--explain': o.explain = true; break;
      case '--json': o.json = true; break;
      default: return false;
    }
    return true;
  });
  return o;
}

// ---------------------------------------------------------------------------------------------
// Statistics

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  /** Sequential throughput of the pass: runs / wall time (one client). */
  per_s: number;
}

/** Nearest-rank percentiles of latencies in ms; per_s from the wall time of the whole pass. */
function stats(samples: number[], wallMs: number): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: q(50),
    p95: q(95),
    p99: q(99),
    max: s[s.length - 1],
    min: s[0],
    per_s: (s.length / wallMs) * 1000,
  };
}

/** Runs fn over the items: `warmup` untimed calls first (on items of their own), then one timed call each. */
async function timePass<T, R>(
  warm: T[],
  items: T[],
  fn: (item: T) => Promise<R> | R,
  onResult?: (r: R, item: T, ms: number) => void,
): Promise<Stats> {
  for (const item of warm) await fn(item);
  const lat: number[] = [];
  const wall0 = performance.now();
  for (const item of items) {
    const t = performance.now();
    const r = await fn(item);
    const ms = performance.now() - t;
    lat.push(ms);
    onResult?.(r, item, ms);
  }
  return stats(lat, performance.now() - wall0);
}

/** Latencies split by where the site lies: sharing an edge with its zone (fronting a street) or inside the block. */
class BySite {
  readonly edge: number[] = [];
  readonly inside: number[] = [];
  add(p: SynthProposal, ms: number): void {
    (p.front ? this.edge : this.inside).push(ms);
  }
  result(): { edge: Stats | null; inside: Stats | null } {
    const s = (xs: number[]): Stats | null => (xs.length ? stats(xs, xs.reduce((a, b) => a + b, 0)) : null);
    return { edge: s(this.edge), inside: s(this.inside) };
  }
}

const mb = (bytes: number): number => Math.round(bytes / 1048576);

// ---------------------------------------------------------------------------------------------
// One backend

export interface BackendResult {
  backend: BackendName;
  postgis: string;
  storage: string;
  load: { migrate_ms: number; plan_ms: number; zones_ms: number; constraints_ms: number; analyze_ms: number; total_ms: number; loader: string };
  plan: { zones: number; constraints: number; red_lines: number; others: number; grid: string; red_line_run_blocks: number; db_size_mb: number };
  rss_mb: { after_load: number; end: number; peak: number; heap_used_end: number };
  code: { assess: string; context: string };
  baselines: { select1: Stats; point_lookup: Stats };
  full: Stats | null;
  full_by_site: { edge: Stats | null; inside: Stats | null };
  sql: Stats;
  engine: Stats;
  engine_by_site: { edge: Stats | null; inside: Stats | null };
  analyse_site: Stats;
  queries: Record<string, Stats>;
  context: { zones_mean: number; zones_max: number; constraints_mean: number; constraints_max: number; red_lines_mean: number; json_kb_mean: number };
  statuses: Record<string, number>;
  failing_checks: Record<string, number>;
  explain: Record<string, { planning_ms: number | null; execution_ms: number | null; index: string | null; text?: string }>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function openBackend(o: Options, backend: BackendName, log: (m: string) => void): Promise<{ db: Database; storage: string; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') {
    if (o.pgliteStorage === 'disk') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-bench-'));
      const db = await openDatabase({ backend: 'pglite', dataDir: dir });
      return { db, storage: `disk (${dir})`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }
    return { db: await openDatabase({ backend: 'pglite' }), storage: 'memory', cleanup: async () => {} };
  }
  const name = `spp_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = openPostgres(o.pgUrl, 1);
  try {
    await admin.raw('CREATE DATABASE ??', [name]);
  } finally {
    await admin.destroy();
  }
  log(`  created database ${name}`);
  const drop = async (): Promise<void> => {
    const dropper = openPostgres(o.pgUrl, 1);
    try {
      await dropper.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      log(`  dropped database ${name}`);
    } finally {
      await dropper.destroy();
    }
  };
  try {
    const db = await openDatabase({ backend: 'postgres', databaseUrl: withDatabase(o.pgUrl, name), poolMax: 2 });
    // Ctrl-C: still drop the database (the parent forwards the signal to this process group).
    const onSignal = (): void => void drop().finally(() => process.exit(130));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return {
      db,
      storage: `database ${name}`,
      cleanup: async () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await drop();
      },
    };
  } catch (err) {
    await drop();
    throw err;
  }
}

async function explainQuery(knex: Knex, example: { sql: string; bindings: unknown[] }, verbose: boolean): Promise<{ planning_ms: number | null; execution_ms: number | null; index: string | null; text?: string }> {
  // The event carries the SQL with $n placeholders (as sent); knex.raw wants ? in binding order.
  const bindings: Knex.RawBinding[] = [];
  const sql = example.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    bindings.push(example.bindings[Number(n) - 1] as Knex.RawBinding);
    return '?';
  });
  const res = await knex.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings);
  const lines = (res.rows as Record<string, string>[]).map((r) => r['QUERY PLAN']);
  const num = (re: RegExp): number | null => {
    const m = lines.map((l) => re.exec(l)).find((x) => x);
    return m ? Number(m[1]) : null;
  };
  const idx = lines.map((l) => /(?:Index|Bitmap Index) Scan (?:using|on) (\w+)/.exec(l)).find((m) => m);
  return {
    planning_ms: num(/Planning Time: ([\d.]+) ms/),
    execution_ms: num(/Execution Time: ([\d.]+) ms/),
    index: idx ? idx[1] : null,
    ...(verbose ? { text: lines.join('\n') } : {}),
  };
}

async function runBackend(o: Options, backend: BackendName): Promise<BackendResult> {
  const log = (m: string): void => void process.stderr.write(`[${backend}] ${m}\n`);
  const tOpen = performance.now();
  const { db, storage, cleanup } = await openBackend(o, backend, log);
  try {
    const knex = db.knex;
    await prepareDatabase(db, { seedDemo: false, demoPassword: 'not-used-by-the-bench' }, createLogger('warn'));
    const migrate_ms = performance.now() - tOpen;
    log(`open + migrate + reference data: ${(migrate_ms / 1000).toFixed(1)} s (PostGIS ${db.capabilities.postgisVersion}, ${storage})`);

    const plan = await loadSyntheticPlan(knex, { zones: o.zones, constraints: o.constraints, seed: o.seed, loader: o.loader, log });
    log(`plan loaded in ${(plan.timings.total_ms / 1000).toFixed(1)} s (ANALYZE ${(plan.timings.analyze_ms / 1000).toFixed(1)} s)`);
    const rssAfterLoad = process.memoryUsage().rss;
    const sizeRow = (await knex.raw('SELECT pg_database_size(current_database())::float8 AS b')).rows[0] as { b: number };

    const assess = assessProposal;
    const loadContext = loadContextFeatures;
    const code = {
      assess: 'api/compliance/compliance.service.ts assessProposal',
      context: 'api/compliance/compliance.store.ts loadContextFeatures',
    };

    const asOf = endOfDayInVietnam('2026-06-30');
    const warmA = makeProposals(plan.grid, plan.zones, o.warmup, o.seed, 'warm-a');
    const setA = makeProposals(plan.grid, plan.zones, o.runs, o.seed, 'a');
    const warmB = makeProposals(plan.grid, plan.zones, o.warmup, o.seed, 'warm-b');
    const setB = makeProposals(plan.grid, plan.zones, o.runs, o.seed, 'b');
    const baseline = makeProposals(plan.grid, plan.zones, 120, o.seed, 'baseline');

    // Baselines: driver round trip and a bare indexed point-in-polygon lookup.
    const select1 = await timePass(Array(20).fill(0), Array(o.runs).fill(0), () => knex.raw('SELECT 1 AS one'));
    const centre = (p: SynthProposal): [number, number] => {
      const ring = (p.proposal.site as { coordinates: number[][][] }).coordinates[0];
      return [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
    };
    const point_lookup = await timePass(baseline.slice(0, 20), baseline.slice(20), (p) => {
      const [lon, lat] = centre(p);
      return knex.raw(
        `SELECT z.feature_id FROM zones z WHERE z.geom && ST_SetSRID(ST_MakePoint(?, ?), 4326)
           AND ST_Intersects(z.geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) AND z.valid_to IS NULL`,
        [lon, lat, lon, lat],
      );
    });
    log(`baselines: SELECT 1 p50 ${select1.p50.toFixed(3)} ms, point lookup p50 ${point_lookup.p50.toFixed(3)} ms`);

    const timer = new QueryTimer(knex);
    const statuses: Record<string, number> = {};
    const failing: Record<string, number> = {};
    let full: Stats | null = null;
    const fullBySite = new BySite();
    const engineBySite = new BySite();
    if (assess) {
      const run = (p: SynthProposal): Promise<ComplianceReport> => assess(knex, p.proposal, { asOf, parcelId: null });
      for (const p of warmA) await run(p);
      timer.enabled = true;
      full = await timePass([], setA, run, (r, p, ms) => {
        fullBySite.add(p, ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        for (const c of r.checks) if (c.status === 'fail') failing[c.id] = (failing[c.id] ?? 0) + 1;
      });
      timer.enabled = false;
      log(`full assessProposal: p50 ${full.p50.toFixed(2)} ms, p95 ${full.p95.toFixed(2)} ms`);
    }
    const queries: Record<string, Stats> = {};
    for (const [k, v] of timer.samples) queries[k] = stats(v, v.reduce((a, b) => a + b, 0));

    // SQL alone, keeping the contexts for the engine pass.
    const contexts = new Map<SynthProposal, { zones: CheckZone[]; constraints: CheckConstraint[] }>();
    const sql = await timePass(warmB, setB, async (p) => {
      const ctx = await loadContext(knex, p.proposal.site, asOf);
      contexts.set(p, ctx);
      return ctx;
    });
    log(`sql context query: p50 ${sql.p50.toFixed(2)} ms, p95 ${sql.p95.toFixed(2)} ms`);
    const ctxOf = (p: SynthProposal) => ({ ...contexts.get(p)!, parcel: null });
    const engine = await timePass(warmB, setB, (p) => runCompliance(p.proposal, ctxOf(p)), (_r, p, ms) => engineBySite.add(p, ms));
    const params = resolveParams();
    const analyse_site = await timePass(warmB, setB, (p) => analyseSite(p.proposal, ctxOf(p), params));
    log(`pure engine: p50 ${engine.p50.toFixed(2)} ms, p95 ${engine.p95.toFixed(2)} ms (analyseSite alone p50 ${analyse_site.p50.toFixed(2)} ms)`);
    if (!assess) {
      for (const p of setB) {
        const r = runCompliance(p.proposal, ctxOf(p));
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        for (const c of r.checks) if (c.status === 'fail') failing[c.id] = (failing[c.id] ?? 0) + 1;
      }
    }
    const ctxs = setB.map((p) => contexts.get(p)!);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const context = {
      zones_mean: mean(ctxs.map((c) => c.zones.length)),
      zones_max: Math.max(...ctxs.map((c) => c.zones.length)),
      constraints_mean: mean(ctxs.map((c) => c.constraints.length)),
      constraints_max: Math.max(...ctxs.map((c) => c.constraints.length)),
      red_lines_mean: mean(ctxs.map((c) => c.constraints.filter((x) => x.kind === 'red_line').length)),
      json_kb_mean: mean(ctxs.map((c) => JSON.stringify(c).length / 1024)),
    };

    // EXPLAIN ANALYZE of the context queries as the code under test sent them (first ones seen).
    const explain: BackendResult['explain'] = {};
    if (timer.examples.size === 0) {
      timer.enabled = true;
      await loadContext(knex, setB[0].proposal.site, asOf);
      timer.enabled = false;
    }
    for (const [k, ex] of timer.examples) {
      if (k === 'zones' || k === 'constraints') explain[k] = await explainQuery(knex, ex, o.explain);
    }

    const mem = process.memoryUsage();
    return {
      backend,
      postgis: db.capabilities.postgisVersion,
      storage,
      load: { migrate_ms, ...plan.timings, loader: plan.loader },
      plan: {
        zones: plan.zones.length,
        constraints: plan.constraints.redLines.length + plan.constraints.others.length,
        red_lines: plan.constraints.redLines.length,
        others: plan.constraints.others.length,
        grid: `${plan.grid.cols}×${plan.grid.rows} cells of ${plan.grid.cellM[0].toFixed(0)}×${plan.grid.cellM[1].toFixed(0)} m, ${plan.grid.streetM} m streets`,
        red_line_run_blocks: plan.constraints.runBlocks,
        db_size_mb: mb(sizeRow.b),
      },
      rss_mb: { after_load: mb(rssAfterLoad), end: mb(mem.rss), peak: Math.round(process.resourceUsage().maxRSS / 1024), heap_used_end: mb(mem.heapUsed) },
      code,
      baselines: { select1, point_lookup },
      full,
      full_by_site: fullBySite.result(),
      sql,
      engine,
      engine_by_site: engineBySite.result(),
      analyse_site,
      queries,
      context,
      statuses,
      failing_checks: failing,
      explain,
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

function runChild(o: Options, backend: BackendName): Promise<BackendResult> {
  const script = fileURLToPath(import.meta.url);
  const args = [
    ...process.execArgv, script, '--backend', backend, '--json', '--zones', String(o.zones), '--constraints', String(o.constraints),
    '--runs', String(o.runs), '--warmup', String(o.warmup), '--seed', o.seed, '--loader', o.loader,
    '--pglite-storage', o.pgliteStorage, '--pg-url', o.pgUrl, ...(o.explain ? ['--explain'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (codeN) => {
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (codeN !== 0 || !line) return reject(new Error(`${backend} bench exited with ${codeN}${stdout ? `:\n${stdout}` : ''}`));
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as BackendResult);
    });
  });
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.backend !== 'both') {
    const result = await runBackend(o, o.backend);
    if (o.json) console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
    else printReport(o, [result]);
    return;
  }
  const results: BackendResult[] = [];
  for (const b of ['pglite', 'postgres'] as const) {
    try {
      results.push(await runChild(o, b));
    } catch (err) {
      process.stderr.write(`[${b}] failed: ${(err as Error).message}\n`);
      process.exitCode = 1;
    }
  }
  if (results.length) printReport(o, results);
}

await main();
