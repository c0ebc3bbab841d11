/**
 * A kept camera session, as a user keeps one: markers added with the M key (one with a note), an
 * expression still held when Stop is pressed, then the session's exports. The camera is a real
 * person's neutral photo, then their smile held (Face Research Lab London Set, CC BY 4.0).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, y4mFromStills } from '../../scripts/lib/media.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

const LONDON = join(FIXTURES, 'people', 'london');
const NEUTRAL_S = 3;
const SMILE_S = 12;

let h: HarnessPage;
beforeAll(async () => {
  const camera = y4mFromStills(
    [
      { path: join(LONDON, '001_neutral.jpg'), seconds: NEUTRAL_S },
      { path: join(LONDON, '001_smile.jpg'), seconds: SMILE_S },
    ],
    30,
    'london-001-neutral-then-smile',
  );
  h = await openPage('', { camera });
});
afterAll(async () => h?.close());

const parse = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

async function exported(kind: 'json' | 'frames' | 'events' | 'markers' | 'vtt' | 'report'): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    h.page.waitForEvent('download'),
    h.page.locator(`#data .item[data-type="session"] button[data-export="${kind}"]`).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path()) as string, 'utf8') };
}

describe('a kept live session', () => {
  it('keeps markers and the expression open at Stop, and exports them in seconds from the start', async () => {
    const before = Date.now();
    await h.page.click('#record');
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    // A marker without a note (Escape), then one with a note (Enter).
    await h.page.keyboard.press('m');
    await h.page.waitForSelector('#marker-note:not([hidden])');
    await h.page.keyboard.press('Escape');
    expect(await h.page.isHidden('#marker-note')).toBe(true);
    await h.page.waitForTimeout(300);
    await h.page.keyboard.press('m');
    await h.page.keyboard.type('looked away');
    await h.page.keyboard.press('Enter');
    expect(await h.page.isHidden('#marker-note')).toBe(true);
    expect(await h.page.locator('#flash-feed li.marker').count()).toBe(2);
    expect(await h.page.textContent('#flash-feed li.marker')).toMatch(/looked away/);

    // The smile starts; Stop while it is still held.
    await h.page.waitForSelector('#flash-feed li.flash[data-status="onset"]', { timeout: 60_000 });
    await h.page.click('#stop');
    await h.page.waitForFunction(() => !document.querySelector('#flash-feed li.flash[data-status="onset"]'), null, {
      timeout: 5000,
    });

    await h.page.click('#data summary');
    await h.page.locator('#data .item[data-type="session"]').waitFor();
    expect(await h.page.textContent('#data .item[data-type="session"]')).toMatch(/2 markers/);
    // No video of any kind unless clips were asked for.
    expect(await h.page.textContent('#data .item[data-type="session"]')).not.toMatch(/clip/);

    const json = await exported('json');
    expect(json.name).toMatch(/^microflash-session-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    const doc = JSON.parse(json.text);
    expect(doc.format).toBe('microflash-session');
    expect(doc.timeBase).toMatch(/since startedAt/);
    expect(Date.parse(doc.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(doc.endedAt)).toBeGreaterThan(Date.parse(doc.startedAt));
    const atStop = doc.events.filter((e: { endedBy: string }) => e.endedBy === 'flush');
    expect(atStop.length).toBeGreaterThanOrEqual(1);
    // Time 0 is dated so that the session's wall-clock span covers every frame and event in it.
    const sessionS = (Date.parse(doc.endedAt) - Date.parse(doc.startedAt)) / 1000;
    for (const e of doc.events) {
      expect(e.onsetMs).toBeGreaterThanOrEqual(0);
      expect(e.onsetMs / 1000).toBeLessThanOrEqual(sessionS + 0.01);
    }

    const events = parse((await exported('events')).text);
    expect(events.length).toBe(doc.events.length);
    expect(events.some((e) => e.ended_by === 'flush' && e.offset_s !== '')).toBe(true);

    const markers = parse((await exported('markers')).text);
    expect(markers.map((m) => m.note)).toEqual(['', 'looked away']);
    for (const m of markers) {
      expect(Number(m.time_s)).toBeGreaterThanOrEqual(0);
      expect(Number(m.time_s)).toBeLessThan(NEUTRAL_S + SMILE_S);
    }
    const vtt = (await exported('vtt')).text;
    expect(vtt).toMatch(/^WEBVTT/);
    expect(vtt).toContain('Marker: looked away');
    // Every analysed frame is kept: the frames CSV of a file analysis, from time 0, and the review timeline.
    const frames = parse((await exported('frames')).text);
    expect(frames.length).toBeGreaterThan(10);
    expect(Number(frames[0]!.timestamp_s)).toBe(0);
    const lastS = Number(frames[frames.length - 1]!.timestamp_s);
    expect(lastS).toBeLessThanOrEqual(sessionS + 0.01);
    expect(lastS).toBeGreaterThan(sessionS - 2);
    expect(frames.some((f) => f.face === '1' && Number(f.AU12_r) > 1)).toBe(true);
    await h.page.click('#data .item[data-type="session"] button[data-review]');
    await h.page.waitForSelector('#review:not([hidden]) .u-over');
    expect(await h.page.textContent('#review-title')).toMatch(/Session .* camera/);
    await h.page.locator('#timeline .u-over').scrollIntoViewIfNeeded();
    const box = (await h.page.locator('#timeline .u-over').boundingBox())!;
    await h.page.mouse.click(box.x + box.width * 0.9, box.y + box.height / 2);
    await h.page.waitForFunction(() => /^\d\.\d$/.test(document.querySelector('#au-bars .value')?.textContent ?? ''));
    // A marker added while reviewing goes into the kept session.
    await h.page.keyboard.press('m');
    await h.page.keyboard.type('in review');
    await h.page.keyboard.press('Enter');
    await h.page.waitForFunction(() => /3 markers/.test(document.querySelector('#data .item[data-type="session"]')?.textContent ?? ''));
    const reviewed = parse((await exported('markers')).text);
    expect(reviewed.map((m) => m.note)).toContain('in review');
    expect(Number(reviewed.find((m) => m.note === 'in review')!.time_s)).toBeGreaterThan(sessionS * 0.7);
    const report = await exported('report');
    expect(report.name).toMatch(/\.report\.html$/);
    expect(report.text).toContain('Flashes by kind');
    expect(report.text).toContain('looked away');
    expect(report.text).toContain('One’s own camera: no consent step.');
    expect(h.faults.errors).toEqual([]);
    expect(h.faults.foreignRequests).toEqual([]);
  });
});
