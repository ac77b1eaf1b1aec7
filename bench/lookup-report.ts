// Prints the figures of the lookup benchmark as tables: load, stages, HTTP levels, bare SQL, the CPU split and the goals.
import os from 'node:os';
import type { StageStats } from './lookup-stages.ts';
import type { CpuSplit } from './proc-stats.ts';
import type { BackendResult, Options } from './lookup.bench.ts';
import { f2, lpad, pad, pct, ratioPct, sec } from './table-format.ts';


export function printReport(o: Options, results: BackendResult[]): void {
  const out: string[] = [];
  const p = (s = ''): void => void out.push(s);
  p();
  p(`Lookup benchmark — ${o.zones.toLocaleString('en')} zones, ${o.constraints.toLocaleString('en')} constraints, ${o.parcels.toLocaleString('en')} parcels ` +
    `(${results[0]?.layout}), seed ${o.seed}; node ${process.version}, ${os.cpus().length} CPU, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  p(`GET /api/lookup?lon=&lat= on ${o.points.toLocaleString('en')} seeded points (90 % in parcels, 10 % in streets), ${o.duration} s per level after a warm-up, keep-alive clients`);
  p();
  p('Load');
  const h1 = `${pad('backend', 9)} ${lpad('migrate', 8)} ${lpad('plan', 8)} ${lpad('parcels', 9)} ${lpad('ANALYZE', 8)} ${lpad('total', 8)} ${lpad('db MB', 7)} ${lpad('dir MB', 7)} ${lpad('bench RSS', 10)}`;
  p(h1);
  p('-'.repeat(h1.length));
  for (const r of results) {
    if (r.reused) p(`${pad(r.backend, 9)} (reused an already loaded ${r.storage})${' '.repeat(4)}db ${r.db_size_mb} MB, dir ${r.data_dir_mb ?? '–'} MB`);
    else p(`${pad(r.backend, 9)} ${lpad(sec(r.load.migrate_ms), 8)} ${lpad(sec(r.load.plan_ms), 8)} ${lpad(sec(r.load.parcels_ms), 9)} ${lpad(sec(r.load.parcels_analyze_ms), 8)} ${lpad(sec(r.load.total_ms), 8)} ` +
      `${lpad(String(r.db_size_mb), 7)} ${lpad(r.data_dir_mb === null ? '–' : String(r.data_dir_mb), 7)} ${lpad(`${r.bench_rss_after_load_mb} MB`, 10)}`);
  }
  p('(db MB = pg_database_size; dir MB = the PGlite data dir on disk; bench RSS = the loading process, PGlite inside it)');
  p();
  p('One lookup in process, by stage (ms, one client, sequential; SQL = the statements as knex timed them, card = the rest)');
  const h2 = `${pad('backend', 9)} ${pad('stage', 30)} ${lpad('n', 5)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('mean', 7)}`;
  p(h2);
  p('-'.repeat(h2.length));
  for (const r of results) {
    const row = (k: string, s: StageStats): void => p(`${pad(r.backend, 9)} ${pad(k, 30)} ${lpad(String(s.n), 5)} ${lpad(f2(s.p50), 7)} ${lpad(f2(s.p95), 7)} ${lpad(f2(s.mean), 7)}`);
    row('service.atPoint (all)', r.stages.total);
    row('  point in a parcel', r.stages.total_parcel);
    row('  point in a street', r.stages.total_street);
    row('  SQL statements', r.stages.sql);
    for (const [k, s] of Object.entries(r.stages.statements)) row(`    ${k}`, s);
    row('  card (Node) and the rest', r.stages.card);
    row('SQL replayed alone', r.stages.sql_replay);
    p(`${pad(r.backend, 9)} CPU of the bench process per lookup: ${f2(r.stages.cpu_ms)} ms`);
  }
  p();
  p(`HTTP GET /api/lookup against the server process (api/server.ts)${o.workers > 1 ? `; on postgres with WORKERS=${o.workers} (RSS and CPU summed over its processes)` : ''}`);
  const h3 = `${pad('backend', 9)} ${lpad('clients', 7)} ${lpad('req/s', 7)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('p99', 7)} ${lpad('max', 7)} ${lpad('requests', 9)} ${lpad('errors', 6)} ${lpad('parcel', 7)} ${lpad('RSS max', 8)} ${lpad('srv CPU', 8)}`;
  p(h3);
  p('-'.repeat(h3.length));
  for (const r of results) {
    for (const l of r.http) {
      p(`${pad(r.backend, 9)} ${lpad(String(l.clients), 7)} ${lpad(l.per_s.toFixed(0), 7)} ${lpad(f2(l.p50), 7)} ${lpad(f2(l.p95), 7)} ${lpad(f2(l.p99), 7)} ${lpad(f2(l.max), 7)} ` +
        `${lpad(String(l.requests), 9)} ${lpad(String(l.errors), 6)} ${lpad(ratioPct(l.with_parcel, Math.max(1, l.requests)), 7)} ${lpad(`${l.rss_max_mb} MB`, 8)} ${lpad(l.cpu.server_ms === null ? '–' : `${f2(l.cpu.server_ms)} ms`, 8)}`);
    }
    p(`${pad(r.backend, 9)} server: start-up ${sec(r.server.startup_ms)}, RSS idle ${r.server.rss_idle_mb} MB, high-water mark ${r.server.rss_hwm_mb ?? '–'} MB (VmHWM); load avg before ${r.uptime_before}, after ${r.uptime_after}`);
  }
  const pgr = results.find((r) => r.backend === 'postgres');
  if (pgr?.bare_sql.length) {
    p();
    p('Bare SQL on the server backend: each lookup\'s statements as the service sent them, replayed with node-postgres');
    const h4 = `${pad('backend', 9)} ${lpad('conns', 7)} ${lpad('look/s', 7)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('p99', 7)} ${lpad('lookups', 9)} ${lpad('errors', 6)} ${lpad('HTTP/SQL', 9)}`;
    p(h4);
    p('-'.repeat(h4.length));
    for (const s of pgr.bare_sql) {
      const h = pgr.http.find((l) => l.clients === s.clients);
      p(`${pad('postgres', 9)} ${lpad(String(s.clients), 7)} ${lpad(s.per_s.toFixed(0), 7)} ${lpad(f2(s.p50), 7)} ${lpad(f2(s.p95), 7)} ${lpad(f2(s.p99), 7)} ${lpad(String(s.requests), 9)} ${lpad(String(s.errors), 6)} ` +
        `${lpad(h ? ratioPct(h.per_s, s.per_s) : '–', 9)}`);
    }
  }
  if (pgr?.pairs.length) {
    p();
    p(`Alternating pairs on the server backend (half the duration each, HTTP first): requests/s and the share of the CPU stolen`);
    const h6 = `${pad('pair', 5)} ${lpad('clients', 7)} ${lpad('HTTP/s', 8)} ${lpad('stolen', 7)} ${lpad('SQL/s', 8)} ${lpad('stolen', 7)} ${lpad('HTTP/SQL', 9)}`;
    p(h6);
    p('-'.repeat(h6.length));
    pgr.pairs.forEach((x, i) =>
      p(`${pad(String(i + 1), 5)} ${lpad(String(x.clients), 7)} ${lpad(x.http_per_s.toFixed(0), 8)} ${lpad(pct(x.http_stolen_pct), 7)} ${lpad(x.bare_per_s.toFixed(0), 8)} ${lpad(pct(x.bare_stolen_pct), 7)} ${lpad(ratioPct(x.http_per_s, x.bare_per_s), 9)}`),
    );
  }
  p();
  p('CPU per request (ms, from /proc): the server\'s node processes, every PostgreSQL process, this benchmark process (the HTTP');
  p('clients or the bare-SQL loop), and all of the machine\'s busy CPU; idle = the share of the machine\'s CPU time left unused;');
  p('stolen = the share the hypervisor gave to others (figures of a level with much stolen are not comparable with the rest)');
  const h5 = `${pad('backend', 9)} ${pad('load', 9)} ${lpad('clients', 7)} ${lpad('server', 7)} ${lpad('PG', 7)} ${lpad('driver', 7)} ${lpad('machine', 8)} ${lpad('idle', 6)} ${lpad('stolen', 6)}`;
  p(h5);
  p('-'.repeat(h5.length));
  const cpuRow = (backend: string, load: string, clients: number, c: CpuSplit): void =>
    p(`${pad(backend, 9)} ${pad(load, 9)} ${lpad(String(clients), 7)} ${lpad(f2(c.server_ms), 7)} ${lpad(f2(c.postgres_ms), 7)} ${lpad(f2(c.load_ms), 7)} ${lpad(f2(c.machine_ms), 8)} ${lpad(pct(c.idle_pct), 6)} ${lpad(pct(c.stolen_pct), 6)}`);
  for (const r of results) {
    for (const l of r.http) cpuRow(r.backend, 'HTTP', l.clients, l.cpu);
    cpuRow(r.backend, 'floor', r.http_floor.clients, r.http_floor.cpu);
    for (const l of r.bare_sql) cpuRow(r.backend, 'bare SQL', l.clients, l.cpu);
  }
  p('floor = GET /api/health on the same server (Express, its middleware and access log, one SELECT 1): what any request costs before');
  p('its own work; the server column of HTTP less that of floor is what a rule card itself costs in the server.');
  const bareAt8 = pgr?.bare_sql.find((l) => l.clients === 8);
  if (bareAt8) {
    const budget = (os.cpus().length * 1000) / (0.5 * bareAt8.per_s);
    p(`Half the bare SQL's ${bareAt8.per_s.toFixed(0)} lookups/s on ${os.cpus().length} CPU leaves at most ${f2(budget)} ms of machine CPU per HTTP request, with no CPU idle.`);
  }
  p();
  p('EXPLAIN ANALYZE of each statement (first parcel lookup and first street lookup of the stage pass), run unprepared:');
  p('its Planning Time is what the service saves by running the statement prepared (api/db/prepared.ts)');
  for (const r of results) for (const [k, e] of Object.entries(r.stages.explain)) p(`${pad(r.backend, 9)} ${k}: ${e.includes('\n') ? `\n${e}` : e}`);
  p();
  const pgl = results.find((r) => r.backend === 'pglite');
  const one = pgl?.http.find((l) => l.clients === 1);
  if (one) p(`Goal p95 < 20 ms embedded at 1 client: measured ${f2(one.p95)} ms → ${one.p95 < 20 ? 'MET' : 'NOT MET'}`);
  const eight = pgr?.http.find((l) => l.clients === 8);
  const bare8 = pgr?.bare_sql.find((l) => l.clients === 8);
  const pairs8 = pgr?.pairs.filter((x) => x.clients === 8) ?? [];
  if (pairs8.length) {
    const ratios = pairs8.map((x) => x.http_per_s / x.bare_per_s).sort((a, b) => a - b);
    const median = ratios.length % 2 ? ratios[(ratios.length - 1) / 2] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    p(`Goal server backend ≥ 50 % of the bare SQL at 8 clients: median of ${ratios.length} alternating pairs ${pct(median * 100)} ` +
      `(pairs ${ratios.map((r) => pct(r * 100)).join(', ')}) → ${median >= 0.5 ? 'MET' : 'NOT MET'}`);
  }
  if (eight && bare8) {
    p(`${pairs8.length ? '  the levels above, minutes apart' : 'Goal server backend ≥ 50 % of the bare SQL at 8 clients'}: HTTP ${eight.per_s.toFixed(0)}/s vs bare SQL ${bare8.per_s.toFixed(0)} lookups/s = ` +
      `${ratioPct(eight.per_s, bare8.per_s)}${pairs8.length ? '' : ` → ${eight.per_s >= 0.5 * bare8.per_s ? 'MET' : 'NOT MET'}`}`);
  }
  console.log(out.join('\n'));
}
