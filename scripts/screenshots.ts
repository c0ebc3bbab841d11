/**
 * `npm run screenshots`: the views a clinician uses during and after a session, captured from the
 * built app in headless Chromium on a fake camera, into docs/screenshots/. Only parts of the page
 * with no face in them are captured (the discreet view, the flash list with markers, the kept
 * session under "Your data", its report, its review with the list of its clips, a file's review
 * timeline), so no face image ends up in docs/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { fakeCameraFlags, launchChromium } from '../src/node/chromium.ts';
import { ensureBuilt } from '../src/node/ensure-build.ts';
import { DIST_DIR, PROJECT_ROOT } from '../src/node/paths.ts';
import { startStaticServer } from '../src/node/static-server.ts';
import { FIXTURES, y4mFromStills } from './lib/media.ts';

const OUT = resolve(PROJECT_ROOT, 'docs', 'screenshots');
const LONDON = join(FIXTURES, 'people', 'london');

async function main(): Promise<void> {
  await ensureBuilt();
  mkdirSync(OUT, { recursive: true });
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

async function shot(page: Page, selector: string, name: string): Promise<void> {
  await page.locator(selector).screenshot({ path: join(OUT, name) });
  console.log(`wrote ${name}`);
}

await main();
