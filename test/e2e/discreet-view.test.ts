/**
 * The discreet view during a live source: one key in and out; no video, diagnostics or controls but
 * Stop and Mark; frames still analysed unseen; flashes listed in the ticker. The camera is a real
 * person's neutral photo, then their smile held (Face Research Lab London Set, CC BY 4.0).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, y4mFromStills } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

const LONDON = join(FIXTURES, 'people', 'london');

let h: HarnessPage;
beforeAll(async () => {
  const camera = y4mFromStills(
    [
      { path: join(LONDON, '001_neutral.jpg'), seconds: 3 },
      { path: join(LONDON, '001_smile.jpg'), seconds: 12 },
    ],
    30,
    'london-001-neutral-then-smile',
  );
  h = await openPage('', { camera });
});
afterAll(async () => h?.close());

const discreet = () => h.page.evaluate(() => document.body.classList.contains('discreet'));
const mainWidth = () => h.page.evaluate(() => document.querySelector('main')!.getBoundingClientRect().width);

describe('the discreet view', () => {
  it('D enters it: only the flashes, Stop and Mark show, while frames are still analysed; D leaves it', async () => {
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    await h.page.keyboard.press('d');
    expect(await discreet()).toBe(true);
    expect(await h.page.isChecked('#discreet')).toBe(true);
    // No video, no action units, no status bar, no source controls.
    expect(await mainWidth()).toBeLessThanOrEqual(1);
    for (const hidden of ['#start-camera', '#start-share', '#open-file', '#delegate-select', 'header']) {
      expect(await h.page.isVisible(hidden), hidden).toBe(false);
    }
    expect(await h.page.isVisible('#ticker-stop')).toBe(true);
    expect(await h.page.isEnabled('#ticker-stop')).toBe(true);
    expect(await h.page.isEnabled('#ticker-mark')).toBe(true);

    // The smile is seen while the video is out of sight; Stop here completes it into the ticker.
    await h.page.waitForSelector('#flash-feed li.flash', { state: 'attached', timeout: 60_000 });
    await h.page.click('#ticker-mark');
    await h.page.keyboard.press('Escape');
    await h.page.click('#ticker-stop');
    await h.page.waitForSelector('#ticker li.tick', { timeout: 5000 });
    const tick = await h.page.locator('#ticker li.tick').first();
    expect(await tick.getAttribute('data-kind')).toBeTruthy();
    expect(await tick.locator('.when').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await h.page.isEnabled('#ticker-stop')).toBe(false);
    expect(await h.page.locator('#flash-feed li.marker').count()).toBe(1);
    // Nothing in the panel animates.
    const animated = await h.page.evaluate(() =>
      [...document.querySelectorAll('#discreet-panel, #discreet-panel *')].some((el) => {
        const s = getComputedStyle(el);
        return s.animationName !== 'none' || (s.transitionDuration !== '0s' && s.transitionProperty !== 'none');
      }),
    );
    expect(animated).toBe(false);

    await h.page.keyboard.press('d');
    expect(await discreet()).toBe(false);
    expect(await h.page.isVisible('#start-camera')).toBe(true);
    expect(await mainWidth()).toBeGreaterThan(100);
    expect(h.faults.errors).toEqual([]);
  });

  it('Float moves the panel into a Document Picture-in-Picture window and back when it closes', async () => {
    const has = await h.page.evaluate(() => 'documentPictureInPicture' in window);
    console.log(`documentPictureInPicture in this browser: ${has}`);
    expect(await h.page.isVisible('#float-ticker')).toBe(false); // only in the discreet view
    await h.page.keyboard.press('d');
    expect(await h.page.isVisible('#float-ticker')).toBe(has);
    if (!has) return;
    await h.page.click('#float-ticker');
    await h.page.waitForFunction(() => !document.querySelector('#discreet-panel'), null, { timeout: 10_000 });
    const inFloat = await h.page.evaluate(
      () =>
        !!(
          window as unknown as { documentPictureInPicture: { window: Window | null } }
        ).documentPictureInPicture.window?.document.querySelector('#discreet-panel #ticker'),
    );
    expect(inFloat).toBe(true);
    await h.page.evaluate(() =>
      (window as unknown as { documentPictureInPicture: { window: Window } }).documentPictureInPicture.window.close(),
    );
    await h.page.waitForSelector('#discreet-panel', { state: 'attached', timeout: 5000 });
    await h.page.keyboard.press('d');
  });
});
