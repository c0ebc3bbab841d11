/**
 * Finds and launches Chromium (or Chrome) for batch analysis, the tests, the benchmark and the
 * eval. Order: --chromium / $MICROFLASH_CHROMIUM (a path, or `bundled`), then a system Chrome or
 * Chromium on PATH, then the one bundled in node_modules (bundled-chromium.ts).
 */
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { bundledChromium, hasBundledChromium } from './bundled-chromium.ts';
import { processAlive } from './process-alive.ts';

export const CHROMIUM_ENV = 'MICROFLASH_CHROMIUM';
/** The value of $MICROFLASH_CHROMIUM (or --chromium) that asks for the bundled browser. */
export const BUNDLED = 'bundled';
/** Extra Chromium flags, space-separated (e.g. a GPU server's GL backend, docs/research-mode.md). */
export const CHROMIUM_ARGS_ENV = 'MICROFLASH_CHROMIUM_ARGS';
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export const NO_CHROMIUM_MESSAGE = `No Chromium or Chrome found, and no bundled one (it comes with \`npm install\` on Linux x64 and arm64). Install Chrome or Chromium (Debian/Ubuntu: \`sudo apt-get install -y chromium\`) or set ${CHROMIUM_ENV}=/path/to/chrome.`;

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the browser came from: named by the user, found on PATH, or bundled with the package. */
export type ChromiumSource = 'given' | 'system' | 'bundled';

export interface ChromiumChoice {
  executablePath: string;
  source: ChromiumSource;
  /** Extra environment for the browser process. */
  env: Record<string, string>;
}

function systemChromium(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const p = join(dir, name);
      if (executable(p)) return p;
    }
  }
  return null;
}

/**
 * Whether some browser can be had, without unpacking anything: a usable given path, a system
 * one, or the bundled package.
 */
export function chromiumAvailable(): boolean {
  const given = process.env[CHROMIUM_ENV];
  if (given === BUNDLED) return hasBundledChromium();
  if (given) return executable(given);
  return systemChromium() !== null || hasBundledChromium();
}

/** The browser to run, in the order above (unpacking the bundled one on first use); null: none. */
export async function chooseChromium(): Promise<ChromiumChoice | null> {
  const given = process.env[CHROMIUM_ENV];
  if (given && given !== BUNDLED) return executable(given) ? { executablePath: given, source: 'given', env: {} } : null;
  const system = given === BUNDLED ? null : systemChromium();
  if (system) return { executablePath: system, source: 'system', env: {} };
  const bundled = await bundledChromium();
  return bundled ? { executablePath: bundled.executablePath, source: 'bundled', env: bundled.env } : null;
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

/** Which browser ran, for the analysis JSON's provenance and the closing table. */
export interface BrowserInfo {
  /** Chromium's version, e.g. "156.0.7683.0". */
  version: string;
  source: ChromiumSource;
  executablePath: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  info: BrowserInfo;
  close(): Promise<void>;
}

/** The flags in $MICROFLASH_CHROMIUM_ARGS (whitespace-separated; empty or unset: none). */
export function envChromiumArgs(value: string | undefined = process.env[CHROMIUM_ARGS_ENV]): string[] {
  return (value ?? '').split(/\s+/).filter((a) => a.length > 0);
}

/** Profile folders are `<prefix><pid>-<random>`: the pid says whose they are. */
const PROFILE_PREFIX = 'microflash-profile-';
/** Profiles of browsers this process has open, removed when it exits however it exits (bar kill -9). */
const liveProfiles = new Set<string>();
let exitHookInstalled = false;

function removeProfile(profile: string): void {
  liveProfiles.delete(profile);
  rmSync(profile, { recursive: true, force: true });
}

/** Removes the profiles of earlier runs whose process is gone (killed with -9, or a crash of Node). */
export function sweepStaleProfiles(dir: string = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = name.startsWith(PROFILE_PREFIX) ? /^(\d+)-/.exec(name.slice(PROFILE_PREFIX.length)) : null;
    if (!m || Number(m[1]) === process.pid || processAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/**
 * The part of a Playwright or browser error a person can use: its first line, without the
 * browser's log that Playwright appends (dozens of lines of launch flags and stderr).
 */
export function conciseBrowserError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const first = raw.split(/\r?\n/, 1)[0]!.trim();
  return first.length > 300 ? `${first.slice(0, 297)}...` : first;
}

/** Playwright's words for a page or browser that went away under it (killed, crashed, out of memory). */
export function isBrowserGone(error: unknown): boolean {
  const raw = error instanceof Error ? error.message : String(error);
  return /Target page, context or browser has been closed|Browser has been closed|Target closed|browser has disconnected|Page crashed/i.test(
    raw,
  );
}

/**
 * A fresh profile each time (nothing stored between runs), in the temp folder, removed on close,
 * on a failed launch and when this process exits.
 */
export async function launchChromium(options: { extraArgs?: string[]; headless?: boolean } = {}): Promise<LaunchedBrowser> {
  const choice = await chooseChromium();
  if (!choice) throw new Error(NO_CHROMIUM_MESSAGE);
  const { executablePath } = choice;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    sweepStaleProfiles();
    process.on('exit', () => {
      for (const profile of [...liveProfiles]) removeProfile(profile);
    });
  }
  const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  liveProfiles.add(profile);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: options.headless ?? true,
      // A fixed page language: from LANG=C.UTF-8 Chromium derives "en-US@posix", which Intl rejects.
      locale: 'en-US',
      args: [...BASE_FLAGS, ...(options.extraArgs ?? []), ...envChromiumArgs()],
      env: { ...process.env, ...choice.env },
    });
  } catch (err) {
    removeProfile(profile);
    throw new Error(`Chromium (${executablePath}) did not start: ${conciseBrowserError(err)}`);
  }
  return {
    context,
    info: { version: context.browser()?.version() ?? 'unknown', source: choice.source, executablePath },
    async close() {
      await context.close().catch(() => {});
      removeProfile(profile);
    },
  };
}
