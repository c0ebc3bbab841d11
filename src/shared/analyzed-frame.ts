/**
 * A frame result as plain JSON (numbers and arrays; NaN becomes null): what the batch analysis
 * hands from the page to Node and what exports are written from.
 */
import type { FlashEvent, FrameResult, SpeechStateName } from './contract/index.ts';

export interface AnalyzedFrame {
  frameIndex: number;
  /** Presentation time of the frame, ms. */
  timestampMs: number;
  facePresent: boolean;
  faceCount: number;
  /** [pitch, yaw, roll] radians; null without a face. */
  pose: (number | null)[];
  /** AU_CHANNELS order, FACS 0..5; null without a face. */
  aus: (number | null)[];
  /** AU_CHANNELS order, 0/1. */
  auPresence: number[];
  /** EYE_FEATURES order; null without a face. */
  eyes: (number | null)[];
  /** Events that started ('onset') or ended ('complete') on this frame. */
  events: FlashEvent[];
  /** The flash engine's speech state on this frame (FrameResult.speech). */
  speech: SpeechStateName;
  /** Raw model output, only when asked for (recordings for tests and research). */
  raw?: { landmarks: number[]; blendshapes: number[]; matrix: number[] } | null;
}

function plain(a: Float32Array): (number | null)[] {
  return Array.from(a, (v) => (Number.isFinite(v) ? v : null));
}

export function toAnalyzedFrame(r: FrameResult, withRaw = false): AnalyzedFrame {
  const frame: AnalyzedFrame = {
    frameIndex: r.frameIndex,
    timestampMs: r.timestampMs,
    facePresent: r.facePresent,
    faceCount: r.faceCount,
    pose: plain(r.pose),
    aus: plain(r.aus),
    auPresence: Array.from(r.auPresence),
    eyes: plain(r.eyes),
    events: r.events,
    speech: r.speech,
  };
  if (withRaw) {
    frame.raw = r.facePresent
      ? { landmarks: Array.from(r.landmarks), blendshapes: Array.from(r.blendshapes), matrix: Array.from(r.matrix) }
      : null;
  }
  return frame;
}
