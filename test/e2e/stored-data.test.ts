/**
 * Stored data that cannot be used does not stop the app: garbage records, a neutral saved by an
 * earlier version, a database made by a newer version, and a full disk, in headless Chromium with
 * a real IndexedDB (seeded through the page) and a real face video as the camera.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { y4mFor } from '../../scripts/lib/media.ts';
import { DB_VERSION } from '../../src/app/storage/db.ts';
import { openPage, type HarnessPage } from './support/harness-page.ts';

let h: HarnessPage | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const camera = () => y4mFor('WDA_KatieHill_000.mp4', 30, 8);

/** Writes raw records into the app's database (created by the page at its first load). */
async function seed(page: HarnessPage['page'], records: { store: string; value: unknown }[]): Promise<void> {
  await page.evaluate(
    (rs) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('microflash');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['baselines', 'sessions'], 'readwrite');
          for (const r of rs) tx.objectStore(r.store).put(r.value);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

/** Replaces the app's database with one of another version: its stores, then its records. */
async function replaceDb(
  page: HarnessPage['page'],
  plan: {
    version: number;
    stores: { name: string; keyPath?: string; index?: [string, string] }[];
    records: { store: string; value: unknown }[];
  },
): Promise<void> {
  // The page's own start-up reads first (the data list, practice's tries and model): a read still
  // under way would open the database again, at this version, between the delete and the open.
  await page.waitForFunction(() => /^Kept:/.test(document.querySelector('#practice-data')?.textContent ?? ''));
  await page.evaluate(
    (p) =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase('microflash');
        del.onsuccess = () => {
          const open = indexedDB.open('microflash', p.version);
          open.onupgradeneeded = () => {
            for (const st of p.stores) {
              const store = open.result.createObjectStore(st.name, st.keyPath ? { keyPath: st.keyPath } : {});
              if (st.index) store.createIndex(st.index[0], st.index[1]);
            }
          };
          open.onsuccess = () => {
            const db = open.result;
            if (!p.records.length) {
              db.close();
              resolve();
              return;
            }
            const tx = db.transaction([...new Set(p.records.map((r) => r.store))], 'readwrite');
            for (const r of p.records) tx.objectStore(r.store).put(r.value);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        };
      }),
    plan,
  );
}

const message = (page: HarnessPage['page']) => page.textContent('#message');

describe('stored data the app cannot use', () => {
  it('sets garbage and old records aside, lists them for export and deletion, and still starts the camera', async () => {
    h = await openPage('', { camera: camera() });
    await h.page.waitForSelector('#data');
    await seed(h.page, [
      { store: 'sessions', value: { id: 'junk-1', startedAt: 42, events: 'not a list' } },
      {
        store: 'baselines',
        value: {
          id: 'old-neutral',
          name: 'old',
          createdAt: '2026-11-01T10:00:00.000Z',
          baseline: { version: 1, source: 'calibrated', measureIds: [], measures: [], blendshapes: null, frames: 90 },
        },
      },
    ]);
    await h.page.reload();
    await h.page.click('#data summary');
    await h.page.waitForSelector('#data .item[data-type="unreadable"]');
    expect(await h.page.locator('#data .item[data-type="unreadable"]').count()).toBe(2);
    expect(await message(h.page)).toMatch(/could not be read/);
    // The camera starts: an unusable saved neutral is not a failed model.
    await h.page.click('#start-camera');
    await h.page.waitForFunction(() => document.querySelector('#face-status')?.getAttribute('data-state') === 'face', null, {
      timeout: 60_000,
    });
    expect(await message(h.page)).not.toMatch(/model failed/i);
    // Export gives the raw record; Delete removes it.
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.locator('#data .item[data-type="unreadable"][data-store="sessions"] button', { hasText: 'Export' }).click(),
    ]);
    expect(JSON.parse(readFileSync((await download.path()) as string, 'utf8'))).toEqual({
      id: 'junk-1',
      startedAt: 42,
      events: 'not a list',
    });
    await h.page.locator('#data .item[data-type="unreadable"][data-store="sessions"] button', { hasText: 'Delete' }).click();
    await h.page.waitForFunction(() => document.querySelectorAll('#data .item[data-type="unreadable"]').length === 1);
  });

  it('a database of the first version (sessions without frames or markers) is upgraded in place and its session still reviews and exports', async () => {
    h = await openPage('', { camera: camera() });
    await replaceDb(h.page, {
      version: 1,
      stores: [
        { name: 'baselines', keyPath: 'id' },
        { name: 'sessions', keyPath: 'id', index: ['byStart', 'startedAt'] },
      ],
      records: [
        {
          store: 'sessions',
          value: {
            id: 'v1',
            startedAt: '2026-11-30T10:00:00.000Z',
            endedAt: '2026-11-30T10:05:00.000Z',
            source: 'camera',
            events: [],
            baseline: null,
            consent: null,
          },
        },
      ],
    });
    await h.page.reload();
    await h.page.click('#data summary');
    const item = h.page.locator('#data .item[data-type="session"][data-id="v1"]');
    await item.waitFor();
    const version = await h.page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'microflash')?.version);
    expect(version).toBe(DB_VERSION);
    const [download] = await Promise.all([h.page.waitForEvent('download'), item.locator('button[data-export="frames"]').click()]);
    expect(
      readFileSync((await download.path()) as string, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1); // the header: no frames were kept then
    await item.locator('button[data-review]').click();
    await h.page.waitForSelector('#review:not([hidden]) .u-over');
  });

  it('a database made by a newer version is reported, and "Delete all stored data" deletes it', async () => {
    h = await openPage('', { camera: camera() });
    await replaceDb(h.page, { version: 7, stores: [{ name: 'future' }], records: [] });
    await h.page.reload();
    await h.page.waitForFunction(() => /newer version/.test(document.querySelector('#message')?.textContent ?? ''));
    await h.page.click('#data summary');
    await h.page.click('#delete-all');
    await h.page.waitForFunction(() => /deleted/.test(document.querySelector('#message')?.textContent ?? ''));
    const version = await h.page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'microflash')?.version ?? null);
    expect(version === null || version === DB_VERSION).toBe(true);
  });

  it('a full disk says the newest flashes are not stored, and offers the session still in memory', async () => {
    h = await openPage('', { camera: camera() });
    const cdp = await h.page.context().newCDPSession(h.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: h.server.url, quotaSize: 1 });
    await h.page.click('#record');
    await h.page.click('#start-camera');
    await h.page.waitForSelector('#message[data-kind="error"]', { timeout: 60_000 });
    expect(await message(h.page)).toMatch(/storage .* is full.*not stored/i);
    const [download] = await Promise.all([
      h.page.waitForEvent('download'),
      h.page.locator('#message button', { hasText: 'Export this session' }).click(),
    ]);
    const session = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
    expect(session.source).toBe('camera');
    expect(Array.isArray(session.events)).toBe(true);
  });
});
