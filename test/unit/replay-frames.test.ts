/** Frames kept for a replay's landmarks: from just before each flash to just after it, nothing else. */
import { describe, expect, it } from 'vitest';
import type { FlashEvent, FrameResult } from '../../src/shared/contract/index.ts';
import { ReplayFrames } from '../../src/shared/timeline/replay-frames.ts';
import { angerEvent } from './cli/fixtures.ts';

const frame = (i: number, events: FlashEvent[] = []) => ({ timestampMs: (i * 1000) / 30, events }) as unknown as FrameResult;

describe('replay frames', () => {
  it('keep 0.5 s before the onset to 0.5 s after the offset of each completed flash', () => {
    const kept = new ReplayFrames(500, 500);
    // A flash from 2.0 to 2.2 s, reported complete at the frame of 2.3 s.
    const flash = angerEvent({ onsetMs: 2000, apexMs: 2100, offsetMs: 2200 });
    for (let i = 0; i < 150; i++) kept.push(frame(i, i === 69 ? [flash] : []));
    expect(kept.at(1.4)).toBeNull(); // before the lead
    expect(kept.at(1.5)?.timestampMs).toBe(1500);
    expect(kept.at(2.01)?.timestampMs).toBe(2000);
    expect(kept.at(2.7)?.timestampMs).toBeCloseTo(2700, 6); // the tail, kept as it came
    expect(kept.at(2.85)).toBeNull();
    expect(kept.size).toBe(37); // 1.5 s to 2.7 s at 30 fps
  });

  it('an onset event (not complete) keeps nothing', () => {
    const kept = new ReplayFrames(500, 500);
    for (let i = 0; i < 90; i++) kept.push(frame(i, i === 60 ? [angerEvent({ status: 'onset', onsetMs: 1900 })] : []));
    expect(kept.size).toBe(0);
  });
});
