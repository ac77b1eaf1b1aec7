// Benchmark: planners' bulk edits on both backends — import of a 10,000-zone layer into a change set, and the submit-time checks of a 100-edit change set.
//
//   npx tsx bench/plan-edits.bench.ts [--backend pglite|postgres|both] [--zones 10000] [--edits 100]
//        [--runs 5] [--seed spp-bench-1] [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
//
// Prints figures, never asserts on time. Per backend, on a fresh database (PGlite in memory; on the
// server a database spp_bench_edits_<pid>_<hex>, dropped at the end), migrated with reference data and
// the demo accounts but no demo plan:
//   import     a synthetic grid of --zones zones (bench/synthetic-plan.ts attributes, MA_LO … names)
//              as GeoJSON (EPSG:4326) and as a zipped Shapefile (EPSG:5897) through importLayer — the
//              route's service: read, map, check, match, createChangeSetWithEdits with its edit checks —
//              into an empty plan in force, split into prepare (file → checked edits) and write;
//              then once through HTTP (multipart POST /api/imports on a listening server).
//   checks     a plan of --zones zones in force (SQL-loaded), --runs change sets of --edits modify
//              edits each (imported), each submitted: the submit transition re-runs every edit check.
import crypto from 'node:crypto';
import http from 'node:http';
import type { FeatureCollection, Polygon } from 'geojson';
import { zipSync } from 'fflate';
import { createApp } from '../api/app.ts';
import { loadConfig } from '../api/config.ts';
import { seedDemoAccounts } from '../api/auth/auth.service.ts';
import type { User } from '../api/auth/auth.types.ts';
import { ChangeSetsService } from '../api/changesets/changesets.service.ts';
import { openDatabase } from '../api/db/connection.ts';
import type { Database } from '../api/db/database.ts';
import { openPostgres } from '../api/db/postgres.ts';
import { prepareDatabase } from '../api/db/prepare.ts';
import { createLogger } from '../api/http/logger.ts';
import { prjFor } from '../api/imports/imports.prj.ts';
import { importLayer, prepareImport } from '../api/imports/imports.service.ts';
import { PolygonShapefileWriter } from '../api/imports/imports.shp-writer.ts';
import { ZONE_FIELDS, type ImportRequest } from '../api/imports/imports.types.ts';
import { insertPlan } from '../api/zoning/zoning.store.ts';
import { toVn2000 } from '../geodata/crs.ts';
import { AREA, loadSyntheticPlan, makeGrid, makeZones, zoneBox, type SynthZone } from './synthetic-plan.ts';

type BackendName = 'pglite' | 'postgres';
interface Options {
  backend: BackendName | 'both';
  zones: number;
  edits: number;
  runs: number;
  seed: string;
  pgUrl: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { backend: 'both', zones: 10_000, edits: 100, runs: 5, seed: 'spp-bench-1', pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' };
  for (let i = 0; i < argv.length; i += 2) {
    const [k, v] = [argv[i], argv[i + 1]];
    const int = (): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${k} needs a positive whole number, got ${v}`);
      return n;
    };
    if (k === '--backend' && (v === 'pglite' || v === 'postgres' || v === 'both')) o.backend = v;
    else if (k === '--zones') o.zones = int();
    else if (k === '--edits') o.edits = int();
    else if (k === '--runs') o.runs = int();
    else if (k === '--seed' && v) o.seed = v;
    else if (k === '--pg-url' && v) o.pgUrl = v;
    else throw new Error(`unknown option ${k} ${v ?? ''}`);
  }
  return o;
}

const log = (m: string): void => console.error(m);
const ms = (t0: number): number => performance.now() - t0;

// ---------------------------------------------------------------------------------------------
// The synthetic layer as a GIS user would hand it over

const ring = (g: ReturnType<typeof makeGrid>, i: number): number[][] => {
  const [x0, y0, x1, y1] = zoneBox(g, i);
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
};

function attributes(z: SynthZone, lotPrefix: string): Record<string, unknown> {
  return {
    MA_LO: `${lotPrefix}${z.lot_code}`,
    KH_DAT: z.land_use_code,
    TEN: `Lô ${z.lot_code} (dữ liệu tổng hợp)`,
    MDXD: z.max_coverage_pct,
    HSSDD: z.max_far,
    TANG_CAO: z.max_floors,
    CHIEU_CAO: z.max_height_m,
    KL_LUI: z.min_setback_m,
    SD_CHOPHEP: z.permitted_uses.join(','),
    CAN_CU: z.citation,
  };
}

function layerGeoJson(g: ReturnType<typeof makeGrid>, zones: SynthZone[], indices: number[], lotPrefix: string, shiftDeg = 0): Buffer {
  const fc: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: indices.map((i) => ({
      type: 'Feature',
      properties: attributes(zones[i], lotPrefix),
      geometry: { type: 'Polygon', coordinates: [ring(g, i).map(([x, y]) => [x + shiftDeg, y])] },
    })),
  };
  return Buffer.from(JSON.stringify(fc));
}

function layerShapefileZip(g: ReturnType<typeof makeGrid>, zones: SynthZone[], lotPrefix: string): Buffer {
  const fields = ZONE_FIELDS.filter((f) => f.name !== 'ward_code').map((f) => f.dbf);
  const w = new PolygonShapefileWriter(fields);
  zones.forEach((z, i) => {
    const a = attributes(z, lotPrefix);
    w.add({ type: 'Polygon', coordinates: [ring(g, i).map((p) => toVn2000(p, 5897))] }, fields.map((f) => a[f.name] as string | number | null));
  });
  const { shp, shx, dbf } = w.finish();
  const enc = new TextEncoder();
  return Buffer.from(zipSync({ 'zones.shp': shp, 'zones.shx': shx, 'zones.dbf': dbf, 'zones.prj': enc.encode(prjFor(5897)), 'zones.cpg': enc.encode('UTF-8') }));
}

// ---------------------------------------------------------------------------------------------
// Backends

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function openBackend(o: Options, backend: BackendName): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') return { db: await openDatabase({ backend: 'pglite' }), cleanup: async () => {} };
  const name = `spp_bench_edits_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = openPostgres(o.pgUrl, 1);
  try {
    await admin.raw('CREATE DATABASE ??', [name]);
  } finally {
    await admin.destroy();
  }
  const db = await openDatabase({ backend: 'postgres', databaseUrl: withDatabase(o.pgUrl, name), poolMax: 4 });
  return {
    db,
    cleanup: async () => {
      const dropper = openPostgres(o.pgUrl, 1);
      try {
        await dropper.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

interface Figures {
  backend: BackendName;
  postgis: string;
  import_geojson: { prepare_s: number; total_s: number; edits: number; errors: number; warnings: number };
  import_shapefile: { total_s: number; edits: number };
  import_http_s: number;
  file_mb: { geojson: number; shapefile_zip: number };
  checks_ms: number[];
  checks_blocking: number[];
}

const PASSWORD = 'bench-password-1';

async function emptyPlan(db: Database, code: string): Promise<number> {
  return insertPlan(db.knex, {
    code,
    name: `Quy hoạch trống để đo nhập dữ liệu (${code})`,
    level: 'zoning',
    decision_no: null,
    decision_date: null,
    approved_by: null,
    effective_from: '2024-01-01',
    status: 'in_force',
    is_demo: true,
    notice_vi: 'Dữ liệu tổng hợp phục vụ đo hiệu năng.',
    notice_en: 'Synthetic benchmark data.',
    boundary: { type: 'Polygon', coordinates: [[[AREA.minLon, AREA.minLat], [AREA.maxLon, AREA.minLat], [AREA.maxLon, AREA.maxLat], [AREA.minLon, AREA.maxLat], [AREA.minLon, AREA.minLat]]] },
  });
}

async function runBackend(o: Options, backend: BackendName): Promise<Figures> {
  log(`[${backend}] opening a fresh database`);
  const { db, cleanup } = await openBackend(o, backend);
  try {
    await prepareDatabase(db, { seedDemo: false, demoPassword: PASSWORD }, createLogger('warn'));
    const accounts = await seedDemoAccounts(db.knex, PASSWORD);
    const planner = accounts.find((u) => u.roles.includes('planner')) as User;
    const grid = makeGrid(o.zones);
    const zones = makeZones(grid, o.seed);
    const all = zones.map((_, i) => i);

    // 1. The whole layer into an empty plan: every feature a create edit.
    const geojson = layerGeoJson(grid, zones, all, 'A-');
    const shpZip = layerShapefileZip(grid, zones, 'B-');
    const planA = await emptyPlan(db, 'BENCH-IMPORT-A');
    const req = (planId: number): ImportRequest => ({ title: 'Nhập lớp ô đất tổng hợp', planId, layer: 'zones', match: 'lot_code', declaredSrid: null, mapping: null });
    log(`[${backend}] import of ${o.zones} zones as GeoJSON (${(geojson.byteLength / 1e6).toFixed(1)} MB)`);
    let t = performance.now();
    await prepareImport(db.knex, { originalname: 'zones.geojson', buffer: geojson }, req(planA));
    const prepareS = ms(t) / 1000;
    t = performance.now();
    const a = await importLayer(db.knex, planner, { originalname: 'zones.geojson', buffer: geojson }, req(planA), null);
    const totalA = ms(t) / 1000;
    log(`[${backend}]   ${totalA.toFixed(1)} s (${a.created} created, ${a.checks_summary.errors} check errors)`);

    const planB = await emptyPlan(db, 'BENCH-IMPORT-B');
    log(`[${backend}] import of ${o.zones} zones as a zipped Shapefile in EPSG:5897 (${(shpZip.byteLength / 1e6).toFixed(1)} MB)`);
    t = performance.now();
    const b = await importLayer(db.knex, planner, { originalname: 'zones.zip', buffer: shpZip }, req(planB), null);
    const totalB = ms(t) / 1000;
    log(`[${backend}]   ${totalB.toFixed(1)} s`);

    // Once through HTTP: multipart upload to a listening server, as a browser or curl sends it.
    const planC = await emptyPlan(db, 'BENCH-IMPORT-C');
    const app = await createApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent', DEMO_PASSWORD: PASSWORD }) }, db, logger: createLogger('silent') });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    let httpS = NaN;
    try {
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: planner.email, password: PASSWORD }) });
      const { token } = (await login.json()) as { token: string };
      const form = new FormData();
      form.set('plan_id', String(planC));
      form.set('file', new Blob([geojson], { type: 'application/geo+json' }), 'zones.geojson');
      log(`[${backend}] the same GeoJSON through POST /api/imports`);
      t = performance.now();
      const res = await fetch(`${base}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const body = (await res.json()) as { features?: number; detail?: string };
      httpS = ms(t) / 1000;
      if (res.status !== 201) throw new Error(`HTTP import answered ${res.status}: ${body.detail}`);
      log(`[${backend}]   ${httpS.toFixed(1)} s (${body.features} features)`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    // 2. Submit-time checks of change sets of --edits modify edits on a plan of --zones zones in force.
    log(`[${backend}] loading a plan of ${o.zones} zones in force for the change-set checks`);
    const loaded = await loadSyntheticPlan(db.knex, { zones: o.zones, constraints: Math.max(4, Math.round(o.zones / 10)), seed: o.seed, loader: 'sql' });
    const service = new ChangeSetsService(db.knex);
    const checksMs: number[] = [];
    const blocking: number[] = [];
    for (let run = 0; run < o.runs; run++) {
      // Consecutive blocks of the grid: edits that neighbour one another, as a local amendment has.
      const start = (run * 997 * o.edits) % Math.max(1, o.zones - o.edits);
      const indices = Array.from({ length: o.edits }, (_, k) => start + k);
      // Moved 0.5 m east: every edit changes geometry, so the overlap/gap checks have work to do.
      const file = layerGeoJson(loaded.grid, loaded.zones, indices, '', 0.5 / 109_640);
      const imp = await importLayer(db.knex, planner, { originalname: `amend-${run}.geojson`, buffer: file }, req(loaded.planId), null);
      if (imp.modified !== o.edits) throw new Error(`expected ${o.edits} modify edits, got ${imp.modified}`);
      t = performance.now();
      try {
        await service.transition(planner, imp.change_set_id, { event: 'submit', comment: null, lock_version: null });
      } catch (err) {
        if ((err as { code?: string }).code !== 'blocking_check_errors') throw err;
      }
      checksMs.push(ms(t));
      const { rows } = (await db.knex.raw(`SELECT count(*)::int AS n FROM change_set_edits WHERE change_set_id = ? AND checks::text LIKE '%"severity": "error"%'`, [imp.change_set_id])) as { rows: { n: number }[] };
      blocking.push(rows[0].n);
      log(`[${backend}]   submit of ${o.edits} edits: ${checksMs[run].toFixed(0)} ms`);
    }
    return {
      backend,
      postgis: db.capabilities.postgisVersion,
      import_geojson: { prepare_s: prepareS, total_s: totalA, edits: a.features, errors: a.checks_summary.errors, warnings: a.checks_summary.warnings },
      import_shapefile: { total_s: totalB, edits: b.features },
      import_http_s: httpS,
      file_mb: { geojson: geojson.byteLength / 1e6, shapefile_zip: shpZip.byteLength / 1e6 },
      checks_ms: checksMs,
      checks_blocking: blocking,
    };
  } finally {
    await db.close();
    await cleanup();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function printTable(o: Options, figures: Figures[]): void {
  const rows: [string, ...string[]][] = [
    ['', ...figures.map((f) => `${f.backend} (PostGIS ${f.postgis})`)],
    [`import of ${o.zones} zones, GeoJSON, service (s)`, ...figures.map((f) => f.import_geojson.total_s.toFixed(1))],
    ['  of which file → checked edits (s)', ...figures.map((f) => f.import_geojson.prepare_s.toFixed(1))],
    [`import of ${o.zones} zones, Shapefile zip EPSG:5897, service (s)`, ...figures.map((f) => f.import_shapefile.total_s.toFixed(1))],
    [`import of ${o.zones} zones, GeoJSON, HTTP multipart (s)`, ...figures.map((f) => f.import_http_s.toFixed(1))],
    [`checks of a change set with ${o.edits} edits, submit, median of ${o.runs} (ms)`, ...figures.map((f) => median(f.checks_ms).toFixed(0))],
    ['  min – max (ms)', ...figures.map((f) => `${Math.min(...f.checks_ms).toFixed(0)} – ${Math.max(...f.checks_ms).toFixed(0)}`)],
    ['  edits with blocking errors (per run)', ...figures.map((f) => f.checks_blocking.join(', '))],
    ['file sizes: GeoJSON / Shapefile zip (MB)', ...figures.map((f) => `${f.file_mb.geojson.toFixed(1)} / ${f.file_mb.shapefile_zip.toFixed(1)}`)],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  console.log(`\nPlan edits benchmark — ${o.zones} zones, ${o.edits}-edit change sets, seed ${o.seed}, ${new Date().toISOString()}`);
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const backends: BackendName[] = o.backend === 'both' ? ['pglite', 'postgres'] : [o.backend];
  const figures: Figures[] = [];
  for (const b of backends) figures.push(await runBackend(o, b));
  printTable(o, figures);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
