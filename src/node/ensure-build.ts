/** Builds the app (dist/) when it is missing, so the command line works right after install. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, PROJECT_ROOT } from './paths.ts';

export async function ensureBuilt(): Promise<void> {
  if (existsSync(join(DIST_DIR, 'harness.html')) && existsSync(join(DIST_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
}
