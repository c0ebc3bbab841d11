/**
 * The landmarks of a file's frames around its flashes, kept during the analysis so that a replay
 * can draw them over the video. Only the frames from just before each flash's onset to just after
 * its offset are kept (a ring holds the recent ones until a flash completes), up to a cap, so a
 * long file costs little memory.
 */
import type { FlashEvent, FrameResult } from '../contract/index.ts';

export const REPLAY_FRAMES_DEFAULTS = {
  /** Recent frames held until a flash completes (ms): the longest flash (15 s) and its lead. */
  ringMs: 16_000,
  /** Most frames kept for replay (about 6 kB each): past it, later flashes replay without landmarks. */
  maxKept: 6000,
} as const;

export class ReplayFrames {
  private ring: FrameResult[] = [];
  private readonly kept = new Map<number, FrameResult>();
  /** Sorted times of the kept frames, for lookup. */
  private times: number[] = [];
  /** Frames up to this time (ms) are kept as they come (the tail of a flash just completed). */
  private keepUntilMs = -Infinity;

  constructor(
    private readonly leadMs: number,
    private readonly tailMs: number,
  ) {}

  /** Every analysed frame, in order. */
  push(r: FrameResult): void {
    this.ring.push(r);
    while (this.ring.length && this.ring[0]!.timestampMs < r.timestampMs - REPLAY_FRAMES_DEFAULTS.ringMs) this.ring.shift();
    for (const e of r.events) if (e.status === 'complete') this.keepAround(e);
    if (r.timestampMs <= this.keepUntilMs) this.keep(r);
  }

  /** The kept frame shown at video time `s`, or null (none kept within half a frame there). */
  at(s: number): FrameResult | null {
    const t = s * 1000;
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    const at = this.times[lo];
    if (at === undefined || at > t) return null;
    const next = this.times[lo + 1];
    // Within a frame: the gap to the next kept frame, or 100 ms at the end of a kept stretch.
    return t - at <= Math.min(100, next !== undefined ? next - at : 100) ? (this.kept.get(at) ?? null) : null;
  }

  get size(): number {
    return this.kept.size;
  }

  private keepAround(e: FlashEvent): void {
    const from = e.onsetMs - this.leadMs;
    for (const f of this.ring) if (f.timestampMs >= from) this.keep(f);
    const end = Number.isFinite(e.offsetMs) ? e.offsetMs : e.onsetMs;
    this.keepUntilMs = Math.max(this.keepUntilMs, end + this.tailMs);
  }

  private keep(f: FrameResult): void {
    if (this.kept.has(f.timestampMs) || this.kept.size >= REPLAY_FRAMES_DEFAULTS.maxKept) return;
    this.kept.set(f.timestampMs, f);
    const t = f.timestampMs;
    let i = this.times.length;
    while (i > 0 && this.times[i - 1]! > t) i--;
    this.times.splice(i, 0, t);
  }
}
