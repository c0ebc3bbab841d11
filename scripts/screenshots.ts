/**
 * `npm run screenshots`: the views a clinician uses during and after a session, captured from the
 * built app in headless Chromium on a fake camera, into docs/screenshots/. Only parts of the page
 * with no face in them are captured (the discreet view, the flash list with markers, the kept
 * session under "Your data", its report, its review with the list of its clips, a file's review
 * timeline; practice: a lesson with a judged drill, the recognition answers, the personal model,
 * the progress), so no face image ends up in docs/. `--practice` takes the practice views only.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { AU_LIST } from '../src/shared/contract/index.ts';
import { fakeCameraFlags, launchChromium } from '../src/node/chromium.ts';
import { ensureBuilt } from '../src/node/ensure-build.ts';
import { DIST_DIR, PROJECT_ROOT } from '../src/node/paths.ts';
import { startStaticServer } from '../src/node/static-server.ts';
import { FIXTURES, smileLoopCamera, y4mFromStills } from './lib/media.ts';

const OUT = resolve(PROJECT_ROOT, 'docs', 'screenshots');
const LONDON = join(FIXTURES, 'people', 'london');

async function main(): Promise<void> {
  await ensureBuilt();
  mkdirSync(OUT, { recursive: true });
  await practiceShots();
  if (process.argv.includes('--practice')) return;
  const camera = y4mFromStills(
    [
      { path: join(LONDON, '001_neutral.jpg'), seconds: 3 },
      { path: join(LONDON, '001_smile.jpg'), seconds: 2 },
      { path: join(LONDON, '001_neutral.jpg'), seconds: 3 },
      { path: join(LONDON, '001_smile.jpg'), seconds: 12 },
    ],
    30,
    'london-001-smile-twice',
  );
  const server = await startStaticServer(DIST_DIR);
  const browser = await launchChromium({ extraArgs: fakeCameraFlags(camera) });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(server.url);
    await page.click('#record');
    await page.click('#keep-clips');
    await page.click('#start-camera');
    await page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    await page.waitForTimeout(1000);
    await page.keyboard.press('m');
    await page.keyboard.type('client mentions her sister');
    await page.keyboard.press('Enter');
    // The first smile comes and goes; the second is under way.
    await page.waitForSelector('#flash-feed li.flash.complete', { state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(3500);
    await page.keyboard.press('m');
    await shot(page, 'aside.right', 'flashes-and-markers.png');
    await page.keyboard.press('Escape');

    await page.keyboard.press('d');
    await page.setViewportSize({ width: 420, height: 360 });
    // Never a face in docs/: the discreet view must have hidden the video.
    const shown = await page.evaluate(() => document.querySelector('main')?.getBoundingClientRect().width ?? 0);
    if (!(await page.evaluate(() => document.body.classList.contains('discreet'))) || shown > 1) {
      throw new Error('The discreet view did not hide the video; no screenshot of it was taken.');
    }
    await page.screenshot({ path: join(OUT, 'discreet-view.png') });
    await page.click('#ticker-stop');
    await page.keyboard.press('d');
    await page.setViewportSize({ width: 1100, height: 800 });

    await page.click('#data summary');
    await page.waitForFunction(() => /clips?/.test(document.querySelector('#data .item[data-type="session"]')?.textContent ?? ''), null, {
      timeout: 20_000,
    });
    await shot(page, '#data', 'kept-session.png');
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#data .item[data-type="session"] button[data-export="report"]').click(),
    ]);
    const reportPage = await browser.context.newPage();
    await reportPage.setViewportSize({ width: 800, height: 600 });
    await reportPage.setContent(readFileSync((await report.path()) as string, 'utf8'));
    await reportPage.screenshot({ path: join(OUT, 'session-report.png'), fullPage: true });
    console.log('wrote session-report.png');

    // The kept session's review: its timeline and the list of its clips (the clips themselves are faces: not captured).
    await page.locator('#data .item[data-type="session"] button[data-review]').click();
    await page.waitForSelector('#review:not([hidden]) #review-clips li.clip');
    await shot(page, '#review', 'session-clips.png');

    // A file's review timeline (the element only: the video beside it is not captured).
    await page.setInputFiles('#file-input', join(FIXTURES, 'video', 'WolfgangLanger_Pexels.mp4'));
    await page.waitForSelector('#review:not([hidden]) .u-over', { timeout: 300_000 });
    await shot(page, '#review', 'timeline.png');
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Earlier tries of the brows-down lesson on the days before (what a learner's store holds after a few days). */
const EARLIER_TRIES = [
  { daysAgo: 3, kind: 'anger', right: false, read: 'disgust', durationMs: 620 },
  { daysAgo: 3, kind: 'anger', right: true, read: 'anger', durationMs: 480 },
  { daysAgo: 2, kind: 'anger', right: true, read: 'anger', durationMs: 350 },
  { daysAgo: 2, kind: 'disgust', right: false, read: 'anger', durationMs: 400 },
  { daysAgo: 1, kind: 'disgust', right: true, read: 'disgust', durationMs: 300 },
  { daysAgo: 1, kind: 'anger', right: true, read: 'anger', durationMs: 240 },
] as const;

/** AU peaks (AU_LIST order) of an earlier try: brows down, and for disgust the lids and nose too. */
function earlierPeaks(read: string): number[] {
  return AU_LIST.map((a) => (a.id === 'AU04' ? 3 : read === 'disgust' && (a.id === 'AU07' || a.id === 'AU09') ? 3 : 0.1));
}

async function practiceShots(): Promise<void> {
  const camera = smileLoopCamera();
  const server = await startStaticServer(DIST_DIR);
  const browser = await launchChromium({ extraArgs: fakeCameraFlags(camera) });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(server.url);
    await page.waitForSelector('#practice-toggle');
    await page.evaluate(
      async (earlier) => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('microflash', 4);
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const tx = db.transaction('tries', 'readwrite');
        for (const [i, t] of earlier.entries())
          tx.objectStore('tries').put({
            id: `earlier-${i}`,
            mode: 'show',
            at: Date.now() - t.daysAgo * 86_400_000,
            lesson: 'brows-down',
            target: { kind: t.kind, maxMs: 500 },
            caught: true,
            eventId: i,
            read: t.read,
            right: t.right,
            brief: t.right && t.durationMs <= 500,
            durationMs: t.durationMs,
            onsetAfterGoMs: 700,
            present: ['AU04'],
            missing: [],
            against: [],
            peaks: t.peaks,
            personal: null,
          });
        await new Promise((done) => (tx.oncomplete = done));
        db.close();
      },
      EARLIER_TRIES.map((t) => ({ ...t, peaks: earlierPeaks(t.read) })),
    );
    await page.reload();
    await page.click('#practice-toggle');
    await page.click('#lesson-smiles');
    await page.click('#practice-keep-clips');
    await page.click('#drill-start');
    await page.waitForSelector('#drill-feedback[data-caught]', { timeout: 90_000 });
    await page.click('#drill-next');
    await page.waitForSelector('#drill-feedback[data-caught]', { timeout: 30_000 });
    await page.click('#drill-end');
    await shot(page, '#practice-drill-part', 'practice-drill.png');
    await page.click('#train-model');
    await page.waitForSelector('#model-status[data-state]', { timeout: 60_000 });
    await page.waitForSelector('#flash-feed li.flash.complete[data-personal]', { timeout: 30_000 });
    await shot(page, '#flash-feed', 'practice-model-label.png');
    await shot(page, '#practice-model-part', 'practice-model.png');
    await shot(page, '#practice-progress-part', 'practice-progress.png');
    // Recognition: the answers and the verdict only (the clip above them is the learner's face).
    await page.waitForSelector('#recognise-start:not([disabled])', { timeout: 30_000 });
    await page.click('#recognise-start');
    await page.waitForSelector('#recognise-answers:not([hidden])', { timeout: 20_000 });
    await page.click('#recognise-answers button[data-kind="happiness"]');
    await page.evaluate(() => {
      (document.querySelector('#recognise-answers') as HTMLElement).hidden = false;
    });
    await shot(page, '#recognise-answer-part', 'practice-recognise.png');
  } finally {
    await browser.close();
    await server.close();
  }
}

async function shot(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).screenshot({ path: join(OUT, name) });
  console.log(`wrote ${name}`);
}

await main();
