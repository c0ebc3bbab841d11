/**
 * `<stem>.frames.csv`: one row per video frame, streamed (a header, then one row per frame), so a
 * long video never has to sit in memory. Column names follow OpenFace where a counterpart exists
 * (`pose_Rx`, `AU12_r` intensity, `AU12_c` presence), so scripts written for OpenFace output read it.
 *
 * Layout (derived from AU_CHANNELS and EYE_FEATURES, never written out by hand):
 *   frame, timestamp_s, face, pose_Rx, pose_Ry, pose_Rz,
 *   <channel>_r for every AU channel (FACS 0-5; sided AUs also _L_r and _R_r, the person's sides),
 *   <channel>_c for every AU channel (0/1),
 *   eye_<feature> for every eye feature, face_count,
 *   speech: the flash engine's speech state (quiet, assumed or talking; while not quiet a flash
 *   must stand out from how the person talks, docs/flash-engine.md).
 * Cells that describe the face are empty when no face was followed in that frame.
 */
import { AU_CHANNELS, type SpeechStateName } from '../contract/index.ts';
import { EYE_FEATURES } from '../eyes.ts';
import { csvRow } from './csv-escape.ts';
import { EXPORT_DEFAULTS } from './export-defaults.ts';
import { formatNumber } from './format-number.ts';

/** What a frames row needs: the Node-side AnalyzedFrame and the app's FrameResult both fit. */
export interface FramesCsvFrame {
  /** 0-based index of the frame in presentation order. */
  frameIndex: number;
  /** Presentation time, ms. */
  timestampMs: number;
  facePresent: boolean;
  faceCount: number;
  /** [pitch, yaw, roll], radians. */
  pose: ArrayLike<number | null>;
  /** AU_CHANNELS order, FACS 0-5. */
  aus: ArrayLike<number | null>;
  /** AU_CHANNELS order, 0/1. */
  auPresence: ArrayLike<number>;
  /** EYE_FEATURES order. */
  eyes: ArrayLike<number | null>;
  /** The flash engine's speech state on this frame. */
  speech: SpeechStateName;
}

/** OpenFace's names for rotation about x (pitch), y (yaw) and z (roll), radians. */
const POSE_COLUMNS = ['pose_Rx', 'pose_Ry', 'pose_Rz'] as const;

/** Every column of the frames CSV, in order. */
export const FRAMES_CSV_COLUMNS: readonly string[] = [
  'frame',
  'timestamp_s',
  'face',
  ...POSE_COLUMNS,
  ...AU_CHANNELS.map((c) => `${c}_r`),
  ...AU_CHANNELS.map((c) => `${c}_c`),
  ...EYE_FEATURES.map((f) => `eye_${f}`),
  'face_count',
  'speech',
];

/** The header line. */
export function framesCsvHeader(): string {
  return csvRow(FRAMES_CSV_COLUMNS);
}

/** One frame's line. */
export function framesCsvRow(frame: FramesCsvFrame): string {
  const { secondsDecimals, poseDecimals, auDecimals, eyeDecimals } = EXPORT_DEFAULTS;
  const face = frame.facePresent;
  const cells: string[] = [String(frame.frameIndex), formatNumber(frame.timestampMs / 1000, secondsDecimals), face ? '1' : '0'];
  for (let i = 0; i < POSE_COLUMNS.length; i++) cells.push(face ? formatNumber(frame.pose[i], poseDecimals) : '');
  for (let i = 0; i < AU_CHANNELS.length; i++) cells.push(face ? formatNumber(frame.aus[i], auDecimals) : '');
  for (let i = 0; i < AU_CHANNELS.length; i++) cells.push(face ? presence(frame.auPresence[i]) : '');
  for (let i = 0; i < EYE_FEATURES.length; i++) cells.push(face ? formatNumber(frame.eyes[i], eyeDecimals) : '');
  cells.push(String(frame.faceCount));
  cells.push(face ? frame.speech : '');
  return csvRow(cells);
}

function presence(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '';
  return value > 0 ? '1' : '0';
}
