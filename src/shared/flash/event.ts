import type { FlashKind } from './kinds.ts';

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

/** What a detector knows of an event; the rest of a FlashEvent follows from it (makeFlashEvent). */
export interface FlashEventParts {
  id: number;
  kind: FlashKind;
  status: FlashEvent['status'];
  onsetMs: number;
  apexMs: number;
  /** Ignored while status is 'onset'. */
  offsetMs: number;
  peak: number;
  aus: FlashEvent['aus'];
  side: FlashEvent['side'];
  sideLagMs: number | null;
  confidence: number;
  /** Ignored while status is 'onset'. */
  endedBy: FlashEndReason | null;
}

/** The one place a FlashEvent is assembled: durations, phases and the micro / macro / fast-onset flags. */
export function makeFlashEvent(p: FlashEventParts, timing: { microMaxMs: number; fastOnsetMaxMs: number }): FlashEvent {
  const complete = p.status === 'complete';
  const durationMs = complete ? p.offsetMs - p.onsetMs : NaN;
  const onsetPhaseMs = p.apexMs - p.onsetMs;
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    onsetMs: p.onsetMs,
    apexMs: p.apexMs,
    offsetMs: complete ? p.offsetMs : NaN,
    onsetPhaseMs,
    durationMs,
    peak: p.peak,
    aus: p.aus,
    side: p.side,
    sideLagMs: p.sideLagMs,
    confidence: p.confidence,
    micro: complete && durationMs <= timing.microMaxMs,
    fastOnset: onsetPhaseMs < timing.fastOnsetMaxMs,
    macro: complete && durationMs > timing.microMaxMs,
    endedBy: complete ? p.endedBy : null,
  };
}
