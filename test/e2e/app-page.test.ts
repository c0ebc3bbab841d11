/**
 * The app as a user meets it: index.html in headless Chromium with a real face video as the camera.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { fixtureVideo, frameCount, y4mFor } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.ts';

let h: HarnessPage;
beforeAll(async () => {
  h = await openPage('', { camera: y4mFor('WDA_KatieHill_000.mp4', 30, 8) });
});
afterAll(async () => h?.close());

describe('the live page', () => {
  it('is served with a Content-Security-Policy that keeps every connection on this origin', async () => {
    const res = await fetch(`${h.server.url}/`);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    // A request to another origin from the page is refused by the browser.
    const blocked = await h.page.evaluate(() =>
      fetch('https://example.com/').then(
        () => 'sent',
        () => 'blocked',
      ),
    );
    expect(blocked).toBe('blocked');
  });

  it('tracks the face from the camera, shows fps, latency and the delegate', async () => {
    // A first-time user is told where to look, what calibrating does and what a flash is; the AU bars are empty.
    expect(await h.page.textContent('#first-run')).toMatch(/Use camera.*Calibrate neutral.*flash is a brief expression/s);
    expect(new Set(await h.page.locator('#au-bars .value').allTextContents())).toEqual(new Set(['–']));
    expect(await h.page.getAttribute('#au-bars .au:first-child', 'title')).toBe('Inner brow raiser');
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    expect(await h.page.isHidden('#first-run')).toBe(true);
    await h.page.waitForTimeout(3000);
    const fps = await h.page.textContent('#fps');
    expect(Number.parseFloat(fps ?? '0')).toBeGreaterThan(0);
    expect(await h.page.textContent('#latency')).toMatch(/latency \d+/);
    expect(await h.page.textContent('#delegate')).toMatch(/Model on (CPU|GPU)/);
    expect(await h.page.getAttribute('#delegate', 'title')).toMatch(/ms\/frame/);
  });

  it('says when fewer frames are analysed than the camera sends, and what that means', async () => {
    const seen = await h.page.evaluate(() => {
      const video = document.querySelector('#video') as HTMLVideoElement;
      const track = (video.srcObject as MediaStream).getVideoTracks()[0]!;
      const note = document.querySelector('#frame-rate-note') as HTMLElement;
      return {
        sourceFps: track.getSettings().frameRate ?? null,
        analysedFps: Number.parseFloat(document.querySelector('#fps')?.textContent ?? 'NaN'),
        shown: !note.hidden,
        text: note.textContent ?? '',
      };
    });
    console.log(`frame-rate note: source ${seen.sourceFps} fps, analysed ${seen.analysedFps} fps, shown ${seen.shown}`);
    expect(seen.sourceFps).toBeGreaterThan(0);
    // The note and the counter come from the same refresh; the fps shown is rounded.
    const behind = seen.analysedFps < seen.sourceFps! - 1;
    expect(seen.shown).toBe(behind);
    if (behind) {
      expect(seen.text).toMatch(
        new RegExp(`^Analysing ${seen.analysedFps} of ${Math.round(seen.sourceFps!)} frames a second: flashes of 2 frames`),
      );
      expect(seen.text).toMatch(/analyse the file instead/);
    }
  });

  it('says when the person is talking (their flashes must then stand out from how they talk)', async () => {
    // The camera is a politician's weekly address: talking throughout.
    await h.page.waitForFunction(() => document.querySelector('#speech')?.getAttribute('data-state') === 'talking', null, {
      timeout: 20_000,
    });
    expect(await h.page.textContent('#speech')).toMatch(/Talking/);
  });

  it('draws the landmark overlay, and hides it on request', async () => {
    const inked = () =>
      h.page.evaluate(() => {
        const c = document.querySelector('#overlay') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
    expect(await inked()).toBeGreaterThan(100);
    await h.page.click('#show-landmarks');
    await h.page.waitForTimeout(300);
    expect(await inked()).toBe(0);
    await h.page.click('#show-landmarks');
  });

  it('keeps a session only when asked, and exports and deletes it', async () => {
    const sessions = () => h.page.locator('#data .item[data-type="session"]').count();
    await h.page.click('#data summary');
    expect(await sessions()).toBe(0);
    await h.page.click('#record');
    await h.page.waitForTimeout(1500);
    await h.page.click('#stop');
    await h.page.waitForTimeout(500);
    expect(await sessions()).toBe(1);
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.locator('#data .item[data-type="session"] button[data-export="json"]').click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(exported.source).toBe('camera');
    expect(Array.isArray(exported.events)).toBe(true);
    expect(exported.baseline).not.toBeNull(); // the neutral the events were measured against
    expect(exported.consent).toBeNull(); // one's own camera: no consent step
    await h.page.click('#delete-all');
    await h.page.waitForTimeout(500);
    expect(await sessions()).toBe(0);
  });

  it('analyses a video file in the page and offers the four result files', async () => {
    const video = fixtureVideo('single_face.mp4');
    await h.page.setInputFiles('#file-input', video);
    await h.page.waitForSelector('#downloads:not([hidden]) button', { timeout: 120_000 });
    const names = await h.page.locator('#downloads button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.file));
    expect(names.sort()).toEqual(['single_face.events.csv', 'single_face.frames.csv', 'single_face.json', 'single_face.vtt']);
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.locator('#downloads button[data-file="single_face.frames.csv"]').click(),
    ]);
    const csv = Papa.parse<Record<string, string>>(readFileSync((await download.path()) as string, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.errors).toEqual([]);
    expect(csv.data).toHaveLength(frameCount(video));
  });

  it('says clearly when a file cannot be decoded', async () => {
    await h.page.setInputFiles('#file-input', fixtureVideo('face_noface.mov')); // HEVC
    await h.page.waitForSelector('#message[data-kind="error"]', { timeout: 60_000 });
    expect(await h.page.textContent('#message')).toMatch(/cannot decode hevc.*ffmpeg/i);
  });

  it('a camera that goes away mid-session says so, offers to reconnect and keeps the recorded session', async () => {
    const sessions = () => h.page.locator('#data .item[data-type="session"]').count();
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    await h.page.check('#record');
    await h.page.waitForTimeout(1500);
    // What the browser does when the camera is unplugged: the track ends by itself.
    await h.page.evaluate(() => {
      const stream = (document.querySelector('#video') as HTMLVideoElement).srcObject as MediaStream;
      stream.getVideoTracks()[0]!.dispatchEvent(new Event('ended'));
    });
    await h.page.waitForSelector('#message[data-kind="error"]', { timeout: 10_000 });
    expect(await h.page.textContent('#message')).toMatch(/camera stopped.*flashes so far are kept/i);
    expect(await h.page.locator('#message button', { hasText: 'Reconnect camera' }).count()).toBe(1);
    await h.page.waitForTimeout(500);
    expect(await sessions()).toBe(1);
    await h.page.uncheck('#record');
    await h.page.click('#delete-all');
  });

  it('sent nothing to another origin and raised no page error', () => {
    expect(h.faults.foreignRequests).toEqual([]);
    // The one refusal expected is the test's own request to example.com above.
    expect(h.faults.errors.filter((e) => !e.includes('https://example.com/'))).toEqual([]);
  });
});

describe('camera denied', () => {
  it('tells the user how to allow the camera', async () => {
    const denied = await openPage('', { camera: y4mFor('WDA_KatieHill_000.mp4', 30, 8), denyCamera: true });
    try {
      await denied.page.click('#start-camera');
      await denied.page.waitForSelector('#message[data-kind="error"]', { timeout: 30_000 });
      expect(await denied.page.textContent('#message')).toMatch(/denied.*Allow the camera/i);
    } finally {
      await denied.close();
    }
  });
});
