import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAtomicWriter, writeFileAtomic } from '../../../src/cli/atomic-file.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'microflash-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic files', () => {
  it('exist under their real name only after commit', async () => {
    const file = path.join(dir, 'sub', 'a.frames.csv');
    const writer = await openAtomicWriter(file);
    await writer.write('header\n');
    await writer.write('row\n');
    expect(await readdir(path.join(dir, 'sub'))).toEqual(['a.frames.csv.partial']);
    await writer.commit();
    expect(await readdir(path.join(dir, 'sub'))).toEqual(['a.frames.csv']);
    expect(await readFile(file, 'utf8')).toBe('header\nrow\n');
  });

  it('leave nothing behind when aborted, and keep an older complete file', async () => {
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'old');
    const writer = await openAtomicWriter(file);
    await writer.write('half');
    await writer.abort();
    await writer.abort();
    expect(await readdir(dir)).toEqual(['a.json']);
    expect(await readFile(file, 'utf8')).toBe('old');
  });

  it('replace a file in one step', async () => {
    const file = path.join(dir, 'a.vtt');
    await writeFileAtomic(file, 'WEBVTT\n');
    await writeFileAtomic(file, 'WEBVTT\n\n');
    expect(await readFile(file, 'utf8')).toBe('WEBVTT\n\n');
    expect(await readdir(dir)).toEqual(['a.vtt']);
  });

  it('stream large writes with backpressure', async () => {
    const file = path.join(dir, 'big.csv');
    const writer = await openAtomicWriter(file);
    const line = 'x'.repeat(999) + '\n';
    for (let i = 0; i < 5000; i++) await writer.write(line);
    await writer.commit();
    expect((await readFile(file)).length).toBe(5000 * 1000);
  });
});
