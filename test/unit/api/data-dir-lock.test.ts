import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { acquireDataDirLock, DataDirLockedError } from '../../../api/db/data-dir-lock.ts';

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spp-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while a live process holds the lock, naming that process', () => {
    // A live process other than this one: the parent of this test run.
    fs.writeFileSync(path.join(dir, 'spp.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), started_at: 'then' }));
    expect(() => acquireDataDirLock(dir)).to.throw(DataDirLockedError, new RegExp(`pid ${process.ppid}`));
  });

  it('takes over a lock left by a process that died', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dir, 'spp.lock'), JSON.stringify({ pid: Number(dead), host: os.hostname(), started_at: 'then' }));
    const release = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'spp.lock'), 'utf8')).pid).to.equal(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'spp.lock'))).to.equal(false);
  });
});
