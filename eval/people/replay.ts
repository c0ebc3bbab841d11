/**
 * Replays recorded model output of the people fixtures (scripts/record-landmarks.ts) through the
 * AU estimator and the flash engine in Node: the same stages the worker runs, without the browser,
 * so a change to the AU stage or the rules is measured across every person in seconds. Recorded
 * stills are the model's output on the original stills, so re-encoding effects are not in it; the
 * browser evaluation (`npm run eval`) remains the measurement.
 */
import { basename, extname } from 'node:path';
import { createAuEstimator, type AuEstimator, type AuOutput } from '../../src/shared/au/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf, type FlashEvent, type Rules } from '../../src/shared/flash/index.ts';
import { auInputOf, loadPeopleRecording, type RecordedFrame, type Recording } from '../../scripts/lib/recordings.ts';
import type { Person } from './catalog.ts';
import type { PeopleClipPlan } from './plan.ts';

/** The recording of a person's video (`path` from the catalog). */
export function videoRecording(path: string): Recording {
  return loadPeopleRecording(basename(path, extname(path)));
}

/** A person's stills by label, from the recording of their stills clip. */
export function stillFrames(person: Person): Map<string, RecordedFrame> {
  const rec = loadPeopleRecording(person.id);
  return new Map(rec.frames.map((f) => [f.label ?? String(f.frameIndex), f]));
}

/** The recording's image size, for a person's stills. */
export function stillSize(person: Person): { width: number; height: number } {
  const rec = loadPeopleRecording(person.id);
  return { width: rec.width, height: rec.height };
}

function auStep(est: AuEstimator, f: RecordedFrame, t: number, width: number, height: number): AuOutput {
  return est.step(auInputOf(f, { width, height }, t));
}

export interface Replay {
  events: FlashEvent[];
  /** Presentation time of frame i, ms. */
  frameMs: (i: number) => number;
}

/** Recorded frames by still label, and their image size: what a METT clip is made of. */
export interface StillSource {
  frames: Map<string, RecordedFrame>;
  size: { width: number; height: number };
}

/** A planned METT clip, frame by frame at the plan's rate, from the recorded stills (or other recorded frames). */
export function replayStillsClip(plan: PeopleClipPlan, rules: Rules = defaultRules(), source?: StillSource): Replay {
  const frames = source?.frames ?? stillFrames(plan.person);
  const { width, height } = source?.size ?? stillSize(plan.person);
  const est = createAuEstimator();
  const engine = createFlashEngine(rules);
  const events: FlashEvent[] = [];
  const frameMs = (i: number) => (i * 1000) / plan.fps;
  plan.sequence.forEach((label, i) => {
    const f = frames.get(label);
    if (!f) throw new Error(`${plan.person.id}: no recorded still "${label}"; record again: npx tsx scripts/record-landmarks.ts --force`);
    const t = frameMs(i);
    events.push(...engine.step(flashFrameOf(t, f.landmarks !== null, auStep(est, f, t, width, height))));
  });
  events.push(...engine.flush(frameMs(plan.sequence.length - 1)));
  return { events: events.filter((e) => e.status === 'complete'), frameMs };
}

/**
 * The estimator calibrated on a whole neutral recording (as "Calibrate neutral" over that clip):
 * its baseline is the median of the clip's face frames.
 */
export function calibratedEstimator(neutral: Recording): AuEstimator {
  const faces = neutral.frames.filter((f) => f.landmarks !== null);
  if (faces.length < 2) throw new Error(`${neutral.source}: fewer than two face frames to calibrate on`);
  const est = createAuEstimator();
  est.startCalibration(Math.max(1, faces.at(-1)!.timestampMs - faces[0]!.timestampMs));
  for (const f of faces) auStep(est, f, f.timestampMs, neutral.width, neutral.height);
  if (est.isCalibrating()) throw new Error(`${neutral.source}: calibration did not complete`);
  return est;
}

export interface HeldReplay {
  events: FlashEvent[];
  /** Presentation time where the expression clip starts (after the neutral clip), ms. */
  cutMs: number;
  endMs: number;
}

/**
 * A held expression as a person would show it: their neutral clip, then the expression clip (a hard
 * cut, the speech going on), with the neutral calibrated on the neutral clip (as the research
 * command's --neutral does). Timestamps run on: the expression clip starts one frame interval
 * after the neutral clip's last frame.
 */
export function replayHeld(neutral: Recording, video: Recording, rules: Rules = defaultRules()): HeldReplay {
  const baseline = calibratedEstimator(neutral).getBaseline()!;
  const est = createAuEstimator();
  est.setBaseline(baseline);
  const engine = createFlashEngine(rules);
  const events: FlashEvent[] = [];
  const interval = (neutral.frames.at(-1)!.timestampMs - neutral.frames[0]!.timestampMs) / Math.max(1, neutral.frames.length - 1);
  const cutMs = neutral.frames.at(-1)!.timestampMs + interval;
  const run = (rec: Recording, offsetMs: number) => {
    for (const f of rec.frames) {
      const t = f.timestampMs + offsetMs;
      events.push(...engine.step(flashFrameOf(t, f.landmarks !== null, auStep(est, f, t, rec.width, rec.height))));
    }
  };
  run(neutral, 0);
  run(video, cutMs - video.frames[0]!.timestampMs);
  const endMs = cutMs + video.frames.at(-1)!.timestampMs - video.frames[0]!.timestampMs;
  events.push(...engine.flush(endMs));
  return { events: events.filter((e) => e.status === 'complete'), cutMs, endMs };
}
