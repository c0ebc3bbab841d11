/**
 * Where an event of a rule group may start, from the group's held level (1 = some rule at its off
 * threshold): the interpolated rising crossing of 1 (the onset candidate), the last trough before
 * it (an onset is never earlier, so a slow drift before a flash does not stretch it), and whether
 * the group is armed (seen below 1 since the last reset or block, so a level that was already up
 * when detection (re)started cannot start an event).
 *
 * A trough counts only while the group is still low (`low`: every rule below halfway from its off
 * to its on threshold). An expression that jumps up to just under `on` and wobbles there before it
 * crosses (a borderline AU) has started at the jump: a dip of the wobble is not where it began.
 */
import { crossingTime } from '../crossing-time.ts';

export interface OnsetDetector {
  /** Feeds one frame's level, and whether the group is still low (a dip there is a trough); call before deciding on an onset at `t`. */
  step(t: number, level: number, low: boolean): void;
  /** Onset time of an event starting now: the crossing, but no earlier than the last trough. */
  onsetTime(): number;
  /** A rising crossing has been seen and the level has not fallen below 1 since. */
  readonly hasCandidate: boolean;
  readonly armed: boolean;
  /** Disarms: a fresh fall below 1 is needed before the next onset. */
  disarm(): void;
  /** Time and level of the previous frame (NaN before the first). */
  readonly prevT: number;
  readonly prevLevel: number;
  /** Called at the end of a frame. */
  commit(t: number, level: number): void;
  reset(): void;
}

export function createOnsetDetector(): OnsetDetector {
  let prevT = NaN;
  let prevLevel = NaN;
  let troughT = NaN;
  let candidateT = NaN;
  let armed = false;
  return {
    step(t, level, low) {
      if (Number.isNaN(prevLevel)) {
        candidateT = NaN;
        // The first sample after a reset is the lowest seen so far: a rise from it starts there.
        troughT = t;
        armed = level < 1;
      } else {
        if (prevLevel < 1 && level >= 1) candidateT = crossingTime(prevT, prevLevel, t, level, 1);
        if (level <= prevLevel && low) troughT = t;
      }
      if (level < 1) {
        candidateT = NaN;
        armed = true;
      }
    },
    onsetTime: () => Math.max(candidateT, troughT),
    get hasCandidate() {
      return Number.isFinite(candidateT);
    },
    get armed() {
      return armed;
    },
    disarm() {
      armed = false;
    },
    get prevT() {
      return prevT;
    },
    get prevLevel() {
      return prevLevel;
    },
    commit(t, level) {
      prevT = t;
      prevLevel = level;
    },
    reset() {
      prevT = NaN;
      prevLevel = NaN;
      troughT = NaN;
      candidateT = NaN;
      armed = false;
    },
  };
}
