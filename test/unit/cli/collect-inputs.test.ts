import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectInputs, isVideoFileName, stemOf } from '../../../src/cli/collect-inputs.ts';
import { outputPaths } from '../../../src/cli/output-paths.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'microflash-inputs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function touch(relative: string, bytes = 3): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(bytes));
  return file;
}

describe('collectInputs', () => {
  it('knows the video extensions in any case', () => {
    for (const name of ['a.mp4', 'a.MOV', 'a.webm', 'a.mkv', 'a.avi', 'a.m4v']) expect(isVideoFileName(name), name).toBe(true);
    for (const name of ['a.csv', 'a.mp4.partial', 'mp4', '.hidden.mp4']) expect(isVideoFileName(name), name).toBe(false);
  });

  it('scans folders recursively, sorted by stem, with stems relative to the folder', async () => {
    await touch('corpus/s02/task.mp4', 5);
    await touch('corpus/s01/task.mov');
    await touch('corpus/s01/notes.txt');
    await touch('corpus/.cache/hidden.mp4');
    await touch('corpus/b.webm');
    const inputs = await collectInputs([path.join(dir, 'corpus')]);
    expect(inputs.map((f) => f.stem)).toEqual(['b', 's01/task', 's02/task']);
    expect(inputs[2]!.sizeBytes).toBe(5);
    expect(inputs.every((f) => path.isAbsolute(f.path))).toBe(true);
  });

  it('takes named files by base name and lists a file reached twice once', async () => {
    const file = await touch('corpus/one.mp4');
    await symlink(file, path.join(dir, 'link.mp4'));
    const inputs = await collectInputs([file, path.join(dir, 'corpus'), path.join(dir, 'link.mp4')]);
    expect(inputs.map((f) => f.stem)).toEqual(['one']);
  });

  it('gives the same order whatever order the arguments come in', async () => {
    const a = await touch('x/a.mp4');
    const b = await touch('y/b.mp4');
    expect((await collectInputs([b, a])).map((f) => f.stem)).toEqual(['a', 'b']);
  });

  it('says which path is missing, when nothing is found, and when two outputs would collide', async () => {
    await expect(collectInputs([path.join(dir, 'nope')])).rejects.toThrow(/nope: no such file or folder/);
    await mkdir(path.join(dir, 'empty'));
    await expect(collectInputs([path.join(dir, 'empty')])).rejects.toThrow(UsageError);
    await touch('c/clip.mp4');
    await touch('c/clip.mov');
    await expect(collectInputs([path.join(dir, 'c')])).rejects.toThrow(/would both write clip\.\*/);
  });

  it('names inputs of dots only so that their outputs stay inside --out', async () => {
    for (const name of ['..mp4', '...mp4']) {
      const file = await touch(name);
      const [input] = await collectInputs([file]);
      expect(input!.stem).toMatch(/^_+$/);
      const out = path.join(dir, 'out');
      for (const p of Object.values(outputPaths(out, input!.stem))) expect(path.relative(out, p).startsWith('..'), p).toBe(false);
    }
    expect(stemOf('a/../b.mp4')).toBe('a/__/b');
    expect(() => outputPaths('/tmp/out', '../x')).toThrow(/outside/);
  });
});
