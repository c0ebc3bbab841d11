/**
 * The review timeline at the size of a 30-minute session at 30 fps (54,000 frames, every AU curve
 * drawn, a flash band every 6 s, a marker every 90 s): the first draw, then pans and zooms, in
 * headless Chromium (software rendering here; a real GPU is faster).
 */
import { withHarness } from './with-harness.ts';

const FRAMES = 54_000;
const STEPS = 40;

await withHarness(async (page) => {
  const r = await page.evaluate(([frames, steps]) => window.microflash.timelineBench(frames, steps), [FRAMES, STEPS] as const);
  console.log(
    `timeline, ${FRAMES} frames, 20 AU series (6 shown): first draw ${r.drawMs.toFixed(0)} ms; pan/zoom to the next painted frame median ${r.panMedianMs.toFixed(1)} ms, max ${r.panMaxMs.toFixed(1)} ms (${STEPS} steps)`,
  );
});
