/**
 * Runs the AU estimator over a recorded fixture and summarises the traces (per-second mean and
 * max of every channel) for assertions and golden files. Summaries, never raw landmarks.
 */
import { createAuEstimator, type AuOutput } from '../../../src/shared/au/create-au-estimator.ts';
import { AU_CHANNELS, AU_CHANNEL_INDEX, type AuChannel } from '../../../src/shared/contract/index.ts';
import { auInputOf, loadRecording } from '../../../scripts/lib/recordings.ts';

export interface TracedFrame {
  timestampMs: number;
  /** The recording had a face on this frame. */
  facePresent: boolean;
  out: AuOutput;
}

export function traceRecording(stem: string): TracedFrame[] {
  const rec = loadRecording(stem);
  const est = createAuEstimator();
  return rec.frames.map((f) => ({
    timestampMs: f.timestampMs,
    facePresent: f.landmarks !== null,
    out: est.step(auInputOf(f, rec)),
  }));
}

/** Frames in [t0, t1) ms with AU values (a face and a neutral). */
export function window(trace: TracedFrame[], t0: number, t1: number): TracedFrame[] {
  return trace.filter((f) => f.timestampMs >= t0 && f.timestampMs < t1 && !Number.isNaN(f.out.aus[0]!));
}

export function mean(frames: TracedFrame[], ch: AuChannel): number {
  const i = AU_CHANNEL_INDEX[ch];
  return frames.reduce((a, f) => a + f.out.aus[i]!, 0) / frames.length;
}

export function max(frames: TracedFrame[], ch: AuChannel): number {
  const i = AU_CHANNEL_INDEX[ch];
  return frames.reduce((a, f) => Math.max(a, f.out.aus[i]!), 0);
}

export interface SegmentSummary {
  /** Segment start and end, s. */
  t0: number;
  t1: number;
  /** Frames with AU values in the segment. */
  frames: number;
  /** Per channel (AU_CHANNELS order) mean and max intensity, 2 decimals; empty when frames = 0. */
  mean: number[];
  max: number[];
}

export interface AuGolden {
  source: string;
  /** What a regression may move: |mean| and |max| differences allowed per channel and segment. */
  tolerance: { mean: number; max: number };
  channels: string[];
  segments: SegmentSummary[];
}

/** Allowed drift of a golden value, FACS intensity units (0-5). */
export const GOLDEN_TOLERANCE = { mean: 0.35, max: 0.75 } as const;

const r2 = (v: number): number => Math.round(v * 100) / 100;

export function summarise(stem: string, trace: TracedFrame[], segmentMs = 1000): AuGolden {
  const end = trace.length ? trace[trace.length - 1]!.timestampMs : 0;
  const segments: SegmentSummary[] = [];
  for (let t0 = 0; t0 <= end; t0 += segmentMs) {
    const w = window(trace, t0, t0 + segmentMs);
    segments.push({
      t0: t0 / 1000,
      t1: (t0 + segmentMs) / 1000,
      frames: w.length,
      mean: w.length ? AU_CHANNELS.map((c) => r2(mean(w, c))) : [],
      max: w.length ? AU_CHANNELS.map((c) => r2(max(w, c))) : [],
    });
  }
  return { source: stem, tolerance: { ...GOLDEN_TOLERANCE }, channels: [...AU_CHANNELS], segments };
}
