/**
 * The last seconds of the live AU trace and completed flashes, kept in the page for practice
 * (judging a try) and the personal model (a flash's peak AUs). Bounded: older frames are dropped.
 * Also maps the page's clock to the stream's (frame timestamps), so "now" can be placed in it.
 */
import type { FlashEvent } from '../../shared/contract/index.ts';
import type { TraceFrame } from '../../shared/practice/index.ts';

export const TRACE_RING_DEFAULTS = {
  /** ms of trace kept: a try's count-in, window and settle, with room. */
  keepMs: 15_000,
} as const;

export class TraceRing {
  readonly frames: TraceFrame[] = [];
  readonly events: FlashEvent[] = [];
  /** Stream time minus page time (ms), from the latest frame; NaN before one. */
  private offsetMs = NaN;

  constructor(private readonly keepMs: number = TRACE_RING_DEFAULTS.keepMs) {}

  /** A frame was analysed (timestamp on the stream's clock; AU_CHANNELS order). */
  addFrame(timestampMs: number, aus: Float32Array): void {
    this.offsetMs = timestampMs - performance.now();
    this.frames.push({ timestampMs, aus: Float32Array.from(aus) });
    const oldest = timestampMs - this.keepMs;
    let drop = 0;
    while (drop < this.frames.length && this.frames[drop]!.timestampMs < oldest) drop++;
    if (drop) this.frames.splice(0, drop);
  }

  addEvents(events: readonly FlashEvent[]): void {
    for (const e of events) if (e.status === 'complete') this.events.push(e);
    const last = this.frames.at(-1)?.timestampMs ?? -Infinity;
    const keep = this.events.filter((e) => e.offsetMs >= last - this.keepMs);
    this.events.splice(0, this.events.length, ...keep);
  }

  /** The stream's time now (ms), or NaN before the first frame. */
  streamNow(): number {
    return performance.now() + this.offsetMs;
  }

  /** ms of face frames the ring spans now. */
  get spanMs(): number {
    return this.frames.length < 2 ? 0 : this.frames.at(-1)!.timestampMs - this.frames[0]!.timestampMs;
  }

  reset(): void {
    this.frames.length = 0;
    this.events.length = 0;
    this.offsetMs = NaN;
  }
}
