/**
 * Short clips of flashes, as a user keeps them: with "Keep this session" and "Keep short clips of
 * flashes" ticked, a real person's brief smiles on the fake camera (Face Research Lab London Set,
 * CC BY 4.0) are each kept as a small video of the face; the session lists them, the review plays
 * one slowed down, the zip export holds the videos and their index, and they can be deleted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIP_DEFAULTS } from '../../src/shared/clips/index.ts';
import { FIXTURES, y4mFromStills } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

const LONDON = join(FIXTURES, 'people', 'london');

let h: HarnessPage;
beforeAll(async () => {
  // Neutral, then a smile of 0.4 s, then neutral again (the fake camera loops the file).
  const camera = y4mFromStills(
    [
      { path: join(LONDON, '001_neutral.jpg'), seconds: 4 },
      { path: join(LONDON, '001_smile.jpg'), seconds: 0.4 },
      { path: join(LONDON, '001_neutral.jpg'), seconds: 3 },
    ],
    30,
    'london-001-brief-smile',
  );
  h = await openPage('', { camera });
});
afterAll(async () => h?.close());

const sessionItem = () => h.page.locator('#data .item[data-type="session"]');

describe('short clips of flashes', () => {
  it('are offered only with a kept session', async () => {
    expect(await h.page.isDisabled('#keep-clips')).toBe(true);
    await h.page.click('#record');
    expect(await h.page.isDisabled('#keep-clips')).toBe(false);
    await h.page.click('#record');
    expect(await h.page.isDisabled('#keep-clips')).toBe(true);
    expect(await h.page.isChecked('#keep-clips')).toBe(false);
  });

  it('keep each flash of a live session as a small video, listed, playable, exportable and deletable', async () => {
    await h.page.click('#record');
    await h.page.click('#keep-clips');
    await h.page.click('#start-camera');
    await h.page.waitForSelector('#flash-feed li.flash[data-kind="happiness"][data-status="complete"]', { timeout: 60_000 });
    await h.page.click('#stop');
    await h.page.click('#data summary');
    await h.page.waitForFunction(
      () => /\d+ clips?/.test(document.querySelector('#data .item[data-type="session"]')?.textContent ?? ''),
      null,
      {
        timeout: 20_000,
      },
    );
    const listed = Number(/(\d+) clips?/.exec((await sessionItem().textContent()) ?? '')![1]);
    expect(listed).toBeGreaterThanOrEqual(1);

    // The export: one video per clip and the index, each clip about a second around its flash.
    const [download] = await Promise.all([h.page.waitForEvent('download'), sessionItem().locator('button[data-export="clips"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^microflash-session-.*\.clips\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path()) as string)));
    const index = Papa.parse<Record<string, string>>(strFromU8(files['clips.csv']!), { header: true, skipEmptyLines: true }).data;
    expect(index.length).toBe(listed);
    const smiles = index.filter((c) => c.kind === 'happiness');
    expect(smiles.length).toBeGreaterThanOrEqual(1);
    for (const c of index) {
      const video = files[c.file!]!;
      expect(video.length).toBeGreaterThan(1000);
      expect(video.length).toBeLessThan(400_000);
      if (c.file!.endsWith('.webm')) expect([...video.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML
      expect(Number(c.width)).toBe(CLIP_DEFAULTS.sizePx);
      const start = Number(c.clip_start_s);
      const end = Number(c.clip_end_s);
      const onset = Number(c.onset_s);
      // From about the lead before the onset (the first frame analysed there) to the tail after the offset.
      expect(onset - start).toBeGreaterThan(CLIP_DEFAULTS.leadMs / 1000 - 0.2);
      expect(onset - start).toBeLessThanOrEqual(CLIP_DEFAULTS.leadMs / 1000 + 0.001);
      expect(end - start).toBeLessThanOrEqual(CLIP_DEFAULTS.maxMs / 1000 + 0.001);
      expect(end).toBeGreaterThan(Number(c.offset_s));
      expect(Number(c.frames)).toBeGreaterThan(10);
    }

    // The review lists the clips; Play replays one slowed down on the stage, the timeline following.
    await sessionItem().locator('button[data-review]').click();
    await h.page.waitForSelector('#review-clips:not([hidden]) li.clip');
    expect(await h.page.locator('#review-clips li.clip').count()).toBe(listed);
    await h.page.locator('#review-clips li.clip[data-kind="happiness"] button[data-clip-play]').first().click();
    await h.page.waitForFunction(() => {
      const v = document.querySelector('#video') as HTMLVideoElement;
      return v.currentSrc.startsWith('blob:') && !v.paused && v.currentTime > 0.05;
    });
    const playing = await h.page.evaluate(() => {
      const v = document.querySelector('#video') as HTMLVideoElement;
      return { rate: v.playbackRate, width: v.videoWidth, height: v.videoHeight };
    });
    expect(playing).toEqual({ rate: 0.25, width: CLIP_DEFAULTS.sizePx, height: CLIP_DEFAULTS.sizePx });
    await h.page.waitForFunction(() => /^\d\.\d$/.test(document.querySelector('#au-bars .value')?.textContent ?? ''));

    // Deleting the clips keeps the session.
    await sessionItem().locator('button[data-delete-clips]').click();
    await h.page.waitForFunction(
      () => !/clips?/.test(document.querySelector('#data .item[data-type="session"] span')?.textContent ?? 'clip'),
    );
    expect(await sessionItem().count()).toBe(1);
    expect(
      await h.page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('microflash');
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const n = await new Promise<number>((resolve) => {
          const r = db.transaction('clips').objectStore('clips').count();
          r.onsuccess = () => resolve(r.result);
        });
        db.close();
        return n;
      }),
    ).toBe(0);
    expect(h.faults.errors).toEqual([]);
    expect(h.faults.foreignRequests).toEqual([]);
  });
});
