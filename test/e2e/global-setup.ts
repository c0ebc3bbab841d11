/** Before the browser tests: the tools they need, and a build of the app to serve. */
import { chooseChromium, NO_CHROMIUM_MESSAGE } from '../../src/node/chromium.ts';
import { ensureBuilt } from '../../src/node/ensure-build.ts';
import { mediaToolPath, missingToolMessage } from '../../scripts/lib/media-tools.ts';

export default async function setup(): Promise<void> {
  // Unpacks the bundled browser now (once) where there is no system one, not inside a test's time.
  const browser = await chooseChromium();
  if (!browser) throw new Error(NO_CHROMIUM_MESSAGE);
  for (const tool of ['ffmpeg', 'ffprobe'] as const) if (!mediaToolPath(tool)) throw new Error(missingToolMessage(tool));
  console.log(`e2e: browser ${browser.source} ${browser.executablePath}; ffmpeg ${mediaToolPath('ffmpeg')}`);
  await ensureBuilt();
}
