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
 *
 * An exclusion decides whether a rule names the face, not when the face moved. The same rise is
 * also followed on the level before exclusions; when it started at most `exclusionLagMaxMs` before
 * the level's own (a laugh whose brows read just over happiness's brows-down limit on its first
 * frames), the onset is that earlier one. An exclusion held longer was another expression on the
 * face, and the event starts where it lifted. Without exclusions the two rises are the same.
 */
import { crossingTime } from '../crossing-time.ts';

/** One frame of a group's level: 1 = some rule at its off threshold; `low`: every rule below halfway to its on. */
export interface LevelSample {
  level: number;
  low: boolean;
}

export interface OnsetDetector {
  /** Feeds one frame's level after and before exclusions; call before deciding on an onset at `t`. */
  step(t: number, sample: LevelSample, unexcluded: LevelSample): void;
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
  commit(): void;
  reset(): void;
}

/** The rising crossing of 1 of one level, no earlier than its last low trough. */
interface Rise {
  step(t: number, s: LevelSample): void;
  /** NaN while the level is below 1. */
  onsetTime(): number;
  commit(): void;
  reset(): void;
  readonly prevT: number;
  readonly prevLevel: number;
}

function createRise(): Rise {
  let prevT = NaN;
  let prevLevel = NaN;
  let t = NaN;
  let level = NaN;
  let troughT = NaN;
  let candidateT = NaN;
  return {
    step(tNow, s) {
      t = tNow;
      level = s.level;
      if (Number.isNaN(prevLevel)) {
        candidateT = NaN;
        // The first sample after a reset is the lowest seen so far: a rise from it starts there.
        troughT = t;
      } else {
        if (prevLevel < 1 && level >= 1) candidateT = crossingTime(prevT, prevLevel, t, level, 1);
        if (level <= prevLevel && s.low) troughT = t;
      }
      if (!(level >= 1)) candidateT = NaN;
    },
    onsetTime: () => Math.max(candidateT, troughT),
    commit() {
      prevT = t;
      prevLevel = level;
    },
    reset() {
      prevT = prevLevel = t = level = troughT = candidateT = NaN;
    },
    get prevT() {
      return prevT;
    },
    get prevLevel() {
      return prevLevel;
    },
  };
}

export function createOnsetDetector(exclusionLagMaxMs: number): OnsetDetector {
  const rise = createRise();
  const unexcludedRise = createRise();
  let armed = false;
  return {
    step(t, sample, unexcluded) {
      if (Number.isNaN(rise.prevLevel)) armed = sample.level < 1;
      rise.step(t, sample);
      unexcludedRise.step(t, unexcluded);
      if (sample.level < 1) armed = true;
    },
    onsetTime: () => {
      const onsetT = rise.onsetTime();
      const earlier = unexcludedRise.onsetTime();
      return earlier < onsetT && onsetT - earlier <= exclusionLagMaxMs ? earlier : onsetT;
    },
    get hasCandidate() {
      return Number.isFinite(rise.onsetTime());
    },
    get armed() {
      return armed;
    },
    disarm() {
      armed = false;
    },
    get prevT() {
      return rise.prevT;
    },
    get prevLevel() {
      return rise.prevLevel;
    },
    commit() {
      rise.commit();
      unexcludedRise.commit();
    },
    reset() {
      rise.reset();
      unexcludedRise.reset();
      armed = false;
    },
  };
}
