/**
 * The landmarking worker's interface, as the page sees it through Comlink. Types only: the worker
 * implements it (`satisfies LandmarkerApi`), the page's bridge wraps it. Callbacks passed in are
 * Comlink proxies; typed arrays in results are transferred.
 */
import type { FlashClip } from './clip.ts';
import type { FlashEvent } from './flash-event.ts';
import type { DelegateReport, FaceSelection, FrameResult, PipelineStats } from './frame.ts';
import type { NeutralBaseline } from './neutral-baseline.ts';
import type { Rules } from './rules.ts';

export interface WorkerInit {
  /** Chosen on the page by measurement (pipeline/choose-delegate.ts), with the reason. */
  delegate: DelegateReport;
  /** Flash rules (validated on the page with parseRules, and again in the worker); the built-in rules when absent. */
  rules?: Rules;
  /** A saved neutral baseline to start from (the session's given neutral). */
  baseline?: NeutralBaseline;
}

export interface WorkerReady {
  /** ms spent loading the wasm runtime and the model. */
  loadMs: number;
}

/** Facts about a video file, read from its container. */
export interface FileInfo {
  width: number;
  height: number;
  codec: string;
  container: string;
  durationS: number;
  /** Frames in the video track, or null where the container does not say. */
  frameCount: number | null;
  /**
   * Clockwise rotation (degrees) the file asks players to show its frames at (a phone's
   * `rotate=90`); the frames are analysed so turned, upright as a player shows them, and
   * width and height are those of the turned frame.
   */
  rotation: 0 | 90 | 180 | 270;
}

/** How a file is read. */
export interface FileAnalysisOptions {
  /**
   * The file shows the person's neutral face: calibrate the neutral over all of it (the summary
   * returns it, to read the person's other files against).
   */
  calibrate?: boolean;
  /**
   * Landmarkers working on the file's frames at once, each in its own worker (0: the analysis
   * worker's own). Absent: none (WORKER_DEFAULTS.poolByDefault); asked for on the CPU, one per core is what fills them.
   */
  pool?: number;
  /** Pages analysing files at once on this machine (the command line's --jobs): the default pool shares the cores among them. */
  pages?: number;
}

export interface FileSummary extends FileInfo {
  /** Frames analysed (every frame of the track). */
  framesAnalysed: number;
  delegate: DelegateReport | null;
  elapsedMs: number;
  /** Total ms spent per stage: waiting for decoded frames, turning them into images for the model, landmarking, post stage, handing results over. */
  stageMs: { decode: number; convert: number; inference: number; post: number; deliver: number };
  /** Landmarkers the frames were shared among (0: the analysis worker's own model alone); pool members replaced after a crash. */
  pool: { size: number; replaced: number };
  /** The neutral the file was read against at its end (calibrated over it when asked), or null if none formed. */
  baseline: NeutralBaseline | null;
}

/** Where a file comes from: bytes the page holds, or a same-origin URL the worker can range-read. */
export type FileInput = { kind: 'blob'; blob: Blob; name: string } | { kind: 'url'; url: string; name: string };

export interface LiveOptions {
  /** Source frame rate, for the dropped-frame count where the stream itself drops. */
  expectedFps?: number;
  /**
   * Landmarkers the frames are shared among (each a worker with its own model; up to one frame
   * each at once, finished in capture order). Absent or 0: the analysis worker's own model alone.
   */
  pool?: number;
}

export interface LandmarkerApi {
  /**
   * Loads wasm + model; the landmarker itself is made on the first frame. `onBaseline` is told
   * whenever the neutral in use changes (learnt, calibrated, set, forgotten): the page keeps it for
   * a restart and shows it (a Comlink proxy).
   */
  init(init: WorkerInit, onBaseline?: (baseline: NeutralBaseline | null) => void): Promise<WorkerReady>;

  /** Live: consume a transferred MediaStreamTrackProcessor readable, newest frame wins. */
  startStream(frames: ReadableStream<VideoFrame>, onResult: (r: FrameResult) => void, options: LiveOptions): Promise<void>;
  /** Live fallback: one grabbed frame (transferred ImageBitmap), captured at `captureMs`. */
  processBitmap(bitmap: ImageBitmap, captureMs: number, grabMs: number): Promise<FrameResult>;
  /**
   * Stops the live source (the stream, or the grabbed frames of the fallback) and completes every
   * expression still open at its last frame (ended by `flush`); resolves with those events once the
   * last frame is closed, so that nothing open at Stop is lost.
   */
  stopStream(): Promise<FlashEvent[]>;
  stats(): PipelineStats;
  /**
   * Live: keep a short clip of each flash (the followed face, small, about a second around it),
   * handed to `onClip` once made (the last ones shortly after stopStream); `onError` says why one
   * could not be made. null stops keeping clips; nothing is kept by default.
   */
  keepClips(onClip: ((clip: FlashClip) => void | Promise<void>) | null, onError?: (message: string) => void): void;

  /** Analyses every frame of a file in order; results arrive in batches, in order. */
  analyzeFile(
    input: FileInput,
    onBatch: (results: FrameResult[]) => void | Promise<void>,
    onInfo?: (info: FileInfo) => void,
    options?: FileAnalysisOptions,
  ): Promise<FileSummary>;
  /** Stops a running file analysis after the current frame. */
  cancelFile(): void;

  selectFace(selection: FaceSelection): void;
  /** Starts an explicit neutral calibration over the next `durationMs` of frames. */
  calibrate(durationMs: number): void;
  /** Uses a neutral (validated in the worker) as the session's given neutral: later sources and files start from it. null forgets it. */
  setBaseline(baseline: NeutralBaseline | null): void;

  /** For the test harness: a member of the file pool crashes (it must be replaced, every frame still analysed once, in order). */
  crashPoolMember(): void;

  /** Health check for the bridge's watchdog. */
  ping(): number;
}
