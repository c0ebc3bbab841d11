/**
 * Analysing another person: sharing a window starts with the disclosure and a consent step; nothing
 * is captured before it, nothing at all when it is cancelled, and the consent, with its time, goes
 * with the kept session and its export. The shared window is the fake camera here (getDisplayMedia
 * answered with it), so the rest of the path is the real one.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { y4mFor } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage('', { camera: y4mFor('WDA_KatieHill_000.mp4', 30, 8) });
  await h.page.evaluate(() => {
    const w = window as unknown as { displayRequests: number };
    w.displayRequests = 0;
    navigator.mediaDevices.getDisplayMedia = () => {
      w.displayRequests++;
      return navigator.mediaDevices.getUserMedia({ video: true });
    };
  });
});
afterAll(async () => h?.close());

const displayRequests = () => h.page.evaluate(() => (window as unknown as { displayRequests: number }).displayRequests);
const consentOpen = () => h.page.evaluate(() => (document.querySelector('#consent') as HTMLDialogElement).open);

describe('consent before analysing another person', () => {
  it('sharing a window first says what will happen and asks; cancelling shares and analyses nothing', async () => {
    await h.page.click('#start-share');
    await h.page.waitForSelector('#consent[open]');
    expect(await h.page.textContent('#consent')).toMatch(/Nothing is sent anywhere/);
    expect(await displayRequests()).toBe(0);
    await h.page.click('#consent-cancel');
    expect(await consentOpen()).toBe(false);
    expect(await displayRequests()).toBe(0);
    expect(await h.page.textContent('#message')).toMatch(/without the consent of the person/);
    expect(await h.page.isDisabled('#stop')).toBe(true);
  });

  it('with consent the window is analysed, and the kept session and its export carry the consent and its time', async () => {
    const before = Date.now();
    await h.page.click('#record');
    await h.page.click('#start-share');
    await h.page.click('#consent-agree');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    expect(await displayRequests()).toBe(1);
    await h.page.click('#stop');
    await h.page.click('#data summary');
    const item = h.page.locator('#data .item[data-type="session"]');
    await item.waitFor();
    expect(await item.textContent()).toMatch(/shared window .* consent given/);
    const [download] = await Promise.all([h.page.waitForEvent('download'), item.locator('button[data-export="json"]').click()]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported.source).toBe('shared window');
    expect(exported.consent.disclosure).toMatch(/Go on only if that person has agreed/);
    const givenAt = Date.parse(exported.consent.givenAt);
    expect(givenAt).toBeGreaterThanOrEqual(before - 1000);
    expect(givenAt).toBeLessThanOrEqual(Date.parse(exported.startedAt));
  });

  it('one’s own camera needs no consent step', async () => {
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    expect(await consentOpen()).toBe(false);
    await h.page.click('#stop');
  });
});
