import { expect } from 'chai';
import fs from 'node:fs';
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
