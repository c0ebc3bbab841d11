import type { FlashEndReason, FlashEvent, FlashKind } from '../contract/index.ts';

export type { FlashEndReason, FlashEvent } from '../contract/index.ts';

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
