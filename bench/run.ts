/**
 * `npm run bench`: the live pipeline on a 640x480 fake camera fed a real face video, at 30 and 60
 * fps, on the CPU and GPU delegates. Prints per-stage median and p95, processed vs input fps,
 * drops, main-thread long tasks and JS heap before/after; then the AU and flash-engine benches.
 * Last, where a frame's time goes in the landmarker (bench/profile.ts).
 * Options: --seconds N (measured time per run, default 20), --soak (one CPU run at 30 fps for the
 * heap trend, 5 minutes unless --seconds says otherwise: --soak --seconds 1800 for 30), --only CPU|GPU. A last CPU run at 30 fps keeps clips of flashes (the option's
 * cost, side by side with the run without); then CPU runs at 30 and 60 fps with the frames shared
 * among a pool of landmarkers, one per core.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type {} from '../src/shared/harness-api.ts';
import type { Delegate } from '../src/shared/contract/index.ts';
import { fakeCameraFlags, launchChromium } from '../src/node/chromium.ts';
import { ensureBuilt } from '../src/node/ensure-build.ts';
import { DIST_DIR, PROJECT_ROOT } from '../src/node/paths.ts';
import { startStaticServer } from '../src/node/static-server.ts';
import { y4mFor } from '../scripts/lib/media.ts';
import { WORKER_DEFAULTS } from '../workers/landmarker/defaults.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SOAK = args.includes('--soak');
const SECONDS = Number(arg('--seconds') ?? (SOAK ? 300 : 20));
const WARMUP_S = 5;
const ONLY = arg('--only') as Delegate | undefined;
const SOURCE = 'WDA_KatieHill_000.mp4';

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `clips`: keep clips of flashes too; `pool`: landmarkers sharing the frames (LiveOptions.pool). */
async function run(delegate: Delegate, fps: number, options: { clips?: boolean; pool?: number } = {}): Promise<string[]> {
  const { clips = false, pool } = options;
  const camera = y4mFor(SOURCE, fps, 8);
  const server = await startStaticServer(DIST_DIR);
  const browser = await launchChromium({ extraArgs: [...fakeCameraFlags(camera), '--enable-precise-memory-info'] });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.evaluate((d) => window.microflash.init({ delegate: d }), delegate);
    await page.evaluate(([c, p]) => window.microflash.startCamera(undefined, { clips: c, ...(p === null ? {} : { pool: p }) }), [
      clips,
      pool ?? null,
    ] as const);
    await sleep(WARMUP_S * 1000);
    // Room for every frame's stage times, allocated before the heap is read.
    await page.evaluate((n) => window.microflash.resetLiveLog(n), Math.ceil(SECONDS * fps * 1.2) + 100);
    // The heap after a full collection, so that garbage not yet collected does not read as growth.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await page.evaluate(() => window.microflash.liveStatus());
    const statsBefore = before.stats;
    await sleep(SECONDS * 1000);
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await page.evaluate(() => window.microflash.liveStatus());
    const t = await page.evaluate(() => window.microflash.liveTimings());
    await page.evaluate(() => window.microflash.stopCamera());
    const framesIn = (after.stats?.framesIn ?? 0) - (statsBefore?.framesIn ?? 0);
    const dropped = (after.stats?.dropped ?? 0) - (statsBefore?.dropped ?? 0);
    const heap = (b: number | null) => (b === null ? '–' : (b / 1e6).toFixed(1));
    return [
      clips ? `${delegate} + clips (${after.clips} made)` : pool ? `${delegate} + pool of ${pool}` : delegate,
      String(fps),
      f1(after.meanFps),
      f1(framesIn / SECONDS),
      String(dropped),
      `${f1(pct(t.transferMs, 50))} / ${f1(pct(t.transferMs, 95))}`,
      `${f1(pct(t.convertMs, 50))} / ${f1(pct(t.convertMs, 95))}`,
      `${f1(pct(t.inferenceMs, 50))} / ${f1(pct(t.inferenceMs, 95))}`,
      `${pct(t.postMs, 50).toFixed(2)} / ${pct(t.postMs, 95).toFixed(2)}`,
      `${after.longTasks.count} (max ${f1(after.longTasks.maxMs)})`,
      `${heap(before.heapBytes)} -> ${heap(after.heapBytes)}`,
      `${after.withFace}/${after.results}`,
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

function table(rows: string[][]): string {
  const head = [
    'delegate',
    'cam fps',
    'processed fps',
    'frames in/s',
    'dropped',
    'wait+transfer ms p50/p95',
    'to image ms p50/p95',
    'inference ms p50/p95',
    'AU+flash ms p50/p95',
    'long tasks >50ms',
    'heap MB',
    'faces',
  ];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |').join('\n');
}

await ensureBuilt();
console.log(
  `Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}; Chromium headless; source ${SOURCE} as a 640x480 fake camera; ${SECONDS} s measured after ${WARMUP_S} s warm-up; grab is 0 (the track processor hands frames over).`,
);
const rows: string[][] = [];
const delegates: Delegate[] = ONLY ? [ONLY] : ['CPU', 'GPU'];
for (const delegate of delegates) {
  for (const fps of SOAK ? [30] : [30, 60]) {
    try {
      rows.push(await run(delegate, fps));
    } catch (err) {
      rows.push([delegate, String(fps), `failed: ${(err as Error).message.split('\n')[0]}`]);
    }
    if (SOAK) break;
  }
  if (SOAK) break;
}
if (!SOAK && ONLY !== 'GPU') {
  try {
    rows.push(await run('CPU', 30, { clips: true }));
  } catch (err) {
    rows.push(['CPU + clips', '30', `failed: ${(err as Error).message.split('\n')[0]}`]);
  }
  // Live frames shared among a pool of landmarkers, one per core (LiveOptions.pool), beside the runs above.
  const pool = Math.min(WORKER_DEFAULTS.maxPool, cpus().length);
  for (const fps of [30, 60]) {
    try {
      rows.push(await run('CPU', fps, { pool }));
    } catch (err) {
      rows.push([`CPU + pool of ${pool}`, String(fps), `failed: ${(err as Error).message.split('\n')[0]}`]);
    }
  }
}
console.log(table(rows));
if (!SOAK) {
  for (const bench of ['au.bench.ts', 'flash.bench.ts', 'timeline.bench.ts']) {
    console.log(`\n${bench}:`);
    console.log(execFileSync('npx', ['tsx', resolve(PROJECT_ROOT, 'bench', bench)], { encoding: 'utf8' }).trim());
  }
  console.log('\nprofile.ts:');
  console.log(
    execFileSync('npx', ['tsx', resolve(PROJECT_ROOT, 'bench', 'profile.ts'), ...(ONLY ? ['--only', ONLY] : [])], {
      encoding: 'utf8',
    }).trim(),
  );
}
