/**
 * METT-style clip plans for the people fixtures, as data shared by the browser evaluation (which
 * encodes them into video) and the Node preview (which replays the recorded model output of the
 * same stills): the person's neutral still, each posed still for 2-12 frames, neutral again; and
 * the controls (a relaxed or open-mouthed neutral) spliced the same way, which must give no flash.
 */
import type { Person, PosedKind } from './catalog.ts';

/** Timing of a people clip, in seconds. */
export const PEOPLE_CLIP_TIMING = {
  /** Neutral before the first flash: the automatic neutral takes ~1 s, the speech gate watches 1.5 s. */
  leadS: 2,
  /** Neutral between flashes: longer than the longest flash (12 frames at 30 fps), so every flash rises from neutral. */
  gapS: 1,
  tailS: 1,
};

/** Frames a control is shown for: the longest flash length, the one most likely to fire falsely. */
export const CONTROL_FRAMES = 12;

export interface PlannedFlash {
  /** Still label (catalog: `AN_O`, `smile`, ...). */
  label: string;
  /** Posed kind, or null for a control (no flash expected). */
  kind: PosedKind | null;
  frames: number;
  /** Index of its first frame in the clip. */
  startFrame: number;
}

export interface PeopleClipPlan {
  person: Person;
  fps: number;
  /** Still label of every frame, in order. */
  sequence: string[];
  flashes: PlannedFlash[];
}

/** The clip of one person at one frame rate: every posed still at every length, then every control. */
export function planPeopleClip(person: Person, fps: number, lengths: readonly number[], timing = PEOPLE_CLIP_TIMING): PeopleClipPlan {
  const items: { label: string; kind: PosedKind | null; frames: number }[] = [
    ...person.posed.flatMap((s) => lengths.map((frames) => ({ label: s.label, kind: s.kind, frames }))),
    ...person.controls.map((c) => ({ label: c.label, kind: null, frames: CONTROL_FRAMES })),
  ];
  const sequence: string[] = [];
  const push = (label: string, n: number) => {
    for (let i = 0; i < n; i++) sequence.push(label);
  };
  push('neutral', Math.round(timing.leadS * fps));
  const flashes: PlannedFlash[] = [];
  items.forEach((it, i) => {
    if (i > 0) push('neutral', Math.round(timing.gapS * fps));
    flashes.push({ ...it, startFrame: sequence.length });
    push(it.label, it.frames);
  });
  push('neutral', Math.round(timing.tailS * fps));
  return { person, fps, sequence, flashes };
}
