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
import { execFileSync, spawn } from 'node:child_process';
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
import {
  analyseSite,
  resolveParams,
  runCompliance,
  type BuildingProposal,
  type CheckConstraint,
  type CheckZone,
  type ComplianceReport,
  type Polygonal,
} from '../api/checks/index.ts';
import { AREA, loadSyntheticPlan, makeProposals, type SynthProposal } from './synthetic-plan.ts';

// ---------------------------------------------------------------------------------------------
// Options

type BackendName = 'pglite' | 'postgres';

interface Options {
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
  const int = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} needs an integer ≥ ${min}, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--backend': {
        const v = value();
        if (v !== 'pglite' && v !== 'postgres' && v !== 'both') throw new Error(`--backend pglite|postgres|both, got ${v}`);
        o.backend = v;
        break;
      }
      case '--zones': o.zones = int('zones', value(), 1); break;
      case '--constraints': o.constraints = int('constraints', value(), 0); break;
      case '--runs': o.runs = int('runs', value(), 1); break;
      case '--warmup': o.warmup = int('warmup', value(), 0); break;
      case '--seed': o.seed = value() ?? o.seed; break;
      case '--loader': {
        const v = value();
        if (v !== 'sql' && v !== 'store') throw new Error(`--loader sql|store, got ${v}`);
        o.loader = v;
        break;
      }
      case '--pglite-storage': {
        const v = value();
        if (v !== 'memory' && v !== 'disk') throw new Error(`--pglite-storage memory|disk, got ${v}`);
        o.pgliteStorage = v;
        break;
      }
      case '--pg-url': o.pgUrl = value() ?? o.pgUrl; break;
      case '--explain': o.explain = true; break;
      case '--json': o.json = true; break;
      case '--help':
      case '-h':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).slice(0, 15).join('\n'));
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
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
// The code under test, loaded by path so this file runs (and type-checks) while it is being written

type AssessProposal = (db: Knex, proposal: BuildingProposal, options: { asOf: Date; parcelId?: number | null }) => Promise<ComplianceReport>;
type LoadContext = (db: Knex, site: Polygonal, asOf: Date) => Promise<{ zones: CheckZone[]; constraints: CheckConstraint[] }>;

async function importOptional(relative: string): Promise<Record<string, unknown> | null> {
  const url = new URL(relative, import.meta.url);
  if (!fs.existsSync(fileURLToPath(url))) return null;
  return (await import(url.href)) as Record<string, unknown>;
}

/**
 * Stand-in for compliance.store.ts's context query when that module is missing: zones in force that
 * intersect the site, constraints whose box meets the site's box grown by 0.001°.
 */
const fallbackLoadContext: LoadContext = async (db, site, asOf) => {
  const siteJson = JSON.stringify(site);
  const { rows: zones } = await db.raw(
    `WITH s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g)
     SELECT z.feature_id AS id, z.lot_code, z.land_use_code, z.max_coverage_pct::float8 AS max_coverage_pct,
            z.max_far::float8 AS max_far, z.max_floors, z.max_height_m::float8 AS max_height_m,
            z.min_setback_m::float8 AS min_setback_m, z.permitted_uses, z.citation, ST_AsGeoJSON(z.geom, 9)::json AS geometry
     FROM zones z JOIN plans p ON p.id = z.plan_id, s
     WHERE z.geom && s.g AND ST_Intersects(z.geom, s.g) AND p.status IN ('in_force', 'superseded')
       AND z.valid_from < ? AND (z.valid_to IS NULL OR z.valid_to >= ?)
     ORDER BY z.feature_id`,
    [siteJson, asOf, asOf],
  );
  const { rows: constraints } = await db.raw(
    `WITH s AS (SELECT ST_Expand(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 0.001) AS g)
     SELECT c.feature_id AS id, c.kind, c.rule, c.value::float8 AS value, c.tolerance_m::float8 AS tolerance_m,
            c.name, c.citation, ST_AsGeoJSON(c.geom, 9)::json AS geometry
     FROM constraints c JOIN plans p ON p.id = c.plan_id, s
     WHERE c.geom && s.g AND p.status IN ('in_force', 'superseded')
       AND c.valid_from < ? AND (c.valid_to IS NULL OR c.valid_to >= ?)
     ORDER BY c.feature_id`,
    [siteJson, asOf, asOf],
  );
  return { zones: zones as CheckZone[], constraints: constraints as CheckConstraint[] };
};

// ---------------------------------------------------------------------------------------------
// Per-query timing from knex's query events (which SQL of the context load takes the time)

class QueryTimer {
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

// ---------------------------------------------------------------------------------------------
// One backend

interface BackendResult {
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

    const service = await importOptional('../api/compliance/compliance.service.ts');
    const store = await importOptional('../api/compliance/compliance.store.ts');
    const assess = typeof service?.assessProposal === 'function' ? (service.assessProposal as AssessProposal) : null;
    const loadContext = typeof store?.loadContextFeatures === 'function' ? (store.loadContextFeatures as LoadContext) : fallbackLoadContext;
    const code = {
      assess: assess ? 'api/compliance/compliance.service.ts assessProposal' : 'missing: full pass skipped',
      context: loadContext === fallbackLoadContext ? 'bench fallback query (compliance.store.ts missing)' : 'api/compliance/compliance.store.ts loadContextFeatures',
    };
    if (!assess) log('assessProposal not found in api/compliance/compliance.service.ts: the full pass is skipped');

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

// ---------------------------------------------------------------------------------------------
// Report

const f2 = (x: number | null | undefined): string => (x === null || x === undefined ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

function printReport(o: Options, results: BackendResult[]): void {
  const out: string[] = [];
  const p = (s = ''): void => void out.push(s);
  const r0 = results[0];
  p();
  p(`Permit compliance benchmark — ${r0.plan.zones.toLocaleString('en')} zones, ${r0.plan.constraints.toLocaleString('en')} constraints ` +
    `(${r0.plan.red_lines} red-line strips of ${r0.plan.red_line_run_blocks} blocks + ${r0.plan.others} river/heritage/flood/airspace), ` +
    `seed ${o.seed}, ${o.runs} timed runs after ${o.warmup} warm-up, node ${process.version}, ${os.cpus().length} CPU`);
  p(`grid ${r0.plan.grid} over lon ${AREA.minLon}–${AREA.maxLon}, lat ${AREA.minLat}–${AREA.maxLat}; loader: ${r0.load.loader}`);
  let commit = 'unknown';
  try {
    const cwd = path.dirname(fileURLToPath(import.meta.url));
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (execFileSync('git', ['status', '--porcelain', '--', '../api/checks', '../api/compliance'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) commit += ' + uncommitted changes in api/checks or api/compliance';
  } catch {
    /* not a git checkout */
  }
  p(`code under test (${commit}): ${r0.code.assess}; context: ${r0.code.context}`);
  p();
  p('Latency per check (ms, one client, sequential)');
  const head = `${pad('backend', 9)} ${pad('what', 38)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('p99', 7)} ${lpad('max', 7)} ${lpad('mean', 7)} ${lpad('/s', 7)}`;
  p(head);
  p('-'.repeat(head.length));
  for (const r of results) {
    const row = (what: string, s: Stats | null | undefined): void => {
      if (!s) return void p(`${pad(r.backend, 9)} ${pad(what, 38)} ${lpad('n/a', 7)}`);
      p(`${pad(r.backend, 9)} ${pad(what, 38)} ${lpad(f2(s.p50), 7)} ${lpad(f2(s.p95), 7)} ${lpad(f2(s.p99), 7)} ${lpad(f2(s.max), 7)} ${lpad(f2(s.mean), 7)} ${lpad(s.per_s.toFixed(0), 7)}`);
    };
    row('assessProposal (full check)', r.full);
    if (r.full) {
      row(`  site on the zone edge (${r.full_by_site.edge?.n ?? 0})`, r.full_by_site.edge);
      row(`  site inside the block (${r.full_by_site.inside?.n ?? 0})`, r.full_by_site.inside);
    }
    row('  context SQL alone', r.sql);
    row('    zones query (in full pass)', r.queries.zones);
    row('    constraints query (in full pass)', r.queries.constraints);
    row('  pure engine alone (runCompliance)', r.engine);
    row(`    site on the zone edge (${r.engine_by_site.edge?.n ?? 0})`, r.engine_by_site.edge);
    row(`    site inside the block (${r.engine_by_site.inside?.n ?? 0})`, r.engine_by_site.inside);
    row('    analyseSite alone', r.analyse_site);
    row('baseline: SELECT 1', r.baselines.select1);
    row('baseline: point-in-zone lookup', r.baselines.point_lookup);
    p();
  }
  p('Load and memory');
  const head2 = `${pad('backend', 9)} ${lpad('migrate', 8)} ${lpad('zones', 8)} ${lpad('constr.', 8)} ${lpad('ANALYZE', 8)} ${lpad('plan tot', 9)} ${lpad('db MB', 6)} ${lpad('RSS load', 9)} ${lpad('RSS end', 8)} ${lpad('RSS peak', 9)}`;
  p(head2);
  p('-'.repeat(head2.length));
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  for (const r of results) {
    p(`${pad(r.backend, 9)} ${lpad(s(r.load.migrate_ms), 8)} ${lpad(s(r.load.zones_ms), 8)} ${lpad(s(r.load.constraints_ms), 8)} ${lpad(s(r.load.analyze_ms), 8)} ` +
      `${lpad(s(r.load.total_ms), 9)} ${lpad(String(r.plan.db_size_mb), 6)} ${lpad(`${r.rss_mb.after_load} MB`, 9)} ${lpad(`${r.rss_mb.end} MB`, 8)} ${lpad(`${r.rss_mb.peak} MB`, 9)}`);
  }
  p('(migrate = open + migrations + land-use codes and wards; plan tot = generate + insert + ANALYZE; RSS is the Node process: PGlite runs inside it, a PostgreSQL server does not)');
  p();
  p('Context per check and outcome');
  for (const r of results) {
    const c = r.context;
    p(`${pad(r.backend, 9)} zones ${c.zones_mean.toFixed(2)} (max ${c.zones_max}), constraints ${c.constraints_mean.toFixed(1)} (max ${c.constraints_max}, red lines ${c.red_lines_mean.toFixed(1)}), ` +
      `${c.json_kb_mean.toFixed(1)} kB of GeoJSON; statuses ${JSON.stringify(r.statuses)}; failing checks ${JSON.stringify(r.failing_checks)}`);
    for (const [k, e] of Object.entries(r.explain)) {
      p(`${pad('', 9)} EXPLAIN ANALYZE ${k} query: planning ${f2(e.planning_ms)} ms, execution ${f2(e.execution_ms)} ms, index ${e.index ?? 'none (seq scan)'}`);
      if (e.text) p(e.text.split('\n').map((l) => `${pad('', 12)}${l}`).join('\n'));
    }
  }
  p();
  p('Where the time goes (context SQL alone and engine alone, against the full check, at p50 and p95)');
  for (const r of results) {
    for (const q of ['p50', 'p95'] as const) {
      const sql = r.sql[q];
      const eng = r.engine[q];
      if (!r.full) {
        p(`${pad(r.backend, 9)} ${q}: full check not available; context SQL ${f2(sql)} ms, engine ${f2(eng)} ms`);
        continue;
      }
      const full = r.full[q];
      p(`${pad(r.backend, 9)} ${q}: SQL ${f2(sql)} ms (${((sql / full) * 100).toFixed(0)} %) + engine ${f2(eng)} ms ` +
        `(${((eng / full) * 100).toFixed(0)} %) = ${f2(sql + eng)} ms vs full ${f2(full)} ms`);
    }
  }
  const pg = results.find((r) => r.backend === 'pglite');
  if (pg?.full) {
    p();
    p(`Goal p95 < 50 ms on the embedded backend: measured p95 ${f2(pg.full.p95)} ms → ${pg.full.p95 < 50 ? 'MET' : 'NOT MET'} (reported, not asserted); ` +
      `sites on the zone edge p95 ${f2(pg.full_by_site.edge?.p95)} ms, inside the block p95 ${f2(pg.full_by_site.inside?.p95)} ms`);
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Main: one child process per backend for --backend both (so each RSS figure is its backend's own)

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
