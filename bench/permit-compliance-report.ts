// Prints the figures of the permit-compliance benchmark as compact tables.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA } from './synthetic-plan.ts';
import type { BackendResult, Options, Stats } from './permit-compliance.bench.ts';
import { f2, lpad, pad, ratioPct } from './table-format.ts';


export function printReport(o: Options, results: BackendResult[]): void {
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
      p(`${pad(r.backend, 9)} ${q}: SQL ${f2(sql)} ms (${ratioPct(sql, full)}) + engine ${f2(eng)} ms ` +
        `(${ratioPct(eng, full)}) = ${f2(sql + eng)} ms vs full ${f2(full)} ms`);
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

