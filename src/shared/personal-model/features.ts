/**
 * The personal model's input: a flash's peak AU intensities relative to the learner's own neutral
 * (the AU stage's output is already neutral-relative), one per AU in AU_LIST order, on 0-1
 * (FACS 0-5 divided by 5, clamped).
 */
import { AU_INTENSITY_MAX, AU_LIST } from '../contract/index.ts';

export const FEATURE_NAMES: readonly string[] = AU_LIST.map((a) => a.id);

/** Features from per-AU peaks (AU_LIST order, FACS 0-5). */
export function featuresOf(peaks: readonly number[]): number[] {
  if (peaks.length !== FEATURE_NAMES.length) throw new Error(`Expected ${FEATURE_NAMES.length} AU peaks, got ${peaks.length}`);
  return peaks.map((v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v / AU_INTENSITY_MAX)) : 0));
}
