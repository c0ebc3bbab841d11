/**
 * What a file analysis in the browser hands back to Node: per-frame rows (streamed in batches),
 * the events, and facts about the input. Plain JSON data (it crosses the page boundary).
 */
import type { AnalyzedFrame } from '../shared/analyzed-frame.ts';
import type { AnalysisVideo } from '../shared/export/index.ts';
import type { Delegate, ErrorCode, FlashEvent, NeutralBaseline } from '../shared/contract/index.ts';

export type { AnalyzedFrame } from '../shared/analyzed-frame.ts';

/** The video as the analysis read it (the same shape the analysis JSON records). */
export type VideoInfo = AnalysisVideo;

export interface FileAnalysisResult {
  video: VideoInfo;
  delegate: Delegate;
  events: FlashEvent[];
  /** Wall-clock seconds the analysis took. */
  elapsedS: number;
  /** The neutral the file was read against at its end (calibrated over the file when asked). */
  baseline: NeutralBaseline | null;
}

export interface AnalyzeOptions {
  /** The file shows the person's neutral face: calibrate over all of it (result.baseline). */
  calibrate?: boolean;
}

export interface AnalyzeHandlers {
  /** Called with consecutive frames in order; every frame once. */
  onFrames(frames: AnalyzedFrame[]): void | Promise<void>;
  /** Frames done so far, and the total when known. */
  onProgress?(done: number, total: number | null): void;
}

/** One headless Chromium page running the app's worker pipeline. */
export interface AnalysisBrowser {
  /** Which browser this is, as the analysis JSON records it: `Chromium 156.0.7683.0 (system: /usr/bin/chromium)`. */
  readonly description: string;
  /** Analyses one file, every frame in order. Rejects with AnalysisError. */
  analyze(path: string, handlers: AnalyzeHandlers, options?: AnalyzeOptions): Promise<FileAnalysisResult>;
  /** Reads every file analysed next against this neutral (from a calibration on the person's neutral clip); null: each file learns its own. */
  setNeutral(baseline: NeutralBaseline | null): Promise<void>;
  close(): Promise<void>;
}

export class AnalysisError extends Error {
  constructor(
    /** Any code: the page's own errors (pipeline, rules, engine) arrive with theirs, Node's are the 'analysis' ones. */
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}
