/**
 * The action units of a whole analysis, frame by frame, kept compactly for the review timeline:
 * one time and one row of every AU channel (AU_CHANNELS order, FACS 0-5, NaN without a face) per
 * frame, and the speech state. A 30-minute file at 30 fps (54,000 frames) is about 8 MB. Grows by
 * doubling; `build` hands out views of exactly the frames pushed.
 */
import { AU_CHANNELS, SPEECH_STATE_NAMES, type SpeechStateName } from '../contract/index.ts';

export interface AuTrace {
  /** Frames in the trace. */
  length: number;
  /** Seconds from time 0 (the source's first frame). */
  timesS: Float64Array;
  /** length x AU_CHANNELS.length, row by row (FACS 0-5; NaN where no face was followed). */
  aus: Float32Array;
  /** Index into SPEECH_STATE_NAMES per frame. */
  speech: Uint8Array;
}

/** What one frame gives the trace (a FrameResult or an AnalyzedFrame fits). */
export interface TraceFrame {
  timestampMs: number;
  facePresent: boolean;
  aus: ArrayLike<number | null>;
  speech: SpeechStateName;
}

const WIDTH = AU_CHANNELS.length;
const INITIAL_FRAMES = 1024;

export class AuTraceBuilder {
  private n = 0;
  private times = new Float64Array(INITIAL_FRAMES);
  private values = new Float32Array(INITIAL_FRAMES * WIDTH);
  private speech = new Uint8Array(INITIAL_FRAMES);

  /** `originMs`: the source time that is 0 s (the first frame's, for a file 0). */
  constructor(private readonly originMs = 0) {}

  push(frame: TraceFrame): void {
    if (this.n === this.times.length) this.grow();
    const i = this.n++;
    this.times[i] = (frame.timestampMs - this.originMs) / 1000;
    for (let c = 0; c < WIDTH; c++) {
      const v = frame.aus[c];
      this.values[i * WIDTH + c] = frame.facePresent && v !== null && v !== undefined ? v : Number.NaN;
    }
    this.speech[i] = Math.max(0, SPEECH_STATE_NAMES.indexOf(frame.speech));
  }

  build(): AuTrace {
    return {
      length: this.n,
      timesS: this.times.subarray(0, this.n),
      aus: this.values.subarray(0, this.n * WIDTH),
      speech: this.speech.subarray(0, this.n),
    };
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const values = new Float32Array(this.values.length * 2);
    values.set(this.values);
    const speech = new Uint8Array(this.speech.length * 2);
    speech.set(this.speech);
    this.times = times;
    this.values = values;
    this.speech = speech;
  }
}

/** One channel over the whole trace (a copy, NaN where no face). */
export function traceChannel(trace: AuTrace, channel: number): Float32Array {
  const out = new Float32Array(trace.length);
  for (let i = 0; i < trace.length; i++) out[i] = trace.aus[i * WIDTH + channel]!;
  return out;
}

/** The row of AU channels at the last frame at or before `s` (null before the first frame). */
export function traceRowAt(trace: AuTrace, s: number): Float32Array | null {
  let lo = 0;
  let hi = trace.length - 1;
  if (hi < 0 || trace.timesS[0]! > s) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (trace.timesS[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  return trace.aus.subarray(lo * WIDTH, (lo + 1) * WIDTH);
}
