/** How many landmarkers share a file's frames (detect-pool.ts): pure, so the tests run it in Node. */
import type { Delegate } from '../../src/shared/contract/index.ts';
import { WORKER_DEFAULTS } from './defaults.ts';

/**
 * Members for a file on `delegate`: on the CPU one per core (the cores shared among the `pages`
 * analysing at once) up to the cap; none where that leaves fewer than 2 (the landmarking worker's
 * own model is faster than a pool of one: 28.6 against 26.0 fps a page, two pages on 2 cores); on
 * the GPU none (one model already keeps the GPU busy; more share it).
 */
export function poolSize(delegate: Delegate, cores: number, asked?: number, pages = 1): number {
  if (asked !== undefined) return Math.max(0, Math.min(WORKER_DEFAULTS.maxPool, Math.floor(asked)));
  const share = Math.floor(cores / Math.max(1, pages));
  if (delegate !== 'CPU' || share < 2) return 0;
  return Math.min(WORKER_DEFAULTS.maxPool, share);
}
