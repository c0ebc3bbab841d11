import type { Delegate } from './contract/index.ts';

/** One measured step of a frame's path through the landmarker (ms per frame over the profiled frames). */
export interface ProfileRow {
  step: string;
  medianMs: number;
  p95Ms: number;
  /** What it measures, in a few words. */
  note: string;
}

/** What is profiled, one per worker (MediaPipe's wasm runtime starts once per worker): the detector alone, or a landmarker variant. */
export const PROFILE_VARIANTS = [
  'detector',
  'as-run',
  'other-input',
  'one-face',
  'no-blendshapes',
  'no-matrices',
  'landmarks-only',
] as const;
export type ProfileVariant = (typeof PROFILE_VARIANTS)[number];

/** The profile worker's interface (types only): where a frame's time goes, by ablation. */
export interface ProfileApi {
  /** Decodes the first `frames` frames of the video at `url` and times `variant` on them (the first variant also times decoding and conversion). */
  profile(url: string, frames: number, delegate: Delegate, variant: ProfileVariant): Promise<ProfileRow[]>;
}
