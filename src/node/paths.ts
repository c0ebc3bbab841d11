import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file lives in src/node/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = resolve(PROJECT_ROOT, 'dist');
