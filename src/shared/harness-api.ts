/**
 * `window.microflash` on the headless harness page (harness.html), as the Node driver (command
 * line, tests, benchmarks) sees it. Types only.
 */
import type { AnalyzedFrame } from './analyzed-frame.ts';
import type { DelegateChoice, DelegateReport, ErrorCode, FileInfo, FileSummary, NeutralBaseline, PipelineStats } from './contract/index.ts';

export type AnalyzeOutcome = { ok: true; summary: FileSummary } | { ok: false; code: ErrorCode; message: string };

export interface LiveStatus {
  results: number;
  withFace: number;
  crashes: number;
  restarts: number;
  errors: string[];
  /** Results per second between the first and last result since the last reset. */
  meanFps: number;
  stats: PipelineStats | null;
  restartsTotal: number;
  longTasks: { count: number; maxMs: number };
  heapBytes: number | null;
}

export interface HarnessApi {
  init(options?: { delegate?: DelegateChoice; rules?: unknown }): Promise<{ initMs: number }>;
  delegate(): Promise<DelegateReport | null>;
  /** Runs one still image (same-origin URL) through the worker. */
  analyzeImageUrl(url: string): Promise<{ faceCount: number; facePresent: boolean; blendshapes: number[] }>;
  /** `calibrate`: the file shows the person's neutral; the summary's baseline is calibrated over all of it. */
  analyzeUrl(url: string, name: string, options?: { raw?: boolean; calibrate?: boolean }): Promise<AnalyzeOutcome>;
  /** The person's neutral for everything analysed next; null: each file learns its own. */
  setBaseline(baseline: NeutralBaseline | null): Promise<void>;
  startCamera(
    transport?: 'track-processor' | 'video-frame-callback',
  ): Promise<{ transport: string; settings: { width?: number; height?: number; frameRate?: number } }>;
  resetLiveLog(): void;
  liveStatus(): Promise<LiveStatus>;
  /** Per-stage timings of the frames since the last reset (ms arrays), for benchmarks. */
  liveTimings(): { grabMs: number[]; transferMs: number[]; inferenceMs: number[]; postMs: number[] };
  stopCamera(): Promise<void>;
  crashWorker(): void;
}

declare global {
  interface Window {
    microflash: HarnessApi;
    /** Exposed by the Node driver. */
    microflashFrames?: (frames: AnalyzedFrame[]) => Promise<void>;
    microflashInfo?: (info: FileInfo) => Promise<void>;
  }
}
