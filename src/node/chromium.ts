/**
 * Finds and launches the system Chromium (or Chrome) for batch analysis and end-to-end tests.
 * Order: $MICROFLASH_CHROMIUM, then well-known names on PATH.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ENV = 'MICROFLASH_CHROMIUM';
/** Extra Chromium flags, space-separated (e.g. a GPU server's GL backend, docs/research-mode.md). */
export const CHROMIUM_ARGS_ENV = 'MICROFLASH_CHROMIUM_ARGS';
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export const NO_CHROMIUM_MESSAGE = `No Chromium or Chrome found. Install one (Debian/Ubuntu: \`sudo apt-get install -y chromium\`) or set ${CHROMIUM_ENV}=/path/to/chrome.`;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | null {
  const fromEnv = process.env[CHROMIUM_ENV];
  if (fromEnv) return executable(fromEnv) ? fromEnv : null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const p = join(dir, name);
      if (executable(p)) return p;
    }
  }
  return null;
}

/** Flags for a quiet, local-only headless Chromium (no background traffic to anyone). */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--mute-audio',
  '--autoplay-policy=no-user-gesture-required',
];

/** Flags that make getUserMedia return a video file as the camera (always granted). */
export function fakeCameraFlags(y4mPath: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4mPath}`];
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The flags in $MICROFLASH_CHROMIUM_ARGS (whitespace-separated; empty or unset: none). */
export function envChromiumArgs(value: string | undefined = process.env[CHROMIUM_ARGS_ENV]): string[] {
  return (value ?? '').split(/\s+/).filter((a) => a.length > 0);
}

/** A fresh profile each time (nothing stored between runs). */
export async function launchChromium(options: { extraArgs?: string[]; headless?: boolean } = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_MESSAGE);
  const profile = mkdtempSync(join(tmpdir(), 'microflash-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    args: [...BASE_FLAGS, ...(options.extraArgs ?? []), ...envChromiumArgs()],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
