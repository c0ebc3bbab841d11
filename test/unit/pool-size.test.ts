/** How many landmarkers share a file's frames: one per core on the CPU, up to the cap; none on the GPU; as asked. */
import { describe, expect, it } from 'vitest';
import { poolSize } from '../../workers/landmarker/pool-size.ts';
import { WORKER_DEFAULTS } from '../../workers/landmarker/defaults.ts';

describe('pool size', () => {
  it('is one landmarker per core on the CPU, capped, and none on one core or on the GPU', () => {
    expect(poolSize('CPU', 2)).toBe(2);
    expect(poolSize('CPU', 16)).toBe(WORKER_DEFAULTS.maxPool);
    expect(poolSize('CPU', 1)).toBe(0);
    expect(poolSize('GPU', 16)).toBe(0);
  });

  it('shares the cores among the pages analysing at once', () => {
    expect(poolSize('CPU', 16, undefined, 4)).toBe(4);
    expect(poolSize('CPU', 16, undefined, 8)).toBe(2);
    expect(poolSize('CPU', 2, undefined, 2)).toBe(0);
  });

  it('is what is asked, within 0 and the cap', () => {
    expect(poolSize('GPU', 16, 2)).toBe(2);
    expect(poolSize('CPU', 16, 0)).toBe(0);
    expect(poolSize('CPU', 2, 99)).toBe(WORKER_DEFAULTS.maxPool);
    expect(poolSize('CPU', 2, -3)).toBe(0);
  });
});
