/**
 * Practice mode as a learner uses it, on the fake camera showing a real person's brief smiles
 * (Face Research Lab London Set, CC BY 4.0): the smiles lesson, a drill that names a flash, counts
 * in and judges the try (caught, the kind read, duration, onset, the AUs for it), the score and the
 * progress, a recognition drill replaying the learner's own caught flash, a personal model trained
 * in the browser's worker and labelling live flashes, and the export and deletion of it all.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AU_LIST } from '../../src/shared/contract/index.ts';
import { smileLoopCamera } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage('', { camera: smileLoopCamera() });
});
afterAll(async () => h?.close());

/** Two earlier tries of anger made another day, as a learner's store would hold them (the personal model needs two kinds). */
async function keepEarlierAngerTries(): Promise<void> {
  const peaks = AU_LIST.map((a) => (a.id === 'AU04' ? 3.5 : a.id === 'AU24' ? 2 : 0.1));
  await h.page.evaluate(async (peaks) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('microflash', 4);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('tries', 'readwrite');
    for (const [i, at] of [Date.now() - 2 * 86_400_000, Date.now() - 86_400_000].entries())
      tx.objectStore('tries').put({
        id: `earlier-${i}`,
        mode: 'show',
        at,
        lesson: 'brows-down',
        target: { kind: 'anger', maxMs: 500 },
        caught: true,
        eventId: i,
        read: 'anger',
        right: true,
        brief: true,
        durationMs: 300,
        onsetAfterGoMs: 600,
        present: ['AU04'],
        missing: [],
        against: [],
        peaks,
        personal: null,
      });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, peaks);
}

describe('practice mode', () => {
  it('teaches the smiles lesson, judges a drill on the learner’s face, and keeps score and progress', async () => {
    // The page opens its database at start; the earlier tries go in, then the page is loaded again.
    await h.page.waitForSelector('#practice-toggle');
    await keepEarlierAngerTries();
    await h.page.reload();
    await h.page.click('#practice-toggle');
    await h.page.waitForSelector('#practice:not([hidden])');
    await h.page.click('#lesson-smiles');
    expect(await h.page.textContent('#lesson-text')).toMatch(/AU12.*AU6/s);
    await h.page.click('#practice-keep-clips');

    await h.page.click('#drill-start');
    await h.page.waitForFunction(() =>
      /Make a flash of happiness, under 1\/2 s/.test(document.querySelector('#drill-target')?.textContent ?? ''),
    );
    await h.page.waitForFunction(() => document.querySelector('#drill-count')?.textContent === 'Now!', null, { timeout: 40_000 });
    await h.page.waitForSelector('#drill-feedback[data-caught]', { timeout: 20_000 });
    const fb = await h.page.evaluate(() => {
      const el = document.querySelector('#drill-feedback') as HTMLElement;
      return { ...el.dataset, text: el.textContent ?? '' };
    });
    expect(fb).toMatchObject({ caught: 'true', right: 'true', read: 'happiness' });
    expect(fb.text).toMatch(/Caught: Happiness/);
    expect(fb.text).toMatch(/\d+ ms long · started (\d+ ms|\d\.\d\d s) after "now"/);
    expect(fb.text).toMatch(/Happiness needs, there: .*AU12/);
    const row = h.page.locator('#drill-scores tr[data-kind="happiness"] td');
    expect(await row.allTextContents()).toEqual(expect.arrayContaining(['Happiness', '1']));

    // Right once at happiness, the next target is the kind not yet tried: the one-sided smile. The
    // camera's smile is symmetric: caught, but read as happiness, and the cheek raise argues for it.
    for (let k = 0; k < 2; k++) {
      await h.page.click('#drill-next');
      await h.page.waitForFunction(() =>
        /Make a flash of one-sided smile/.test(document.querySelector('#drill-target')?.textContent ?? ''),
      );
      await h.page.waitForSelector('#drill-feedback[data-caught]', { timeout: 20_000 });
      const again = await h.page.evaluate(() => ({ ...(document.querySelector('#drill-feedback') as HTMLElement).dataset }));
      expect(again).toMatchObject({ caught: 'true', right: 'false', read: 'happiness' });
      expect(await h.page.textContent('#drill-feedback')).toMatch(
        /read as Happiness, not One-sided smile.*Against it: .*AU06 \(says Happiness\)/s,
      );
    }
    await h.page.click('#drill-end');
    const progress = await h.page.$$eval('#practice-progress-table tr[data-kind]', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)),
    );
    expect(progress.filter((r) => r[1] === 'Anger').length).toBe(2);
    expect(progress.filter((r) => r[0] === progress.at(-1)![0] && r[1] !== 'Anger')).toEqual([
      [expect.any(String), 'Happiness', '1', '1', '1', expect.stringMatching(/ms/)],
      [expect.any(String), 'One-sided smile', '2', '2', '0', '–'],
    ]);
    expect(await h.page.locator('#practice-progress canvas').count()).toBeGreaterThan(0);
  });

  it('replays a caught flash of the learner’s own face at its true speed and asks its kind', async () => {
    await h.page.waitForSelector('#recognise-start:not([disabled])', { timeout: 20_000 });
    await h.page.click('#recognise-start');
    await h.page.waitForFunction(() => {
      const v = document.querySelector('#recognise-video') as HTMLVideoElement;
      return v.currentSrc.startsWith('blob:') && !v.paused && v.playbackRate === 1;
    });
    await h.page.waitForSelector('#recognise-answers:not([hidden])', { timeout: 10_000 });
    await h.page.click('#recognise-answers button[data-kind="happiness"]');
    // The clip is of a try made as happiness or as a one-sided smile: the answer is judged against that.
    const result = await h.page.textContent('#recognise-result');
    if ((await h.page.getAttribute('#recognise-result', 'data-right')) === 'true') expect(result).toBe('Right: Happiness.');
    else expect(result).toBe('It was One-sided smile (you made it as that); you said Happiness.');
  });

  it('trains a personal model in the worker, labels live flashes with it, and exports and deletes everything', async () => {
    await h.page.click('#train-model');
    await h.page.waitForSelector('#model-status[data-state]', { timeout: 60_000 });
    const status = await h.page.textContent('#model-status');
    expect(status).toMatch(/knows 3 kinds \(Anger 2, Happiness 1, One-sided smile 2 tries\), trained in .* on (webgl|cpu)/);
    // The next live smile carries the model's label beside the rules'.
    await h.page.waitForSelector('#flash-feed li.flash.complete[data-personal] .personal', { timeout: 20_000 });
    expect(await h.page.textContent('#flash-feed li.flash.complete[data-personal] .personal')).toMatch(
      /your model: (Happiness|Anger|One-sided smile) \d+%/,
    );
    // Let it name the kind: the rules' kind moves beside it.
    await h.page.click('#use-model');
    expect(await h.page.textContent('#flash-feed li.flash.complete[data-personal] .personal')).toMatch(/rules: Happiness/);

    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.click('#practice-export')]);
    expect(download.suggestedFilename()).toMatch(/^microflash-practice-.*\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path()) as string)));
    const doc = JSON.parse(strFromU8(files['practice.json']!));
    expect(doc.format).toBe('microflash-practice');
    expect(doc.tries.filter((t: { mode: string }) => t.mode === 'show').length).toBe(5);
    expect(doc.tries.filter((t: { mode: string }) => t.mode === 'recognise').length).toBe(1);
    expect(doc.personalModel.kinds).toEqual(['anger', 'happiness', 'one_sided_smile']);
    expect(typeof doc.personalModel.weightData).toBe('string');
    const clips = Object.keys(files).filter((f) => f.startsWith('clips/'));
    expect(clips.length).toBeGreaterThanOrEqual(1);
    expect([...files[clips[0]!]!.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(strFromU8(files['progress.csv']!)).toMatch(/^day,kind,tries,caught,right,median_duration_ms/);

    // "Your data" lists practice with the rest of the learner's data.
    await h.page.click('#data summary');
    await h.page.waitForFunction(() =>
      /Practice · 6 tries · \d+ clips · a personal model/.test(
        document.querySelector('#data .item[data-type="practice"]')?.textContent ?? '',
      ),
    );

    await h.page.click('#practice-delete');
    await h.page.waitForFunction(() =>
      /Kept: 0 tries, 0 clips, no personal model/.test(document.querySelector('#practice-data')?.textContent ?? ''),
    );
    expect(await h.page.isDisabled('#use-model')).toBe(true);
    await h.page.waitForFunction(() => !document.querySelector('#data .item[data-type="practice"]'));
    await h.page.click('#stop');
    expect(h.faults.errors).toEqual([]);
    expect(h.faults.foreignRequests).toEqual([]);
  });
});
