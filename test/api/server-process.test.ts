import { expect } from 'chai';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitForListening(s: Started, timeoutMs: number): Promise<string> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const m = /"url":"(http:\/\/localhost:\d+)"/.exec(s.output());
    if (m) return m[1];
    if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not listening after ${timeoutMs} ms: ${s.output()}`);
}

describe('the server process on the embedded database', function () {
  this.timeout(120_000);
  let dataDir: string;
  let first: Started | null = null;

  before(function () {
    if (process.env.DATABASE_URL) this.skip(); // the data-dir lock is a property of the embedded backend
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-proc-'));
  });
  after(async () => {
    if (first && first.child.exitCode === null) {
      first.child.kill('SIGKILL');
      await first.exit;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, answers health, refuses a second process on the same data dir, stops cleanly and restarts', async () => {
    const env = { DATA_DIR: dataDir, PORT: '0', SEED_DEMO: 'false' };
    first = startServer(env);
    const url = await waitForListening(first, 90_000);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; db: string };
    expect(health).to.include({ status: 'ok', db: 'pglite' });

    const second = startServer(env);
    const code = await second.exit;
    expect(code).to.equal(3);
    expect(second.output()).to.match(/in use by another SPP process \(pid \d+/);

    first.child.kill('SIGTERM');
    expect(await first.exit).to.equal(0);
    expect(fs.existsSync(path.join(dataDir, 'spp.lock'))).to.equal(false);

    const again = startServer(env);
    try {
      const url2 = await waitForListening(again, 60_000);
      const res = await fetch(`${url2}/api/health`);
      expect(res.status).to.equal(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exit;
    }
  });
});

/** The server's worker processes: child pids of a process running api/server.ts (Linux /proc; not tsx's esbuild service). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    if (text) out.push(...text.split(/\s+/).map(Number));
  }
  const isWorker = (child: number): boolean => {
    try {
      return fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('api/server.ts');
    } catch {
      return false; // gone meanwhile
    }
  };
  return out.filter(isWorker);
}

describe('the server process with several workers on the PostGIS server', function () {
  this.timeout(180_000);
  const name = `spp_test_workers_${process.pid}`;
  let adminUrl = '';
  let server: Started | null = null;

  before(async function () {
    if (!process.env.DATABASE_URL || !fs.existsSync('/proc/self/task')) this.skip(); // WORKERS needs the server backend
    adminUrl = process.env.DATABASE_URL;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  after(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exit;
    }
    if (!adminUrl) return;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('WORKERS=2: prepares the database once, serves from two workers that share sessions, replaces a worker that dies, stops cleanly', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    server = startServer({ DATABASE_URL: url.toString(), WORKERS: '2', PORT: '0', DEMO_PASSWORD: 'workers-test' });
    const base = await waitForListening(server, 150_000);
    expect(server.output()).to.match(/"workers":2/);
    const primary = server.child.pid!;
    const workers = childrenOf(primary);
    expect(workers, 'two worker processes').to.have.length(2);

    // A session made through one worker is honoured by every worker (sessions and their key live in the database).
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'planner@spp.demo', password: 'workers-test' }) });
    expect(login.status).to.equal(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const statuses: number[] = [];
    // New connections each time (no keep-alive), so the cluster hands them to both workers.
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${base}/api/auth/me`, { headers: { cookie, connection: 'close' } })).status);
    expect(statuses).to.deep.equal(Array(12).fill(200));

    // A worker that dies is replaced.
    process.kill(workers[0], 'SIGKILL');
    const t0 = Date.now();
    let now = childrenOf(primary);
    while ((now.length !== 2 || now.includes(workers[0])) && Date.now() - t0 < 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      now = childrenOf(primary);
    }
    expect(now, 'a new worker in place of the dead one').to.have.length(2).and.not.include(workers[0]);
    expect(server.output()).to.match(/worker exited; starting another/);
    const t1 = Date.now();
    let health = 0;
    while (health !== 200 && Date.now() - t1 < 60_000) {
      health = await fetch(`${base}/api/health`, { headers: { connection: 'close' } }).then((r) => r.status, () => 0);
    }
    expect(health).to.equal(200);

    server.child.kill('SIGTERM');
    expect(await server.exit).to.equal(0);
    for (const pid of now) expect(fs.existsSync(`/proc/${pid}`), `worker ${pid} stopped`).to.equal(false);
  });

  it('WORKERS=2 on a port that is taken: the workers cannot start, and the server says so and exits with 1 instead of restarting them', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const s = startServer({ DATABASE_URL: url.toString(), WORKERS: '2', PORT: String(port), SEED_DEMO: 'false' });
      const code = await Promise.race([s.exit, new Promise<'running'>((r) => setTimeout(() => r('running'), 60_000))]);
      if (code === 'running') s.child.kill('SIGKILL');
      expect(code, s.output()).to.equal(1);
      expect(s.output()).to.match(/EADDRINUSE/);
      expect(s.output()).to.match(/a worker failed while starting; stopping/);
      expect(s.output()).to.not.match(/starting another/);
    } finally {
      blocker.close();
    }
  });

  it('WORKERS=2 whose workers keep crashing: after 5 replacements in a minute the server stops them and exits with 1', async () => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const s = startServer({ DATABASE_URL: url.toString(), WORKERS: '2', PORT: '0', SEED_DEMO: 'false' });
    await waitForListening(s, 150_000);
    const primary = s.child.pid!;
    const killed: number[] = [];
    for (let i = 0; i < 6 && s.child.exitCode === null; i++) {
      const [victim] = childrenOf(primary).filter((p) => !killed.includes(p));
      if (victim === undefined) break;
      process.kill(victim, 'SIGKILL');
      killed.push(victim);
      // Wait for the replacement (or for the server to give up).
      const t0 = Date.now();
      while (s.child.exitCode === null && childrenOf(primary).filter((p) => !killed.includes(p)).length < 2 && Date.now() - t0 < 30_000) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const code = await Promise.race([s.exit, new Promise<'running'>((r) => setTimeout(() => r('running'), 30_000))]);
    if (code === 'running') s.child.kill('SIGKILL');
    expect(code, s.output()).to.equal(1);
    expect(s.output().match(/worker exited; starting another/g)).to.have.length(5);
    expect(s.output()).to.match(/workers crashed more than 5 times in a minute; stopping/);
  });
});
