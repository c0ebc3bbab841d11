/**
 * Turns the command's path arguments into the sorted list of video files to analyse, each with the
 * stem its outputs are named after. A file named directly keeps its base name (`a/b.mp4` -> `b`);
 * a file found in a folder keeps its path below that folder (`corpus/s01/task.mp4` -> `s01/task`),
 * so subject folders that reuse file names do not collide.
 *
 * The list is sorted by stem (plain code-unit order, the same in every locale), so every machine
 * given the same corpus sees the same list in the same order; `--shard` depends on that.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CLI_DEFAULTS } from './cli-defaults.ts';
import { UsageError } from './usage-error.ts';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** Output name without suffix, `/`-separated, relative to the output folder. */
  stem: string;
  sizeBytes: number;
}

/** Whether a file name has one of the video extensions (any case). */
export function isVideoFileName(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (CLI_DEFAULTS.videoExtensions as readonly string[]).includes(ext) && !name.startsWith('.');
}

/** Orders by stem, code unit by code unit. */
export function compareStems(a: InputFile, b: InputFile): number {
  return a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0;
}

/**
 * Files named directly are taken whatever their extension; folders are scanned recursively for
 * video files (hidden entries and symbolic links to folders are not followed). The same file reached
 * twice is listed once. Throws UsageError for a missing path, an empty result, or two inputs whose
 * outputs would have the same name.
 */
export async function collectInputs(args: readonly string[]): Promise<InputFile[]> {
  const byRealPath = new Map<string, InputFile>();
  for (const arg of args) {
    const info = await stat(arg).catch(() => {
      throw new UsageError(`${arg}: no such file or folder`);
    });
    const found = info.isDirectory() ? await scanFolder(arg) : [{ file: arg, stem: stemOf(path.basename(arg)) }];
    for (const { file, stem } of found) {
      const real = await realpath(file);
      if (byRealPath.has(real)) continue;
      const size = info.isDirectory() ? (await stat(real)).size : info.size;
      byRealPath.set(real, { path: path.resolve(file), stem, sizeBytes: size });
    }
  }
  const inputs = [...byRealPath.values()].sort(compareStems);
  if (inputs.length === 0) {
    throw new UsageError(`no video files (${CLI_DEFAULTS.videoExtensions.join(' ')}) in ${args.join(' ')}`);
  }
  assertUniqueStems(inputs);
  return inputs;
}

/** Throws when two inputs would write the same output files (e.g. `x.mp4` and `x.mov`). */
export function assertUniqueStems(inputs: readonly InputFile[]): void {
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const other = seen.get(input.stem);
    if (other !== undefined) {
      throw new UsageError(
        `${other} and ${input.path} would both write ${input.stem}.*; rename one, or analyse them in separate runs with different --out folders`,
      );
    }
    seen.set(input.stem, input.path);
  }
}

/**
 * The output name of an input: its path relative to the scanned folder (or its base name), without
 * the extension, `/`-separated. A segment of dots only (`..mp4` has the stem `.`) would name a
 * place outside the output folder, so its dots become underscores.
 */
export function stemOf(relative: string): string {
  const posix = relative.split(path.sep).join('/');
  const bare = posix.slice(0, posix.length - path.extname(posix).length);
  return bare
    .split('/')
    .map((segment) => (/^\.*$/.test(segment) ? '_'.repeat(Math.max(1, segment.length)) : segment))
    .join('/');
}

async function scanFolder(root: string): Promise<{ file: string; stem: string }[]> {
  const out: { file: string; stem: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (isVideoFileName(entry.name) && (entry.isFile() || (await isFileLink(full)))) {
        out.push({ file: full, stem: stemOf(path.relative(root, full)) });
      }
    }
  };
  await walk(root);
  return out;
}

async function isFileLink(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
