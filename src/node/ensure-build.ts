/**
 * Builds the app (dist/) when it is missing or older than its sources, so the command line and
 * the tests never run a stale build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, PROJECT_ROOT } from './paths.ts';

/** What the built app is made from. */
const SOURCES = [
  'src/app',
  'src/pipeline',
  'src/shared',
  'workers',
  'index.html',
  'harness.html',
  'vite.config.ts',
  'package.json',
  'models',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsCurrent(): boolean {
  const marker = join(DIST_DIR, 'harness.html');
  if (!existsSync(marker) || !existsSync(join(DIST_DIR, 'index.html'))) return false;
  const built = statSync(marker).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(PROJECT_ROOT, s)) <= built);
}

export async function ensureBuilt(): Promise<void> {
  if (buildIsCurrent()) return;
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
}
