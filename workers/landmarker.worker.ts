/**
 * The landmarking worker: MediaPipe Face Landmarker, face selection, action units and the flash
 * engine, on every frame, off the main thread. Exposed to the page with Comlink.
 */
import * as Comlink from 'comlink';
import {
  PipelineError,
  resultTransferables,
  type FaceSelection,
  type FrameResult,
} from '../src/shared/protocol.ts';
import type { FileInput, FileSummary, LandmarkerApi, WorkerInit } from '../src/shared/worker-api.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import { loadModel } from './landmarker/create-landmarker.ts';
import { WORKER_DEFAULTS } from './landmarker/defaults.ts';
import { FrameAnalyzer } from './landmarker/frame-analyzer.ts';
import { openVideoFile } from './landmarker/file-source.ts';
import { LiveStream } from './landmarker/live-stream.ts';
import { createPostStage } from './landmarker/post-stage.ts';

let analyzer: FrameAnalyzer | null = null;
let live: LiveStream | null = null;
let fileCancelled = false;

function requireAnalyzer(): FrameAnalyzer {
  if (!analyzer) throw new PipelineError('internal', 'The worker was used before init(); call init() first.');
  return analyzer;
}

function transferResult(r: FrameResult): FrameResult {
  return Comlink.transfer(r, resultTransferables(r));
}

const api = {
  async init(init: WorkerInit) {
    const t0 = performance.now();
    await loadModel();
    analyzer = new FrameAnalyzer(init.delegate, createPostStage({ rules: init.rules, baseline: init.baseline }), () => {
      // No in-place recovery exists (see FrameAnalyzer): stop, and let the bridge's watchdog restart us.
      self.close();
    });
    return { loadMs: performance.now() - t0 };
  },

  async startStream(frames, onResult, options) {
    const a = requireAnalyzer();
    await live?.stop();
    a.resetSession();
    live = new LiveStream(a, (r) => onResult(transferResult(r)), options.expectedFps);
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
      return transferResult(r);
    } finally {
      bitmap.close();
    }
  },

  async stopStream() {
    await live?.stop();
    live = null;
  },

  stats() {
    return live?.stats() ?? { framesIn: 0, processed: 0, dropped: 0, processedFps: 0 };
  },

  async analyzeFile(input: FileInput, onBatch, onInfo): Promise<FileSummary> {
    const a = requireAnalyzer();
    await live?.stop();
    live = null;
    a.resetSession();
    fileCancelled = false;
    const t0 = performance.now();
    const file = await openVideoFile(input);
    onInfo?.(file.info);
    let batch: FrameResult[] = [];
    const stageMs = { decode: 0, inference: 0, post: 0, deliver: 0 };
    const send = async () => {
      if (batch.length === 0) return;
      const out = batch;
      batch = [];
      const t = performance.now();
      await onBatch(Comlink.transfer(out, out.flatMap(resultTransferables)));
      stageMs.deliver += performance.now() - t;
    };
    let n = 0;
    let lastMs = 0;
    let waitFrom = performance.now();
    try {
      for await (const { frame, timestampMs } of file.frames()) {
        stageMs.decode += performance.now() - waitFrom;
        try {
          const r = await a.analyze(frame, {
              frameIndex: n,
              timestampMs,
              width: frame.displayWidth,
              height: frame.displayHeight,
              grabMs: 0,
              transferMs: 0,
            });
          stageMs.inference += r.timings.inferenceMs;
          stageMs.post += r.timings.postMs;
          batch.push(r);
        } finally {
          frame.close();
        }
        n++;
        lastMs = timestampMs;
        // The newest result stays back, so that events closed by the end of the file can ride on it.
        if (batch.length > WORKER_DEFAULTS.fileBatchSize) {
          const newest = batch.pop() as FrameResult;
          await send();
          batch.push(newest);
        }
        if (fileCancelled) break;
        waitFrom = performance.now();
      }
      // Events still open at the end of the file end with it.
      const tail = a.post.flush(lastMs);
      const last = batch[batch.length - 1];
      if (tail.length > 0 && last) last.events.push(...tail);
      await send();
    } finally {
      file.close();
    }
    return { ...file.info, framesAnalysed: n, delegate: a.delegate(), elapsedMs: performance.now() - t0, stageMs };
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
  getBaseline() {
    return requireAnalyzer().post.getBaseline();
  },
  setBaseline(baseline: unknown) {
    requireAnalyzer().post.setBaseline(baseline);
  },
  setRules(rules: unknown) {
    requireAnalyzer().post.setRules(rules);
  },
  resetSession() {
    requireAnalyzer().resetSession();
  },

  ping() {
    return performance.now();
  },
  crashForTest() {
    self.close();
  },
} satisfies LandmarkerApi;

installErrorTransfer();
Comlink.expose(api);
