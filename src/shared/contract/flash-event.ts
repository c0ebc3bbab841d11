/**
 * The flash event as it crosses every boundary (worker to page, store, exports): the kinds and the
 * event. The engine (src/shared/flash/) makes them; everything else only reads them.
 */

/** The nine kinds of expression the flash engine reports, as data. */
export const FLASH_KINDS = [
  'anger',
  'disgust',
  'pain',
  'fear',
  'sadness',
  'surprise',
  'happiness',
  'one_sided_smile',
  'dissociation',
] as const;

export type FlashKind = (typeof FLASH_KINDS)[number];

/** Why an event ended: its evidence fell below the off threshold, the face was lost, it ran past
 * its rule's longest duration, or the source ended (`flush`). */
export type FlashEndReason = 'offset' | 'face-lost' | 'max-duration' | 'flush';

/**
 * One detected expression. Times are milliseconds on the source's clock (capture time for live
 * sources, presentation time for files), interpolated between frames.
 */
export interface FlashEvent {
  /** Unique within one engine run; an update for the same event keeps its id. */
  id: number;
  kind: FlashKind;
  /** 'onset' when first shown (offset not yet known), 'complete' once it has ended. */
  status: 'onset' | 'complete';
  onsetMs: number;
  apexMs: number;
  /** NaN while status is 'onset'. */
  offsetMs: number;
  /** apexMs - onsetMs. */
  onsetPhaseMs: number;
  /** offsetMs - onsetMs (NaN while ongoing). */
  durationMs: number;
  /** Peak intensity of the kind's evidence, FACS 0-5 scale. */
  peak: number;
  /** The AUs that carried it, with their peak intensities. */
  aus: { au: string; peak: number }[];
  /** Person's side for one-sided events; 'both' for bilateral; null where sides are not scored. */
  side: 'left' | 'right' | 'both' | null;
  /** Left/right timing difference of the onsets (ms, positive = left first); null if not sided. */
  sideLagMs: number | null;
  /** 0..1. */
  confidence: number;
  /** Total duration <= 500 ms. False while status is 'onset' (not known yet). */
  micro: boolean;
  /** Onset phase shorter than 1/15 s. */
  fastOnset: boolean;
  /** Total duration > 500 ms (a macro expression, or a gaze state). False while status is 'onset'. */
  macro: boolean;
  /** Why it ended; null while status is 'onset'. */
  endedBy: FlashEndReason | null;
}
