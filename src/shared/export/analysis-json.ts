/**
 * `<stem>.json`: the events of one analysed video plus everything needed to reproduce them (tool
 * version, configuration and rules, model and input sha256, frame count, fps, delegate, date).
 * Its JSON Schema is `analysis.schema.json` beside this file; keep the two in step and raise
 * ANALYSIS_FORMAT_VERSION when a field changes meaning or goes away.
 */
import type { Delegate, DelegateChoice, FileSummary, FlashEvent } from '../contract/index.ts';
import { EXPERIMENTAL_KINDS, type FlashKind } from '../flash/index.ts';
import { sortEventsByOnset } from './events-csv.ts';
import { EXPORT_SUFFIXES } from './export-defaults.ts';
import { FRAMES_CSV_COLUMNS } from './frames-csv.ts';

export const ANALYSIS_FORMAT = 'microflash-analysis';
/** 2: video.fps is the container's rate; video.declaredFrameCount, video.complete and video.rotation; analysis.browser; experimentalKinds. */
export const ANALYSIS_FORMAT_VERSION = 2;

/** The video as the analysis read it. */
export interface AnalysisVideo {
  width: number;
  height: number;
  /** Frames analysed: every frame the file delivered, in order. */
  frameCount: number;
  /** Frames the container declares, or null where it does not say. */
  declaredFrameCount: number | null;
  /** False when the file ended before its declared frames (a truncated download): the results cover only the frames it had. */
  complete: boolean;
  /** The container's frame rate, frames per second (declared frames / declared duration). */
  fps: number;
  /** The container's duration, s. */
  durationS: number;
  codec: string;
  container: string;
  /** Clockwise rotation (degrees) of the file's display metadata; the frames were analysed so turned, upright. */
  rotation: 0 | 90 | 180 | 270;
}

/**
 * The video facts of a finished file analysis, from the worker's summary: one builder for the app
 * and the command line. The frame rate is the container's (a truncated file keeps its 23.976), and
 * `complete` says whether every declared frame arrived.
 */
export function analysisVideo(s: FileSummary): AnalysisVideo {
  const declared = s.frameCount;
  const frames = declared ?? s.framesAnalysed;
  return {
    width: s.width,
    height: s.height,
    frameCount: s.framesAnalysed,
    declaredFrameCount: declared,
    complete: declared === null || s.framesAnalysed >= declared,
    fps: s.durationS > 0 ? frames / s.durationS : 0,
    durationS: s.durationS,
    codec: s.codec,
    container: s.container,
    rotation: s.rotation,
  };
}

/** One line saying a file ended early, for logs and the page; null when it did not. */
export function truncationWarning(name: string, video: AnalysisVideo): string | null {
  if (video.complete) return null;
  const covered = video.fps > 0 ? ` (the first ${(video.frameCount / video.fps).toFixed(1)} s of ${video.durationS.toFixed(1)} s)` : '';
  return `${name}: the file ended early: ${video.frameCount} of ${video.declaredFrameCount} frames${covered}. It is probably truncated (an interrupted download or copy); the results cover only the frames it has.`;
}

/** A FlashEvent as stored in JSON: unknown times are null rather than NaN (which JSON lacks). */
export type AnalysisEvent = Omit<FlashEvent, 'offsetMs' | 'durationMs'> & {
  offsetMs: number | null;
  durationMs: number | null;
};

export interface AnalysisDocument {
  format: typeof ANALYSIS_FORMAT;
  formatVersion: typeof ANALYSIS_FORMAT_VERSION;
  tool: { name: 'microflash'; version: string };
  /** When the analysis finished, ISO 8601 UTC. */
  createdAt: string;
  input: {
    /** File name without folders (the path differs between machines; the sha256 does not). */
    fileName: string;
    sizeBytes: number;
    sha256: string;
  };
  video: AnalysisVideo;
  configuration: {
    /** The delegate asked for. */
    delegate: DelegateChoice;
    /** The researcher's rules as read from `rulesFile`; null = the built-in rules. */
    rules: unknown;
    rulesFile: string | null;
  };
  analysis: {
    /** The browser that ran the model: product and version, and for the command line where it came from. */
    browser: string;
    /** The delegate that ran. */
    delegate: Delegate;
    /** sha256 of the Face Landmarker model bundle. */
    modelSha256: string;
    /** Rows in the frames CSV (equals video.frameCount). */
    frameCount: number;
    framesWithFace: number;
    /** Wall-clock seconds of the analysis. */
    elapsedS: number;
    /** frameCount / elapsedS. */
    analysedFps: number;
  };
  /** Names of the sibling files of this analysis. */
  files: { frames: string; events: string; vtt: string };
  framesColumns: string[];
  /** Kinds without validation data, and why: their events are experimental (EXPERIMENTAL_KINDS). */
  experimentalKinds: Partial<Record<FlashKind, string>>;
  /** In onset order; times are ms of presentation time. */
  events: AnalysisEvent[];
}

/** What the document is built from. */
export interface AnalysisDocumentInput {
  /** The stem the four files share (`<stem>.frames.csv`, ...). */
  stem: string;
  toolVersion: string;
  createdAt: Date;
  input: AnalysisDocument['input'];
  video: AnalysisVideo;
  configuration: AnalysisDocument['configuration'];
  browser: string;
  delegate: Delegate;
  modelSha256: string;
  frameCount: number;
  framesWithFace: number;
  elapsedS: number;
  events: readonly FlashEvent[];
}

/** Builds the document (pure: the date comes in as an argument). */
export function analysisDocument(from: AnalysisDocumentInput): AnalysisDocument {
  const fileBase = from.stem.split('/').pop() ?? from.stem;
  return {
    format: ANALYSIS_FORMAT,
    formatVersion: ANALYSIS_FORMAT_VERSION,
    tool: { name: 'microflash', version: from.toolVersion },
    createdAt: from.createdAt.toISOString(),
    input: from.input,
    video: from.video,
    configuration: from.configuration,
    analysis: {
      browser: from.browser,
      delegate: from.delegate,
      modelSha256: from.modelSha256,
      frameCount: from.frameCount,
      framesWithFace: from.framesWithFace,
      elapsedS: from.elapsedS,
      analysedFps: from.elapsedS > 0 ? from.frameCount / from.elapsedS : 0,
    },
    files: {
      frames: fileBase + EXPORT_SUFFIXES.frames,
      events: fileBase + EXPORT_SUFFIXES.events,
      vtt: fileBase + EXPORT_SUFFIXES.vtt,
    },
    framesColumns: [...FRAMES_CSV_COLUMNS],
    experimentalKinds: { ...EXPERIMENTAL_KINDS },
    events: sortEventsByOnset(from.events).map(analysisEvent),
  };
}

/** The file's text: two-space indented JSON and a final newline. */
export function analysisJson(document: AnalysisDocument): string {
  return JSON.stringify(document, null, 2) + '\n';
}

function analysisEvent(event: FlashEvent): AnalysisEvent {
  return {
    ...event,
    offsetMs: finiteOrNull(event.offsetMs),
    durationMs: finiteOrNull(event.durationMs),
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
