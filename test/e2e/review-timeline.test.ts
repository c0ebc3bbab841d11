/**
 * After a file is analysed, the review: the timeline (AU curves, flash bands, legend with AU names),
 * a click on it shows that moment, a click on a flash in the list replays it slowed down.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureVideo } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage('');
});
afterAll(async () => h?.close());

const video = () =>
  h.page.evaluate(() => {
    const v = document.querySelector('#video') as HTMLVideoElement;
    return { t: v.currentTime, rate: v.playbackRate, paused: v.paused };
  });

describe('reviewing an analysed file', () => {
  it('draws the timeline; a click seeks there; a flash in the list replays at 0.25x from just before its onset', async () => {
    expect(await h.page.isHidden('#review')).toBe(true);
    await h.page.setInputFiles('#file-input', fixtureVideo('single_face.mp4'));
    await h.page.waitForSelector('#review:not([hidden]) .u-over', { timeout: 120_000 });
    const legend = await h.page.locator('#timeline .u-legend').textContent();
    expect(legend).toContain('AU12 Lip corner puller');
    expect(legend).toContain('AU04 Brow lowerer');
    // The curves were drawn: the plot's canvas has ink.
    const inked = await h.page.evaluate(() => {
      const c = document.querySelector('#timeline canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);

    // A click in the middle of the plot: the video goes to about the middle of the clip.
    await h.page.locator('#timeline .u-over').scrollIntoViewIfNeeded();
    const box = (await h.page.locator('#timeline .u-over').boundingBox())!;
    await h.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await h.page.waitForFunction(() => (document.querySelector('#video') as HTMLVideoElement).currentTime > 0.5);
    const duration = await h.page.evaluate(() => (document.querySelector('#video') as HTMLVideoElement).duration);
    expect(Math.abs((await video()).t - duration / 2)).toBeLessThan(duration * 0.1);
    // The AU bars show that moment.
    expect(await h.page.locator('#au-bars .value').first().textContent()).toMatch(/^\d\.\d$/);

    // A flash in the list: replayed from 0.5 s before its onset, slowed down.
    const first = h.page.locator('#flash-feed li.flash').last();
    await first.waitFor();
    const events = await h.page.evaluate(
      () =>
        (window as unknown as { microflashLastFileAnalysis: { events: { id: number; onsetMs: number }[] } }).microflashLastFileAnalysis
          .events,
    );
    const id = Number(await first.getAttribute('data-id'));
    const onsetS = events.find((e) => e.id === id)!.onsetMs / 1000;
    await first.click();
    await h.page.waitForFunction(() => !(document.querySelector('#video') as HTMLVideoElement).paused);
    const playing = await video();
    expect(playing.rate).toBe(0.25);
    expect(playing.t).toBeGreaterThanOrEqual(Math.max(0, onsetS - 0.5) - 0.05);
    expect(playing.t).toBeLessThan(onsetS + 0.2);
    // The landmarks kept around the flash are drawn over the replayed video.
    await h.page.waitForFunction(
      () => {
        const c = document.querySelector('#overlay') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n > 100;
      },
      null,
      { timeout: 5000, polling: 100 },
    );

    // A marker while reviewing: at the video's time, on the timeline, in the file's markers CSV.
    await h.page.mouse.click(box.x + box.width / 4, box.y + box.height / 2);
    await h.page.waitForFunction(() => (document.querySelector('#video') as HTMLVideoElement).paused);
    const at = (await video()).t;
    await h.page.keyboard.press('m');
    await h.page.keyboard.type('hand to the face');
    await h.page.keyboard.press('Enter');
    await h.page.waitForSelector('#review-markers:not([hidden])');
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.click('#review-markers')]);
    expect(download.suggestedFilename()).toBe('single_face.markers.csv');
    const lines = readFileSync((await download.path()) as string, 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    const [timeS, note] = lines[1]!.split(',');
    expect(Number(timeS)).toBeCloseTo(at, 2);
    expect(note).toBe('hand to the face');
    expect(h.faults.errors).toEqual([]);
  });
});
