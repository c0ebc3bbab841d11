/**
 * Recorded MediaPipe Face Landmarker output for the fixture videos (made by
 * scripts/record-landmarks.ts into .cache/landmarks/<video-stem>.json), for tests that need real
 * faces without running the model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuInput } from '../../src/shared/au/index.ts';

export interface RecordedFrame {
  frameIndex: number;
  /** Presentation time, ms. */
  timestampMs: number;
  faceCount: number;
  /** What the frame shows, in a recording of a clip of stills (`neutral`, `AN_O`, `smile`). */
  label?: string;
  /** 478*3 normalised image coordinates, or null when no face. */
  landmarks: number[] | null;
  /** 52 blendshape scores (MediaPipe order), or null. */
  blendshapes: number[] | null;
  /** Column-major 4x4 facial transformation matrix, or null. */
  matrix: number[] | null;
}

/** A recorded frame as the AU estimator's input, at time `t` (default: its own presentation time). */
export function auInputOf(f: RecordedFrame, size: { width: number; height: number }, t = f.timestampMs): AuInput {
  return { timestampMs: t, landmarks: f.landmarks, matrix: f.matrix, blendshapes: f.blendshapes, width: size.width, height: size.height };
}

export interface Recording {
  /** Video file name the recording came from. */
  source: string;
  width: number;
  height: number;
  frames: RecordedFrame[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RECORDING_DIR = join(ROOT, '.cache', 'landmarks');

export const PEOPLE_RECORDING_DIR = join(RECORDING_DIR, 'people');

/** Reads .cache/landmarks/<stem>.json; throws a clear error saying how to make it when missing. */
export function loadRecording(stem: string): Recording {
  return readRecording(join(RECORDING_DIR, `${stem}.json`));
}

/** Reads a people recording (.cache/landmarks/people/<name>.json: a person's stills clip or one of their videos). */
export function loadPeopleRecording(name: string): Recording {
  return readRecording(join(PEOPLE_RECORDING_DIR, `${name}.json`));
}

function readRecording(path: string): Recording {
  if (!existsSync(path)) {
    throw new Error(`No landmark recording at ${path}. Make the recordings first: npx tsx scripts/record-landmarks.ts`);
  }
  const rec = JSON.parse(readFileSync(path, 'utf8')) as Recording;
  if (!Array.isArray(rec.frames) || !(rec.width > 0) || !(rec.height > 0)) {
    throw new Error(`Landmark recording ${path} is malformed; remake it: npx tsx scripts/record-landmarks.ts --force`);
  }
  return rec;
}
