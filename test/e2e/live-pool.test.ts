/**
 * A live camera whose frames are shared among a pool of landmarkers (LiveOptions.pool): results in
 * capture order, every frame accounted for, and a pool member that crashes mid-session replaced
 * without stopping the session or crashing the analysis worker. The camera is a real face video
 * (Chromium's fake capture device).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { y4mFor } from '../../scripts/lib/media.ts';
import { sleep, until } from './support/wait.ts';
import { openHarness, openPage, type HarnessPage } from './support/harness-page.ts';

const INPUT_FPS = 30;
const POOL = 2;
let h: HarnessPage;

beforeAll(async () => {
  h = await openHarness({ camera: y4mFor('WDA_KatieHill_000.mp4', INPUT_FPS, 8) });
});
afterAll(async () => h?.close());

describe('live camera with a pool of landmarkers', () => {
  it('gives results in capture order, following the face, with every frame accounted for', async () => {
    const started = await h.page.evaluate((pool) => window.microflash.startCamera(undefined, { pool }), POOL);
    expect(started.transport).toBe('track-processor');
    // The members load their models first.
    await until(async () => ((await h.page.evaluate(() => window.microflash.liveStatus())).results ?? 0) > 10, 60_000);
    await h.page.evaluate(() => window.microflash.resetLiveLog());
    await sleep(6000);
    const s = await h.page.evaluate(() => window.microflash.liveStatus());
    console.log(`live pool: ${s.results} results, ${s.meanFps.toFixed(1)} fps of ${INPUT_FPS}, stats ${JSON.stringify(s.stats)}`);
    const st = s.stats as NonNullable<typeof s.stats>;
    expect(st.pool).toEqual({ size: POOL, replaced: 0 });
    expect(s.results).toBeGreaterThan(30);
    expect(s.outOfOrder).toBe(0);
    expect(s.withFace / s.results).toBeGreaterThanOrEqual(0.95);
    // Processed, dropped, or still with the model (at most one frame per member).
    expect(st.processed + st.dropped).toBeGreaterThanOrEqual(st.framesIn - 2 - POOL);
    expect(s.errors).toEqual([]);
  });

  it('replaces a member that crashes, and the session carries on in order', async () => {
    await h.page.evaluate(() => window.microflash.crashPoolMember());
    await until(async () => (await h.page.evaluate(() => window.microflash.liveStatus())).stats?.pool?.replaced === 1, 30_000);
    await sleep(2000); // the new member loads its model
    await h.page.evaluate(() => window.microflash.resetLiveLog());
    await sleep(3000);
    const s = await h.page.evaluate(() => window.microflash.liveStatus());
    expect(s.results).toBeGreaterThan(20);
    expect(s.outOfOrder).toBe(0);
    expect(s.withFace).toBeGreaterThan(0);
    // The analysis worker itself never went down: the session's state (its neutral, open flashes) is intact.
    expect(s.crashes).toBe(0);
    expect(s.restarts).toBe(0);
  });

  it('stops cleanly, sent nothing to another origin and raised no page error', async () => {
    await h.page.evaluate(() => window.microflash.stopCamera());
    expect(h.faults.foreignRequests).toEqual([]);
    expect(h.faults.errors).toEqual([]);
  });
});

describe('the page with the live setting of several models', () => {
  let app: HarnessPage;
  beforeAll(async () => {
    app = await openPage('', { camera: y4mFor('WDA_KatieHill_000.mp4', INPUT_FPS, 8) });
  });
  afterAll(async () => app?.close());

  it('offers as many models as the cores allow, shares the camera frames among them, and says so', async () => {
    const cores = await app.page.evaluate(() => navigator.hardwareConcurrency);
    const offered = await app.page.locator('#pool-select option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered[0]).toBe('0');
    for (const n of offered.slice(1)) expect(Number(n)).toBeLessThanOrEqual(cores);
    expect(offered).toContain(String(POOL)); // the test machines have 2 cores or more
    await app.page.selectOption('#pool-select', String(POOL));
    await app.page.click('#start-camera');
    await app.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    await app.page.waitForFunction((n) => document.querySelector('#counters')?.textContent?.includes(`${n} models`), POOL, {
      timeout: 10_000,
    });
    expect(await app.page.textContent('#counters')).toMatch(/frames \d+ · processed \d+ · dropped \d+ · 2 models/);
    await app.page.click('#stop');
    expect(app.faults.errors).toEqual([]);
    expect(app.faults.foreignRequests).toEqual([]);
  });
});
