/**
 * Opens the built app's harness page in headless Chromium (optionally with a video file as the
 * camera), served on 127.0.0.1, and watches it: page errors and any request to another origin.
 */
import type { Page } from 'playwright-core';
import type {} from '../../../src/shared/harness-api.ts';
import type { DelegateChoice } from '../../../src/shared/protocol.ts';
import { watchPage, type PageFaults } from '../../../src/node/analysis-runner.ts';
import { fakeCameraFlags, launchChromium } from '../../../src/node/chromium.ts';
import { DIST_DIR } from '../../../src/node/paths.ts';
import { startStaticServer, type StaticServer } from '../../../src/node/static-server.ts';

export interface HarnessPage {
  page: Page;
  server: StaticServer;
  faults: PageFaults;
  close(): Promise<void>;
}

export async function openPage(
  path: string,
  options: { camera?: string; delegate?: DelegateChoice; denyCamera?: boolean } = {},
): Promise<HarnessPage> {
  const server = await startStaticServer(DIST_DIR);
  let args = options.camera ? fakeCameraFlags(options.camera) : [];
  // Without the auto-accepting fake prompt, and with prompts denied, getUserMedia is refused.
  if (options.denyCamera) args = [...args.filter((a) => a !== '--use-fake-ui-for-media-stream'), '--deny-permission-prompts'];
  const browser = await launchChromium({ extraArgs: args });
  const page = await browser.context.newPage();
  const faults = watchPage(page, server.url);
  await page.goto(`${server.url}/${path}`);
  return {
    page,
    server,
    faults,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function openHarness(options: { camera?: string; delegate?: DelegateChoice } = {}): Promise<HarnessPage> {
  const h = await openPage('harness.html', options);
  await h.page.waitForFunction(() => document.body.dataset.ready === 'true');
  await h.page.evaluate((delegate) => window.microflash.init({ delegate }), options.delegate ?? 'auto');
  return h;
}
