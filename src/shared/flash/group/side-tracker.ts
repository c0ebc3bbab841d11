/**
 * Each side's own activation (left, right) tracked with the same threshold as the group: when each
 * side crossed it on the way up and down during the open event, and its peak. From these come an
 * event's side, the left/right onset lag, and the lateral-timing label (one side rises first and
 * falls first).
 */
import { crossingTime } from '../crossing-time.ts';

export interface SideTracker {
  /** First, each frame: rising crossings of each side's level (NaN where the group has no sided rule). */
  crossings(t: number, prevT: number, sides: readonly number[]): void;
  /** Then, while an event is open: each side's onset, offset and peak. */
  track(t: number, prevT: number, sides: readonly number[]): void;
  /** A new event starts: a side already up takes its own crossing as its onset. */
  startEvent(): void;
  /** The event ends at `offsetMs`: a side still up ends there. */
  finishEvent(offsetMs: number): void;
  /** Per side (0 left, 1 right): onset and offset in the open or last event, NaN where the side never rose. */
  readonly onset: readonly number[];
  readonly offset: readonly number[];
  readonly peak: readonly number[];
  /** Called at the end of a frame. */
  commit(sides: readonly number[]): void;
  reset(): void;
}

export function createSideTracker(): SideTracker {
  const prev = [NaN, NaN];
  const candidate = [NaN, NaN];
  const onset = [NaN, NaN];
  const offset = [NaN, NaN];
  const peak = [0, 0];
  return {
    onset,
    offset,
    peak,
    crossings(t, prevT, sides) {
      for (let s = 0; s < 2; s++) {
        const x = sides[s]!;
        const before = prev[s]!;
        if (Number.isFinite(before) && before < 1 && x >= 1) candidate[s] = crossingTime(prevT, before, t, x, 1);
        if (!(x >= 1)) candidate[s] = NaN;
      }
    },
    track(t, prevT, sides) {
      for (let s = 0; s < 2; s++) {
        const x = sides[s]!;
        const before = prev[s]!;
        if (!Number.isFinite(x)) continue;
        if (x >= 1 && Number.isNaN(onset[s]!)) {
          onset[s] = before < 1 && Number.isFinite(before) ? crossingTime(prevT, before, t, x, 1) : t;
        }
        if (x >= 1) offset[s] = NaN;
        else if (before >= 1) offset[s] = crossingTime(prevT, before, t, x, 1);
        if (x > peak[s]!) peak[s] = x;
      }
    },
    startEvent() {
      for (let s = 0; s < 2; s++) {
        onset[s] = prev[s]! >= 1 ? candidate[s]! : NaN;
        offset[s] = NaN;
        peak[s] = 0;
      }
    },
    finishEvent(offsetMs) {
      for (let s = 0; s < 2; s++) {
        if (Number.isFinite(onset[s]!) && Number.isNaN(offset[s]!)) offset[s] = offsetMs;
      }
    },
    commit(sides) {
      prev[0] = sides[0]!;
      prev[1] = sides[1]!;
    },
    reset() {
      prev[0] = prev[1] = NaN;
      candidate[0] = candidate[1] = NaN;
    },
  };
}
