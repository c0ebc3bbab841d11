/**
 * `window.microflash` on the headless harness page (harness.html), as the Node driver (command
 * line, tests, benchmarks) sees it. Types only.
 */
import type { AnalyzedFrame } from './analyzed-frame.ts';
import type { ProfileRow } from './profile-api.ts';
import type {
  Delegate,
  DelegateChoice,
  DelegateReport,
  ErrorCode,
  FaceSelection,
  FileInfo,
  FileSummary,
  NeutralBaseline,
  PipelineStats,
} from './contract/index.ts';

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
  /** Clips of flashes made since the camera started with `clips` (startCamera). */
  clips: number;
  /** Results since the last reset whose capture time was not after the previous result's. */
  outOfOrder: number;
}

export interface HarnessApi {
  init(options?: { delegate?: DelegateChoice; rules?: unknown }): Promise<{ initMs: number }>;
  delegate(): Promise<DelegateReport | null>;
  /** Runs one still image (same-origin URL) through the worker. */
  /** Analyses a still as one live frame at `captureMs` (default: now); repeated, a still is a clip of a face that does not move. */
  analyzeImageUrl(
    url: string,
    captureMs?: number,
  ): Promise<{
    faceCount: number;
    facePresent: boolean;
    faceIndex: number;
    faceBoxes: number[];
    baselineReady: boolean;
    blendshapes: number[];
  }>;
  /** Follows another face (a point in normalised image coordinates) or the largest again. */
  selectFace(selection: FaceSelection): Promise<void>;
  /** `calibrate`: the file shows the person's neutral; the summary's baseline is calibrated over all of it. */
  /** `pool`: landmarkers for the file (FileAnalysisOptions.pool). */
  analyzeUrl(
    url: string,
    name: string,
    options?: { raw?: boolean; calibrate?: boolean; pool?: number; pages?: number },
  ): Promise<AnalyzeOutcome>;
  /** The person's neutral for everything analysed next; null: each file learns its own. */
  setBaseline(baseline: NeutralBaseline | null): Promise<void>;
  /** `clips`: keep a short clip of each flash too (counted in liveStatus, not stored), to measure what it costs; `pool`: landmarkers sharing the frames (LiveOptions.pool). */
  startCamera(
    transport?: 'track-processor' | 'video-frame-callback',
    options?: { clips?: boolean; pool?: number },
  ): Promise<{ transport: string; settings: { width?: number; height?: number; frameRate?: number } }>;
  /** Starts the live log afresh, keeping the stage times of up to `frames` frames (default a minute at 60 fps). */
  resetLiveLog(frames?: number): void;
  liveStatus(): Promise<LiveStatus>;
  /** Per-stage timings of the frames since the last reset (ms arrays), for benchmarks. */
  liveTimings(): { grabMs: number[]; transferMs: number[]; convertMs: number[]; inferenceMs: number[]; postMs: number[] };
  stopCamera(): Promise<void>;
  crashWorker(): void;
  /**
   * Benchmark of the review timeline: a synthetic session of `frames` frames at 30 fps (every AU
   * moving, a flash every 6 s, a marker every 90 s) drawn, then panned and zoomed `steps` times;
   * ms of the first draw (uPlot loaded, drawn and painted) and the median ms per pan or zoom (to the next painted frame).
   */
  /** A landmarker of the file pool crashes (during a file analysis). */
  crashPoolMember(): Promise<void>;
  /** Where a frame's time goes in the landmarker, by ablation, on the first `frames` frames of the video at `url` (workers/profile.worker.ts). */
  profile(url: string, frames: number, delegate: Delegate): Promise<ProfileRow[]>;
  timelineBench(frames: number, steps: number): Promise<{ drawMs: number; panMedianMs: number; panMaxMs: number }>;
}

declare global {
  interface Window {
    microflash: HarnessApi;
    /** Exposed by the Node driver. */
    microflashFrames?: (frames: AnalyzedFrame[]) => Promise<void>;
    microflashInfo?: (info: FileInfo) => Promise<void>;
  }
}
