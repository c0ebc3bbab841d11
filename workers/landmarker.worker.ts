/**
 * The landmarking worker: MediaPipe Face Landmarker, face selection, action units and the flash
 * engine, on every frame, off the main thread. Exposed to the page with Comlink.
 */
import * as Comlink from 'comlink';
import {
  type FaceSelection,
  type FileInput,
  type FileSummary,
  type FrameResult,
  type LandmarkerApi,
  PipelineError,
  resultTransferables,
  type WorkerInit,
} from '../src/shared/contract/index.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import { loadModel } from './landmarker/create-landmarker.ts';
import { FrameAnalyzer } from './landmarker/frame-analyzer.ts';
import { analyzeVideoFile } from './landmarker/analyze-video-file.ts';
import { DetectPool } from './landmarker/detect-pool.ts';
import { WORKER_DEFAULTS } from './landmarker/defaults.ts';
import { poolSize } from './landmarker/pool-size.ts';
import { ClipKeeper } from './landmarker/clip-keeper.ts';
import { LiveStream } from './landmarker/live-stream.ts';
import { createPostStage } from './landmarker/post-stage.ts';

let analyzer: FrameAnalyzer | null = null;
let live: LiveStream | null = null;
let fileCancelled = false;
/** The landmarkers a source's frames are shared among, kept from source to source while the size stays. */
let pool: DetectPool | null = null;

/** The pool of `size` members (none for 0), the one in use where it already has that size. */
function poolOf(size: number, a: FrameAnalyzer, answerMs: number): DetectPool | null {
  if (size !== (pool?.size ?? 0) || pool?.answerMs !== answerMs) {
    pool?.close();
    pool = size > 0 ? new DetectPool(size, a.delegate().delegate, answerMs) : null;
  }
  return pool;
}
/** Clips of the live source's flashes, only while the page asks for them. */
let clips: ClipKeeper | null = null;

function requireAnalyzer(): FrameAnalyzer {
  if (!analyzer) throw new PipelineError('internal', 'The worker was used before init(); call init() first.');
  return analyzer;
}

function transferResult(r: FrameResult): FrameResult {
  return Comlink.transfer(r, resultTransferables(r));
}

const api = {
  async init(init: WorkerInit, onBaseline) {
    const t0 = performance.now();
    await loadModel();
    analyzer = new FrameAnalyzer(init.delegate, createPostStage({ rules: init.rules, baseline: init.baseline, onBaseline }), () => {
      // No in-place recovery exists (see FrameAnalyzer): stop, and let the bridge's watchdog restart us.
      self.close();
    });
    return { loadMs: performance.now() - t0 };
  },

  async startStream(frames, onResult, options) {
    const a = requireAnalyzer();
    await live?.stop();
    a.resetSession();
    clips?.reset();
    // Without a live pool, a file pool's models' memory is given back.
    const size = options.pool !== undefined ? poolSize(a.delegate().delegate, navigator.hardwareConcurrency ?? 1, options.pool) : 0;
    live = new LiveStream(
      a,
      (frame, r) => {
        clips?.add(frame, r); // before the result's buffers are transferred
        onResult(transferResult(r));
      },
      options.expectedFps,
      poolOf(size, a, WORKER_DEFAULTS.livePoolAnswerMs),
    );
    live.start(frames);
  },

  async processBitmap(bitmap, captureMs, grabMs) {
    const a = requireAnalyzer();
    const arrived = performance.now();
    try {
      const r = await a.analyze(bitmap, {
        frameIndex: -1,
        timestampMs: captureMs,
        width: bitmap.width,
        height: bitmap.height,
        grabMs,
        transferMs: Math.max(0, arrived - captureMs),
      });
      clips?.add(bitmap, r);
      return transferResult(r);
    } finally {
      bitmap.close();
    }
  },

  async stopStream() {
    await live?.stop();
    live = null;
    const open = analyzer?.endSession() ?? [];
    // The last clips are made after Stop has its answer: the page keeps them as they come.
    void clips?.finish(open);
    return open;
  },

  keepClips(onClip, onError) {
    clips = onClip ? new ClipKeeper(onClip, (err) => onError?.(err.message)) : null;
  },

  stats() {
    return live?.stats() ?? { framesIn: 0, processed: 0, dropped: 0, processedFps: 0 };
  },

  async analyzeFile(input: FileInput, onBatch, onInfo, options): Promise<FileSummary> {
    const a = requireAnalyzer();
    await live?.stop();
    live = null;
    fileCancelled = false;
    const size =
      options?.pool !== undefined || WORKER_DEFAULTS.poolByDefault
        ? poolSize(a.delegate().delegate, navigator.hardwareConcurrency ?? 1, options?.pool, options?.pages)
        : 0;
    return analyzeVideoFile(
      a,
      input,
      (results) => onBatch(Comlink.transfer(results, results.flatMap(resultTransferables))),
      onInfo,
      () => fileCancelled,
      options,
      poolOf(size, a, WORKER_DEFAULTS.poolAnswerMs),
    );
  },

  cancelFile() {
    fileCancelled = true;
  },

  selectFace(selection: FaceSelection) {
    requireAnalyzer().selectFace(selection);
  },
  calibrate(durationMs: number) {
    requireAnalyzer().post.calibrate(durationMs);
  },
  setBaseline(baseline) {
    requireAnalyzer().post.setBaseline(baseline);
  },

  crashPoolMember() {
    pool?.crashOne();
  },

  ping() {
    return performance.now();
  },
} satisfies LandmarkerApi;

installErrorTransfer();
Comlink.expose(api);
