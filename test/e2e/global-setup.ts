/** Before the browser tests: the tools they need, and a build of the app to serve. */
import { execFileSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM_MESSAGE } from '../../src/node/chromium.ts';
import { ensureBuilt } from '../../src/node/ensure-build.ts';

export default async function setup(): Promise<void> {
  if (!findChromium()) throw new Error(NO_CHROMIUM_MESSAGE);
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  } catch {
    throw new Error('ffmpeg not found; the tests make their media with it. Install it: `sudo apt-get install -y ffmpeg`.');
  }
  await ensureBuilt();
}
