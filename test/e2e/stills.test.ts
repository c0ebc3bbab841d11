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
