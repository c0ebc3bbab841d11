import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURE_STILLS } from '../../scripts/lib/media.ts';
import { openHarness, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => h?.close());

const analyze = (name: string) => {
  const url = h.server.addFile(join(FIXTURE_STILLS, name));
  return h.page.evaluate((u) => window.microflash.analyzeImageUrl(u), url);
};

describe('real model in the worker, on fixture stills', () => {
  it.each(['single_face.jpg', '0-f15-hao-ph.jpg', 'sad_asian.jpg', 'faceapi_surprised.jpg', 'angry_black.jpg'])(
    'finds the face in %s',
    async (name) => {
      const r = await analyze(name);
      expect(r.facePresent).toBe(true);
      expect(r.faceCount).toBe(1);
      expect(r.blendshapes).toHaveLength(52);
    },
  );

  it('finds several faces in multi_face.jpg and follows one of them', async () => {
    const r = await analyze('multi_face.jpg');
    expect(r.faceCount).toBeGreaterThanOrEqual(2);
    expect(r.facePresent).toBe(true);
  });

  it('a face picked among several gets its own neutral, and the first face gets its own back', async () => {
    const url = h.server.addFile(join(FIXTURE_STILLS, 'multi_face.jpg'));
    let t = 1e7; // capture times after those of the other tests
    const frames = async (n: number) => {
      let r = await h.page.evaluate(([u, at]) => window.microflash.analyzeImageUrl(u, at), [url, (t += 33)] as const);
      for (let i = 1; i < n; i++)
        r = await h.page.evaluate(([u, at]) => window.microflash.analyzeImageUrl(u, at), [url, (t += 33)] as const);
      return r;
    };
    const first = await frames(60);
    expect(first.faceCount).toBeGreaterThanOrEqual(2);
    expect(first.baselineReady).toBe(true); // a still face: its neutral is learnt
    const other = first.faceIndex === 0 ? 1 : 0;
    const centre = (k: number) => {
      const [x, y, w, hgt] = first.faceBoxes.slice(4 * k, 4 * k + 4) as [number, number, number, number];
      return { x: x + w / 2, y: y + hgt / 2 };
    };
    await h.page.evaluate((p) => window.microflash.selectFace({ mode: 'point', ...p }), centre(other));
    const picked = await frames(1);
    expect(picked.faceIndex).toBe(other);
    expect(picked.baselineReady).toBe(false); // not read against the first person's neutral
    expect((await frames(60)).baselineReady).toBe(true);
    await h.page.evaluate((p) => window.microflash.selectFace({ mode: 'point', ...p }), centre(first.faceIndex));
    const back = await frames(1);
    expect(back.faceIndex).toBe(first.faceIndex);
    expect(back.baselineReady).toBe(true); // the first face's own neutral, kept
    await h.page.evaluate(() => window.microflash.selectFace({ mode: 'largest' }));
  });

  it('reports which delegate runs, and why', async () => {
    const report = await h.page.evaluate(() => window.microflash.delegate());
    expect(report?.delegate).toMatch(/^(CPU|GPU)$/);
    expect(report?.reason.length).toBeGreaterThan(10);
    expect(report?.measuredMs.CPU).toBeGreaterThan(0);
  });

  it('sent nothing to another origin and raised no page error', () => {
    expect(h.faults.foreignRequests).toEqual([]);
    expect(h.faults.errors).toEqual([]);
  });
});
