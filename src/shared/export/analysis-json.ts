/**
 * `<stem>.json`: the events of one analysed video plus everything needed to reproduce them (tool
 * version, configuration and rules, model and input sha256, frame count, fps, delegate, date).
 * Its JSON Schema is `analysis.schema.json` beside this file; keep the two in step and raise
 * ANALYSIS_FORMAT_VERSION when a field changes meaning or goes away.
 */
import type { FlashEvent } from '../flash/event.ts';
import { EXPERIMENTAL_KINDS, type FlashKind } from '../flash/kinds.ts';
import type { Delegate, DelegateChoice } from '../protocol.ts';
import { sortEventsByOnset } from './events-csv.ts';
import { EXPORT_SUFFIXES } from './export-defaults.ts';
import { FRAMES_CSV_COLUMNS } from './frames-csv.ts';

export const ANALYSIS_FORMAT = 'microflash-analysis';
export const ANALYSIS_FORMAT_VERSION = 1;

/** The video as the analysis read it. */
export interface AnalysisVideo {
  width: number;
  height: number;
  /** Frames in the video track (every one analysed). */
  frameCount: number;
  /** Average frame rate, frames per second (frameCount / durationS). */
  fps: number;
  durationS: number;
  codec: string;
  container: string;
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
