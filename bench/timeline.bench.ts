/**
 * The review timeline at the size of a 30-minute session at 30 fps (54,000 frames, every AU curve
 * drawn, a flash band every 6 s, a marker every 90 s): the first draw, then pans and zooms, in
 * headless Chromium (software rendering here; a real GPU is faster).
 */
import type {} from '../src/shared/harness-api.ts';
import { launchChromium } from '../src/node/chromium.ts';
import { ensureBuilt } from '../src/node/ensure-build.ts';
import { DIST_DIR } from '../src/node/paths.ts';
import { startStaticServer } from '../src/node/static-server.ts';

const FRAMES = 54_000;
const STEPS = 40;

await ensureBuilt();
const server = await startStaticServer(DIST_DIR);
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/harness.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const r = await page.evaluate(([frames, steps]) => window.microflash.timelineBench(frames, steps), [FRAMES, STEPS] as const);
  console.log(
    `timeline, ${FRAMES} frames, 20 AU series (6 shown): first draw ${r.drawMs.toFixed(0)} ms; pan/zoom to the next painted frame median ${r.panMedianMs.toFixed(1)} ms, max ${r.panMaxMs.toFixed(1)} ms (${STEPS} steps)`,
  );
} finally {
  await browser.close();
  await server.close();
}
