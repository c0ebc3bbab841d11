/**
 * A kept live session's frames, packed for IndexedDB: one Float32Array row per analysed frame
 * (time from the session's start, face, face count, pose, every AU channel and its presence, the
 * eye features, the speech state), so that a kept session can be reviewed on the timeline and
 * exported as a frames CSV like a file. 103 numbers (412 bytes) a frame: a 30-minute session at
 * 30 fps is about 22 MB.
 */
import { AU_CHANNELS, SPEECH_STATE_NAMES } from '../contract/index.ts';
import { EYE_FEATURES } from '../eyes.ts';
import type { FramesCsvFrame } from '../export/index.ts';
import { AuTraceBuilder, type AuTrace } from './au-trace.ts';

const C = AU_CHANNELS.length;
const E = EYE_FEATURES.length;
const T = 0;
const FACE = 1;
const COUNT = 2;
const POSE = 3;
const AUS = POSE + 3;
const PRESENCE = AUS + C;
const EYES = PRESENCE + C;
const SPEECH = EYES + E;

/** Numbers per packed frame. */
export const FRAME_ROW_WIDTH = SPEECH + 1;

/** Writes `frame` into row `i` of `rows`, its time in s from `originMs`. */
export function packFrame(frame: Omit<FramesCsvFrame, 'frameIndex'>, originMs: number, rows: Float32Array, i: number): void {
  const o = i * FRAME_ROW_WIDTH;
  rows[o + T] = (frame.timestampMs - originMs) / 1000;
  rows[o + FACE] = frame.facePresent ? 1 : 0;
  rows[o + COUNT] = frame.faceCount;
  for (let k = 0; k < 3; k++) rows[o + POSE + k] = frame.pose[k] ?? Number.NaN;
  for (let k = 0; k < C; k++) rows[o + AUS + k] = frame.aus[k] ?? Number.NaN;
  for (let k = 0; k < C; k++) rows[o + PRESENCE + k] = frame.auPresence[k] ?? 0;
  for (let k = 0; k < E; k++) rows[o + EYES + k] = frame.eyes[k] ?? Number.NaN;
  rows[o + SPEECH] = Math.max(0, SPEECH_STATE_NAMES.indexOf(frame.speech));
}

/** Frames in a packed buffer. */
export function frameRowCount(rows: Float32Array): number {
  return Math.floor(rows.length / FRAME_ROW_WIDTH);
}

/** Row `i` as a frames-CSV frame (time in ms from the session's start). */
export function unpackFrame(rows: Float32Array, i: number, frameIndex: number): FramesCsvFrame {
  const o = i * FRAME_ROW_WIDTH;
  const nanToNull = (x: number) => (Number.isNaN(x) ? null : x);
  return {
    frameIndex,
    timestampMs: rows[o + T]! * 1000,
    facePresent: rows[o + FACE] === 1,
    faceCount: rows[o + COUNT]!,
    pose: Array.from(rows.subarray(o + POSE, o + POSE + 3), nanToNull),
    aus: Array.from(rows.subarray(o + AUS, o + AUS + C), nanToNull),
    auPresence: rows.subarray(o + PRESENCE, o + PRESENCE + C),
    eyes: Array.from(rows.subarray(o + EYES, o + EYES + E), nanToNull),
    speech: SPEECH_STATE_NAMES[rows[o + SPEECH]!] ?? 'quiet',
  };
}

/** The AU trace of packed frames, for the timeline. */
export function traceOfRows(rows: Float32Array): AuTrace {
  const b = new AuTraceBuilder();
  const n = frameRowCount(rows);
  for (let i = 0; i < n; i++) b.push(unpackFrame(rows, i, i));
  return b.build();
}
