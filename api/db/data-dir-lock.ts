// Lock file that keeps a second process off an embedded data directory (PGlite has no lock of its own).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {}

interface LockInfo {
  pid: number;
  host: string;
  started_at: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock `<dataDir>/spp.lock`. A lock left by a process that died (same host, pid gone) is
 * taken over; a live one is refused with a message that says which process holds it.
 * Returns the function that releases it.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'spp.lock');
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), started_at: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx' });
      return () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let held: LockInfo | null = null;
      try {
        held = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        held = null; // unreadable or half-written lock: treat as stale
      }
      if (held && held.host === os.hostname() && held.pid !== process.pid && isAlive(held.pid)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another SPP process (pid ${held.pid}, started ${held.started_at}). ` +
            `The embedded database allows one process at a time: stop that process, or set DATA_DIR to another folder, ` +
            `or use a PostgreSQL server with DATABASE_URL.`,
        );
      }
      if (held && held.host !== os.hostname()) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is locked by host ${held.host} (pid ${held.pid}). If that host no longer uses it, delete ${file}.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not take the lock ${file}`);
}
