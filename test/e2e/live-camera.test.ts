/**
 * A real face video as the camera (Chromium's fake capture device, fed a y4m made at test time),
 * through the live path: MediaStreamTrackProcessor -> worker -> results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { y4mFor } from '../../scripts/lib/media.ts';
import { sleep, until } from './support/wait.ts';
import { openHarness, type HarnessPage } from './support/harness-page.ts';

const INPUT_FPS = 30;
let h: HarnessPage;

beforeAll(async () => {
  const camera = y4mFor('WDA_KatieHill_000.mp4', INPUT_FPS, 8);
  h = await openHarness({ camera });
});
afterAll(async () => h?.close());

describe('live camera path', () => {
  it('tracks the face in >= 95% of processed frames, as fast as inference allows, never queueing', async () => {
    const started = await h.page.evaluate(() => window.microflash.startCamera());
    expect(started.transport).toBe('track-processor');
    await sleep(4000); // start-up: delegate measurement, first frames
    await h.page.evaluate(() => window.microflash.resetLiveLog());
    await sleep(8000);
    const s = await h.page.evaluate(() => window.microflash.liveStatus());
    const t = await h.page.evaluate(() => window.microflash.liveTimings());
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const perFrameMs = median(t.inferenceMs) + median(t.postMs);
    // What this machine can do at most: the camera rate, or one frame per inference time.
    const attainableFps = Math.min(INPUT_FPS, 1000 / perFrameMs);
    console.log(
      `live: ${s.results} results, ${s.meanFps.toFixed(1)} fps processed of ${INPUT_FPS} in (attainable ${attainableFps.toFixed(1)}; inference median ${median(t.inferenceMs).toFixed(1)} ms), faces ${s.withFace}, stats ${JSON.stringify(s.stats)}`,
    );
    expect(s.withFace / s.results).toBeGreaterThanOrEqual(0.95);
    // The transport keeps the worker busy: processed fps near what inference allows. The bound is
    // loose on purpose: on two cores the page, the capture and the worker share the CPU, and the
    // ratio measured here moves between 0.85 and 0.95 with the machine's load; a transport that
    // waited on a round trip per frame, or queued frames, falls well below it. The benchmark
    // (`npm run bench`) reports the exact figures.
    expect(s.meanFps).toBeGreaterThanOrEqual(0.7 * attainableFps);
    // Newest frame wins: a frame waits at most about one inference before it is taken.
    expect(median(t.transferMs)).toBeLessThan(perFrameMs * 1.5);
    // Every camera frame is accounted for: processed, or counted as dropped.
    const st = s.stats as NonNullable<typeof s.stats>;
    expect(st.processed + st.dropped).toBeGreaterThanOrEqual(st.framesIn - 2);
    if (attainableFps < INPUT_FPS * 0.95) expect(st.dropped).toBeGreaterThan(0);
    expect(s.errors).toEqual([]);
  });

  it('restarts a killed worker by itself and carries on', async () => {
    await h.page.evaluate(() => window.microflash.crashWorker());
    await until(async () => (await h.page.evaluate(() => window.microflash.liveStatus())).restarts >= 1, 30_000);
    await sleep(2000); // the new worker loads the model
    await h.page.evaluate(() => window.microflash.resetLiveLog());
    await sleep(3000);
    const s = await h.page.evaluate(() => window.microflash.liveStatus());
    expect(s.crashes).toBe(1);
    expect(s.results).toBeGreaterThan(20);
    expect(s.withFace).toBeGreaterThan(0);
  });

  it('sent nothing to another origin and raised no page error', async () => {
    await h.page.evaluate(() => window.microflash.stopCamera());
    expect(h.faults.foreignRequests).toEqual([]);
    expect(h.faults.errors).toEqual([]);
  });
});
