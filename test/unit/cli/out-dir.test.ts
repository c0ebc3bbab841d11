/** The output folder: checked once, held by one run at a time. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimOutDir, LOCK_FILE } from '../../../src/cli/out-dir.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'microflash-out-'));
});
const released: (() => void)[] = [];
afterEach(() => {
  while (released.length) released.pop()!();
  rmSync(dir, { recursive: true, force: true });
});

describe('claimOutDir', () => {
  it('creates a missing folder, writes a lock with this pid and removes it on release', async () => {
    const out = path.join(dir, 'new', 'out');
    const lock = await claimOutDir(out);
    expect(JSON.parse(readFileSync(path.join(out, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('refuses a file, with one clear line', async () => {
    const file = path.join(dir, 'results');
    writeFileSync(file, 'x');
    await expect(claimOutDir(file)).rejects.toThrow(UsageError);
    await expect(claimOutDir(file)).rejects.toThrow(/is a file, not a folder/);
  });

  it('stops a second run on a folder another live run holds', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, startedAt: '2026-12-02T04:00:00.000Z' }));
      await expect(claimOutDir(dir)).rejects.toThrow(new RegExp(`another microflash run \\(pid ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it('takes over the lock of a run that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout), startedAt: '2026-12-02T04:00:00.000Z' }));
    const lock = await claimOutDir(dir);
    released.push(lock.release);
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
  });
});
