import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conciseBrowserError, envChromiumArgs, isBrowserGone, sweepStaleProfiles } from '../../../src/node/chromium.ts';

describe('envChromiumArgs', () => {
  it('splits the variable on whitespace and ignores empty parts', () => {
    expect(envChromiumArgs('  --use-angle=gl-egl   --ozone-platform=headless\n--ignore-gpu-blocklist ')).toEqual([
      '--use-angle=gl-egl',
      '--ozone-platform=headless',
      '--ignore-gpu-blocklist',
    ]);
    expect(envChromiumArgs('')).toEqual([]);
    expect(envChromiumArgs(undefined)).toEqual([]);
  });
});

describe('browser errors', () => {
  const killed = new Error(
    [
      'page.evaluate: Target page, context or browser has been closed',
      'Browser logs:',
      '',
      ...Array.from({ length: 34 }, (_, i) => `<launching> line ${i}`),
    ].join('\n'),
  );

  it('keep one line of what happened, not the browser log', () => {
    expect(conciseBrowserError(killed)).toBe('page.evaluate: Target page, context or browser has been closed');
    expect(conciseBrowserError(new Error('x'.repeat(1000))).length).toBeLessThanOrEqual(300);
  });

  it('a killed or crashed browser is told apart from other failures', () => {
    expect(isBrowserGone(killed)).toBe(true);
    expect(isBrowserGone(new Error('page.evaluate: Page crashed'))).toBe(true);
    expect(isBrowserGone(new Error('corrupt-file: not a video'))).toBe(false);
  });
});

describe('sweepStaleProfiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'microflash-sweep-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('removes the profiles of processes that are gone and keeps those of live ones', () => {
    // A pid that surely existed and is gone: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = join(dir, `microflash-profile-${gone}-abc123`);
    const mine = join(dir, `microflash-profile-${process.pid}-def456`);
    const parent = join(dir, `microflash-profile-${process.ppid}-ghi789`);
    const unrelated = join(dir, 'microflash-profile-Xy12ab');
    for (const d of [stale, mine, parent, unrelated]) mkdirSync(d);
    expect(sweepStaleProfiles(dir)).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect([mine, parent, unrelated].every(existsSync)).toBe(true);
  });
});
