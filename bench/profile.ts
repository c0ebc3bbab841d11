/**
 * Where a frame's time goes: the landmarker profiled by ablation in a worker of headless Chromium
 * (workers/profile.worker.ts), on the first frames of a real face video, per delegate. Prints one
 * table per delegate. Options: --frames N (default 60), --only CPU|GPU.
 */
import { cpus } from 'node:os';
import type { Delegate } from '../src/shared/contract/index.ts';
import { h264Copy, y4mFor } from '../scripts/lib/media.ts';
import { withHarness } from './with-harness.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const FRAMES = Number(arg('--frames') ?? 60);
const ONLY = arg('--only') as Delegate | undefined;
const SOURCE = 'WDA_KatieHill_000.mp4';
/** A delegate that takes longer than this for the whole profile (software WebGL for the GPU) is reported as such. */
const LIMIT_MS = 240_000;

await withHarness(async (page, server) => {
  // The camera's picture: 640x480 at 30 fps, as H.264 (which every Chromium decodes).
  const url = server.addFile(h264Copy(y4mFor(SOURCE, 30, Math.ceil(FRAMES / 30) + 1), 'profile-640x480'));
  console.log(
    `Profile: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}; first ${FRAMES} frames of ${SOURCE} at 640x480, each variant timed over 2 passes in one worker.`,
  );
  for (const delegate of ONLY ? [ONLY] : (['CPU', 'GPU'] as Delegate[])) {
    const run = page.evaluate(({ u, n, d }) => window.microflash.profile(u, n, d), { u: url, n: FRAMES, d: delegate });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${LIMIT_MS / 1000} s`)), LIMIT_MS));
    try {
      const rows = await Promise.race([run, timeout]);
      console.log(`\n${delegate}:\n| step | median ms | p95 ms | what |\n|---|---|---|---|`);
      for (const r of rows) console.log(`| ${r.step} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.note} |`);
    } catch (err) {
      console.log(`\n${delegate}: failed: ${(err as Error).message.split('\n')[0]}`);
      if (delegate !== 'CPU') break;
    }
  }
});
