/**
 * A file shared among a pool of landmarkers (one worker each): the same results, frame for frame,
 * as with the analysis worker's own model alone, in presentation order; and a member that crashes
 * mid-file is replaced without a frame lost, repeated or out of order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedFrame } from '../../src/shared/analyzed-frame.ts';
import { h264Copy, y4mFor } from '../../scripts/lib/media.ts';
import { openHarness, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage;
let url: string;
let frames: AnalyzedFrame[] = [];

beforeAll(async () => {
  h = await openHarness({ delegate: 'CPU' });
  await h.page.exposeFunction('microflashFrames', (batch: AnalyzedFrame[]) => void frames.push(...batch));
  url = h.server.addFile(h264Copy(y4mFor('WDA_KatieHill_000.mp4', 30, 4), 'pool-640x480'));
});
afterAll(async () => h?.close());

async function analyze(pool: number, crashAfterFrames?: number) {
  frames = [];
  const run = h.page.evaluate(([u, p]) => window.microflash.analyzeUrl(u, 'pool.mp4', { pool: p }), [url, pool] as const);
  if (crashAfterFrames !== undefined) {
    while (frames.length < crashAfterFrames) await new Promise((r) => setTimeout(r, 20));
    await h.page.evaluate(() => window.microflash.crashPoolMember());
  }
  const outcome = await run;
  if (!outcome.ok) throw new Error(outcome.message);
  return { summary: outcome.summary, frames: [...frames] };
}

const shape = (fs: AnalyzedFrame[]) => fs.map((f) => [f.frameIndex, f.timestampMs, f.facePresent, ...f.aus]);

describe('a pool of landmarkers for a file', () => {
  it('gives every frame once, in order, the same as the worker alone', async () => {
    const alone = await analyze(0);
    const pooled = await analyze(2);
    expect(alone.summary.pool.size).toBe(0);
    expect(pooled.summary.pool).toEqual({ size: 2, replaced: 0 });
    expect(pooled.frames.length).toBe(120);
    expect(pooled.frames.map((f) => f.frameIndex)).toEqual(pooled.frames.map((_, i) => i));
    expect(shape(pooled.frames)).toEqual(shape(alone.frames));
    expect(pooled.frames.filter((f) => f.facePresent).length).toBeGreaterThan(110);
  });

  it('replaces a member that crashes mid-file, and still gives every frame once, in order', async () => {
    const reference = await analyze(2);
    const crashed = await analyze(2, 30);
    expect(crashed.summary.pool.replaced).toBeGreaterThanOrEqual(1);
    expect(crashed.frames.map((f) => f.frameIndex)).toEqual(reference.frames.map((_, i) => i));
    expect(shape(crashed.frames)).toEqual(shape(reference.frames));
    expect(h.faults.errors.filter((e) => !/simulated crash/.test(e))).toEqual([]);
  });
});
