/**
 * A person's neutral face as plain JSON-serialisable data: what crosses to and from the worker,
 * what is stored per person and exported. The AU stage (src/shared/au/) makes and validates it.
 */

/** 2: relative measures (brow obliqueness, lip corner against the upper lip and the middle of the mouth, mouth shift) added. */
export const NEUTRAL_BASELINE_VERSION = 2;

export interface NeutralBaseline {
  /** Format version; setBaseline refuses others. */
  version: typeof NEUTRAL_BASELINE_VERSION;
  /** How it was made: an explicit "relax your face" calibration or the automatic estimate. */
  source: 'calibrated' | 'auto';
  /** Measure ids, in the order of `measures` (must equal the AU stage's MEASURES ids). */
  measureIds: string[];
  /** Neutral value of each measure, IOD units in the pose-free frame (src/shared/au/measures.ts). */
  measures: number[];
  /** Neutral score of each of the 52 blendshapes (MediaPipe order), or null when none were seen. */
  blendshapes: number[] | null;
  /** Face frames the estimate rests on. */
  frames: number;
}
