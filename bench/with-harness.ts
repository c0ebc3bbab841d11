/** Runs a benchmark on the built harness page in a fresh headless Chromium, then closes both. */
import type { Page } from 'playwright-core';
import type {} from '../src/shared/harness-api.ts';
import { launchChromium } from '../src/node/chromium.ts';
import { ensureBuilt } from '../src/node/ensure-build.ts';
import { DIST_DIR } from '../src/node/paths.ts';
import { startStaticServer, type StaticServer } from '../src/node/static-server.ts';

export async function withHarness(run: (page: Page, server: StaticServer) => Promise<void>): Promise<void> {
  await ensureBuilt();
  const server = await startStaticServer(DIST_DIR);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await run(page, server);
  } finally {
    await browser.close();
    await server.close();
  }
}
