/** Which frames make a flash's clip: the lead from the ring, the flash, the tail; the longest clip; Stop. */
import { describe, expect, it } from 'vitest';
import { createClipPlanner, type CutClip } from '../../../src/shared/clips/index.ts';
import type { FlashEvent } from '../../../src/shared/contract/index.ts';
import { angerEvent } from '../cli/fixtures.ts';

const FPS = 30;
const at = (i: number) => (i * 1000) / FPS;

/** Feeds frames 0..n-1 (item = frame number), the events of frame i from `events[i]`; returns the clips in the order finished, with the frame each finished on. */
function run(n: number, events: Record<number, FlashEvent[]>, timing = {}) {
  const planner = createClipPlanner<number>(timing);
  const done: { on: number; clip: CutClip<number> }[] = [];
  for (let i = 0; i < n; i++) for (const clip of planner.step({ atMs: at(i), item: i }, events[i] ?? [])) done.push({ on: i, clip });
  return { planner, done };
}

describe('clip planner', () => {
  it('takes 0.5 s before the onset to 0.5 s after the offset, finishing on the first frame past the tail', () => {
    // A flash from 2.0 to 2.2 s: shown at its onset on frame 63 (2.1 s), complete on frame 69 (2.3 s).
    const onset = angerEvent({ status: 'onset', onsetMs: 2000, offsetMs: Number.NaN });
    const complete = angerEvent({ onsetMs: 2000, apexMs: 2100, offsetMs: 2200 });
    const { done } = run(150, { 63: [onset], 69: [complete] });
    expect(done).toHaveLength(1);
    const { on, clip } = done[0]!;
    expect(on).toBe(81); // 2.7 s
    expect(clip.event).toBe(complete);
    expect([clip.startMs, clip.endMs]).toEqual([1500, 2700]);
    expect(clip.shots.map((s) => s.item)).toEqual(Array.from({ length: 37 }, (_, k) => 45 + k)); // 1.5 s .. 2.7 s
  });

  it('opens a flash first seen complete (one frame long, or clips turned on during it) from the ring', () => {
    const { done } = run(120, { 60: [angerEvent({ onsetMs: 1980, offsetMs: 2000 })] });
    expect(done[0]!.clip.shots[0]!.item).toBe(45); // 1.5 s: the ring held the lead
    expect(done[0]!.clip.shots.at(-1)!.item).toBe(75); // 2.5 s
  });

  it('never grows past the longest clip, and keeps the start of a long expression', () => {
    const onset = angerEvent({ status: 'onset', onsetMs: 1000, offsetMs: Number.NaN });
    const complete = angerEvent({ onsetMs: 1000, offsetMs: 9000, durationMs: 8000, micro: false, macro: true });
    const { done, planner } = run(300, { 33: [onset], 272: [complete] }, { maxMs: 3000 });
    expect(done).toHaveLength(1);
    expect(done[0]!.on).toBe(272); // finished as soon as it completes: its end is long past
    const times = done[0]!.clip.shots.map((s) => s.atMs);
    expect(times[0]).toBeCloseTo(500, 6);
    expect(times.at(-1)!).toBeLessThanOrEqual(3500);
    expect(times.length).toBe(91);
    expect(planner.held()).toBeLessThanOrEqual(46); // only the ring (1.5 s) is held after it
  });

  it('keeps two overlapping flashes apart, each with its own frames', () => {
    const a = angerEvent({ id: 1, onsetMs: 1000, offsetMs: 1200 });
    const b = angerEvent({ id: 2, kind: 'disgust', onsetMs: 1100, offsetMs: 1300 });
    const { done } = run(90, { 40: [a], 42: [b] });
    expect(done.map((d) => d.clip.event.kind)).toEqual(['anger', 'disgust']);
    expect(done[0]!.clip.shots[0]!.atMs).toBe(500);
    expect(done[1]!.clip.shots[0]!.atMs).toBe(600);
  });

  it('at Stop, finishes the clips of flashes completed there with the frames they have, and drops the rest', () => {
    const planner = createClipPlanner<number>();
    const onset = angerEvent({ status: 'onset', onsetMs: 1000, offsetMs: Number.NaN });
    const other = angerEvent({ id: 2, status: 'onset', onsetMs: 1100, offsetMs: Number.NaN });
    for (let i = 0; i < 45; i++) planner.step({ atMs: at(i), item: i }, i === 33 ? [onset, other] : []);
    const flushed = planner.flush([angerEvent({ onsetMs: 1000, offsetMs: at(44), endedBy: 'flush' })]);
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.shots.map((s) => s.item)).toEqual(Array.from({ length: 30 }, (_, k) => 15 + k));
    expect(planner.held()).toBe(0);
  });
});
