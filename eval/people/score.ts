/**
 * Turns one analysed people clip (its plan, the presentation time of each frame, the events) into
 * ground truth, detections and control windows for eval/metrics.ts; and a held-expression video
 * (MEAD, CREMA-D) into one verdict. Pure.
 */
import type { ControlWindow, Detection, TruthFlash } from '../metrics.ts';
import type { PeopleClipPlan } from './plan.ts';

export interface ScoredClip {
  truths: TruthFlash[];
  detections: Detection[];
  controls: ControlWindow[];
  /** Gaze-state events left out: on a clip of stills the gaze never moves, which is staring itself. */
  gazeEvents: number;
}

/** Kinds that are gaze states, not expressions: not scored on clips made of still photos. */
const GAZE_KINDS: ReadonlySet<string> = new Set(['dissociation']);

/** Events as the engine completes them (only what scoring reads). */
export interface EventLike {
  kind: string;
  onsetMs: number;
  apexMs: number;
  offsetMs: number;
}

export const clipName = (plan: PeopleClipPlan): string => `${plan.person.id}@${plan.fps}`;

/**
 * `frameMs[i]` is frame i's presentation time as the pipeline saw it (the browser run reads it
 * from the results, the preview computes it): a flash's true onset is its first frame's time.
 */
export function scorePeopleClip(plan: PeopleClipPlan, frameMs: (i: number) => number, events: readonly EventLike[]): ScoredClip {
  const clip = clipName(plan);
  const interval = 1000 / plan.fps;
  const truths: TruthFlash[] = [];
  const controls: ControlWindow[] = [];
  for (const f of plan.flashes) {
    const onsetMs = frameMs(f.startFrame);
    if (f.kind === null) {
      controls.push({ clip, startMs: onsetMs - interval, endMs: onsetMs + (f.frames + 2) * interval, label: f.label });
      continue;
    }
    truths.push({
      clip,
      kind: f.kind,
      onsetMs,
      frames: f.frames,
      frameMs: interval,
      fps: plan.fps,
      source: `${plan.person.id} ${f.label}`,
      person: plan.person.id,
    });
  }
  const scored = events.filter((e) => !GAZE_KINDS.has(e.kind));
  return {
    truths,
    detections: scored.map((e) => ({ clip, kind: e.kind, onsetMs: e.onsetMs })),
    controls,
    gazeEvents: events.length - scored.length,
  };
}

export interface HeldVerdict {
  /** Events in the clip. */
  events: number;
  /** The kind with the longest total event time in the clip, or null without events. */
  dominant: string | null;
  /** Total event time per kind, ms. */
  msByKind: Record<string, number>;
}

/**
 * Which part of a held-expression replay (the neutral clip, then the expression clip from `fromMs`)
 * an event belongs to: the part its apex lies in. An event's onset is where its AUs began to rise
 * (the crossing of its rule's off level), so an expression that starts rising in the last frames of
 * the neutral clip and peaks after the hard cut is dated before the cut; it is still the expression
 * clip's event (on CREMA-D's neutral clip, both events counted there before were first shown on the
 * first frame after the cut and peaked 0.7 and 1.3 s after it).
 */
export function inExpressionPart(e: EventLike, fromMs: number): boolean {
  return e.apexMs >= fromMs;
}

/**
 * A clip whose expression is held throughout: which kind covers most of it. Detected = any event;
 * right kind = the dominant kind is the posed one. Only the expression part's events count (their
 * time from `fromMs` on).
 */
export function heldVerdict(events: readonly EventLike[], fromMs = -Infinity): HeldVerdict {
  events = events.filter((e) => inExpressionPart(e, fromMs));
  const msByKind: Record<string, number> = {};
  for (const e of events) msByKind[e.kind] = (msByKind[e.kind] ?? 0) + Math.max(0, e.offsetMs - Math.max(e.onsetMs, fromMs));
  let dominant: string | null = null;
  for (const [k, ms] of Object.entries(msByKind)) if (dominant === null || ms > msByKind[dominant]!) dominant = k;
  return { events: events.length, dominant, msByKind };
}

/** Events of the neutral part of a held-expression replay: false flashes on ordinary speech. */
export function neutralPartEvents(events: readonly EventLike[], fromMs: number): number {
  return events.filter((e) => !inExpressionPart(e, fromMs)).length;
}
