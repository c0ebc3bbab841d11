/**
 * Opens the built app's harness page in headless Chromium (optionally with a video file as the
 * camera), served on 127.0.0.1, and watches it: page errors and any request to another origin.
 */
import type { Page } from 'playwright-core';
import type {} from '../../../src/shared/harness-api.ts';
import type { DelegateChoice } from '../../../src/shared/contract/index.ts';
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
  // No auto-accepting fake prompt where the camera is to be refused.
  if (options.denyCamera) args = args.filter((a) => a !== '--use-fake-ui-for-media-stream');
  const browser = await launchChromium({ extraArgs: args });
  const page = await browser.context.newPage();
  if (options.denyCamera) {
    // What a user's "Block" leaves behind: the camera permission denied for this origin.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Browser.setPermission', { permission: { name: 'camera' }, setting: 'denied', origin: server.url });
    await cdp.detach();
    // The bundled headless shell has no permission prompt and answers every unprompted camera
    // request "not supported", whatever the permission: there, the page gets the answer Chromium
    // gives a denied request.
    if (browser.info.source === 'bundled') {
      await page.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
    }
  }
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
