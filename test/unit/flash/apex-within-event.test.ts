import { describe, expect, it } from 'vitest';
import { createAuEstimator } from '../../../src/shared/au/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf, type FlashEvent } from '../../../src/shared/flash/index.ts';
import { auInputOf, loadRecording } from '../../../scripts/lib/recordings.ts';

describe('event times', () => {
  it.each(['contempt', 'smile', 'ex_surp1', 'WolfgangLanger_Pexels'])('every completed event on %s has onset <= apex <= offset', (stem) => {
    const rec = loadRecording(stem);
    const au = createAuEstimator();
    const engine = createFlashEngine(defaultRules());
    const done: FlashEvent[] = [];
    let last = 0;
    for (const f of rec.frames) {
      const out = au.step(auInputOf(f, rec));
      done.push(...engine.step(flashFrameOf(f.timestampMs, f.landmarks !== null, out)).filter((e) => e.status === 'complete'));
      last = f.timestampMs;
    }
    done.push(...engine.flush(last));
    expect(done.length).toBeGreaterThan(0);
    for (const e of done) {
      expect(e.apexMs, `${e.kind} at ${e.onsetMs}`).toBeGreaterThanOrEqual(e.onsetMs);
      expect(e.apexMs, `${e.kind} at ${e.onsetMs}`).toBeLessThanOrEqual(e.offsetMs);
    }
  });
});
