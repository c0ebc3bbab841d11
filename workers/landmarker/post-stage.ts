/**
 * Everything after landmarking, per frame: action units relative to the person's neutral, eye
 * features, head pose, and the flash engine. One explicit instance per session.
 */
import { AU_CHANNELS } from '../../src/shared/au/ids.ts';
import { EYE_FEATURES } from '../../src/shared/eyes.ts';
import type { FlashEvent } from '../../src/shared/flash/event.ts';

export interface PostInput {
  timestampMs: number;
  width: number;
  height: number;
  /** Followed face's landmarks/blendshapes/matrix, or null when no face. */
  face: { landmarks: Float32Array; blendshapes: Float32Array; matrix: Float32Array } | null;
}

export interface PostOutput {
  aus: Float32Array;
  auPresence: Uint8Array;
  eyes: Float32Array;
  pose: Float32Array;
  baselineReady: boolean;
  events: FlashEvent[];
}

export interface PostStage {
  step(input: PostInput): PostOutput;
  /** Completes open events at the end of a file. */
  flush(endMs: number): FlashEvent[];
  calibrate(durationMs: number): void;
  getBaseline(): unknown;
  setBaseline(baseline: unknown): void;
  setRules(rules: unknown): void;
  reset(): void;
}

export function createPostStage(_init: { rules?: unknown; baseline?: unknown }): PostStage {
  const nan = (n: number) => new Float32Array(n).fill(NaN);
  return {
    step: () => ({
      aus: nan(AU_CHANNELS.length),
      auPresence: new Uint8Array(AU_CHANNELS.length),
      eyes: nan(EYE_FEATURES.length),
      pose: nan(3),
      baselineReady: false,
      events: [],
    }),
    flush: () => [],
    calibrate: () => {},
    getBaseline: () => null,
    setBaseline: () => {},
    setRules: () => {},
    reset: () => {},
  };
}
