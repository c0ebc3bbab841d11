/**
 * The output folder, checked once before anything runs and held by one run at a time: it is
 * created if missing, must be a writable folder, and gets a lock file (`.microflash.lock`, the
 * owner's pid) that a second run on the same folder finds and stops at, instead of both writing the
 * same `.partial` files. A lock whose owner is gone (killed) is taken over. Failures are UsageErrors
 * (one line, exit 2).
 */
import { closeSync, constants, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './usage-error.ts';
import { processAlive } from '../node/process-alive.ts';

export const LOCK_FILE = '.microflash.lock';

export interface OutDirLock {
  readonly path: string;
  /** Removes the lock (idempotent; also done when the process exits). */
  release(): void;
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}` : String(e);
}

export async function claimOutDir(outDir: string, now: () => Date = () => new Date()): Promise<OutDirLock> {
  const existing = await stat(outDir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new UsageError(`--out ${outDir} is a file, not a folder; give a folder (it is created if missing)`);
  if (!existing) {
    await mkdir(outDir, { recursive: true }).catch((e: unknown) => {
      throw new UsageError(`--out ${outDir}: cannot create the folder (${reason(e)}); give a folder you can write to`);
    });
  }
  await access(outDir, constants.W_OK).catch(() => {
    throw new UsageError(`--out ${outDir} is not writable; give a folder you can write to`);
  });
  const lockPath = path.join(outDir, LOCK_FILE);
  const take = (): boolean => {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: now().toISOString() }) + '\n');
      closeSync(fd);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw new UsageError(`--out ${outDir}: cannot write a file there (${reason(e)}); give a folder you can write to`);
    }
  };
  if (!take()) {
    let owner: { pid?: number; startedAt?: string } = {};
    try {
      owner = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof owner;
    } catch {
      // An unreadable lock is treated as stale.
    }
    if (typeof owner.pid === 'number' && owner.pid !== process.pid && processAlive(owner.pid)) {
      throw new UsageError(
        `another microflash run (pid ${owner.pid}, started ${owner.startedAt ?? 'at an unknown time'}) is writing to --out ${outDir}; wait for it to finish, or use another folder`,
      );
    }
    rmSync(lockPath, { force: true });
    if (!take()) throw new UsageError(`another microflash run just took --out ${outDir}; use another folder`);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    rmSync(lockPath, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return { path: lockPath, release };
}
