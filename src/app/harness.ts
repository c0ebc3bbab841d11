/**
 * Headless entry point for batch analysis and end-to-end tests: the same worker pipeline as the
 * app, driven from Node (Playwright) through `window.microflash`. Frames go back to Node through a
 * binding the driver exposes as `window.microflashFrames`.
 */
import { toAnalyzedFrame } from '../shared/analyzed-frame.ts';
import {
  AU_CHANNELS,
  isErrorCode,
  type Delegate,
  type DelegateChoice,
  type FaceSelection,
  type FileInfo,
  type FrameResult,
  type NeutralBaseline,
} from '../shared/contract/index.ts';
import { parseRules } from '../shared/flash/index.ts';
import { AuTraceBuilder } from '../shared/timeline/au-trace.ts';
import { Timeline } from './ui/timeline.ts';
import type { AnalyzeOutcome, HarnessApi, LiveStatus } from '../shared/harness-api.ts';
import { PROFILE_VARIANTS, type ProfileApi } from '../shared/profile-api.ts';
import * as Comlink from 'comlink';
import { LiveSession, type Transport } from '../pipeline/live-session.ts';
import { answerOrNull } from '../pipeline/answer-or-null.ts';
import { openCamera } from '../pipeline/sources.ts';
import { WorkerBridge } from '../pipeline/worker-bridge.ts';

let bridge: WorkerBridge | null = null;
let live: LiveSession | null = null;
const liveLog = {
  results: 0,
  withFace: 0,
  firstMs: NaN,
  lastMs: NaN,
  crashes: 0,
  restarts: 0,
  errors: [] as string[],
  clips: 0,
  /** Capture time of the last result, and results that came at or before the one before them. */
  lastCaptureMs: -Infinity,
  outOfOrder: 0,
};
/** Frames whose stage times the harness keeps when not told (resetLiveLog): a minute at 60 fps. */
const DEFAULT_TIMING_FRAMES = 3600;
const STAGES = ['grabMs', 'transferMs', 'convertMs', 'inferenceMs', 'postMs'] as const;
/**
 * Per-frame stage times, in arrays allocated when the log is reset: a soak's own bookkeeping must
 * not grow the heap it measures. Frames beyond the capacity are counted but their times not kept.
 */
let timings = allocateTimings(DEFAULT_TIMING_FRAMES);
let timed = 0;

function allocateTimings(frames: number): Record<(typeof STAGES)[number], Float64Array> {
  return Object.fromEntries(STAGES.map((k) => [k, new Float64Array(frames)])) as Record<(typeof STAGES)[number], Float64Array>;
}
const longTasks = { count: 0, maxMs: 0 };
// Main-thread blocking, for the benchmark: every task over 50 ms.
if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks.count++;
      longTasks.maxMs = Math.max(longTasks.maxMs, e.duration);
    }
  }).observe({ type: 'longtask', buffered: false });
}

function requireBridge(): WorkerBridge {
  if (!bridge) throw new Error('call microflash.init() first');
  return bridge;
}

function record(r: FrameResult): void {
  liveLog.results++;
  if (r.facePresent) liveLog.withFace++;
  if (r.timestampMs <= liveLog.lastCaptureMs) liveLog.outOfOrder++;
  liveLog.lastCaptureMs = r.timestampMs;
  if (timed < timings.postMs.length) {
    for (const k of STAGES) timings[k][timed] = r.timings[k];
    timed++;
  }
  const now = performance.now();
  if (Number.isNaN(liveLog.firstMs)) liveLog.firstMs = now;
  liveLog.lastMs = now;
}

const harness = {
  async init(options: { delegate?: DelegateChoice; rules?: unknown } = {}) {
    const t0 = performance.now();
    bridge = await WorkerBridge.start(
      {
        delegate: options.delegate ?? 'auto',
        rules: options.rules === undefined || options.rules === null ? undefined : parseRules(options.rules),
      },
      {
        onCrash: (reason) => {
          live?.detach();
          liveLog.crashes++;
          liveLog.errors.push(reason);
        },
        onRestart: async () => {
          liveLog.restarts++;
          if (live && bridge) await live.attach(bridge);
        },
        onFatal: (err) => liveLog.errors.push(err.message),
      },
    );
    return { initMs: performance.now() - t0 };
  },

  async delegate() {
    return requireBridge().delegate;
  },

  async analyzeImageUrl(url: string, captureMs?: number) {
    const b = requireBridge();
    const blob = await (await fetch(url)).blob();
    const bitmap = await createImageBitmap(blob);
    const r = await b.processBitmap(bitmap, captureMs ?? performance.now(), 0);
    return {
      faceCount: r.faceCount,
      facePresent: r.facePresent,
      faceIndex: r.faceIndex,
      faceBoxes: Array.from(r.faceBoxes),
      baselineReady: r.baselineReady,
      blendshapes: Array.from(r.blendshapes),
    };
  },

  async selectFace(selection: FaceSelection) {
    await requireBridge().selectFace(selection);
  },

  /** Analyses a same-origin URL (the driver serves the file); frames stream to microflashFrames. */
  async analyzeUrl(
    url: string,
    name: string,
    options: { raw?: boolean; calibrate?: boolean; pool?: number; pages?: number } = {},
  ): Promise<AnalyzeOutcome> {
    const b = requireBridge();
    const sink = window.microflashFrames;
    try {
      const summary = await b.analyzeFile(
        { kind: 'url', url, name },
        {
          async onBatch(results: FrameResult[]) {
            if (sink) await sink(results.map((r) => toAnalyzedFrame(r, options.raw)));
          },
          onInfo(info: FileInfo) {
            void window.microflashInfo?.(info);
          },
        },
        {
          calibrate: options.calibrate === true,
          ...(options.pool !== undefined ? { pool: options.pool } : {}),
          ...(options.pages !== undefined ? { pages: options.pages } : {}),
        },
      );
      return { ok: true, summary };
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      return { ok: false, code: isErrorCode(code) ? code : 'internal', message: (err as Error).message };
    }
  },

  /** The person's neutral for everything analysed next (validated in the worker); null: learn one per file. */
  async setBaseline(baseline: NeutralBaseline | null) {
    await requireBridge().setBaseline(baseline);
  },

  /** Opens the (fake) camera and streams it through the worker. */
  async startCamera(transport?: Transport, options: { clips?: boolean; pool?: number } = {}) {
    const b = requireBridge();
    liveLog.clips = 0;
    liveLog.lastCaptureMs = -Infinity;
    await b.keepClips(options.clips ? () => void liveLog.clips++ : null, (why) => liveLog.errors.push(`clip: ${why}`));
    const stream = await openCamera();
    const video = document.getElementById('video') as HTMLVideoElement;
    live = new LiveSession(stream, video, { onResult: record, onEnded: () => liveLog.errors.push('track ended') }, transport, options.pool);
    // Headless: the frame grabber needs a playing element; the track processor does not.
    if (live.transport === 'video-frame-callback') {
      video.srcObject = stream;
      await video.play();
    }
    await live.attach(b);
    return { transport: live.transport, settings: live.settings() };
  },

  /** Starts the log afresh, keeping the stage times of up to `frames` frames. */
  resetLiveLog(frames = DEFAULT_TIMING_FRAMES) {
    Object.assign(liveLog, { results: 0, withFace: 0, firstMs: NaN, lastMs: NaN, outOfOrder: 0 });
    if (frames !== timings.postMs.length) timings = allocateTimings(frames);
    timed = 0;
    Object.assign(longTasks, { count: 0, maxMs: 0 });
  },

  async liveStatus(): Promise<LiveStatus> {
    const b = requireBridge();
    // A dead worker never answers; don't wait on it while the bridge restarts it.
    const stats = live ? await answerOrNull(live.stats(b), 1000) : null;
    const spanS = (liveLog.lastMs - liveLog.firstMs) / 1000;
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return {
      results: liveLog.results,
      withFace: liveLog.withFace,
      crashes: liveLog.crashes,
      restarts: liveLog.restarts,
      errors: [...liveLog.errors],
      meanFps: spanS > 0 ? (liveLog.results - 1) / spanS : 0,
      stats,
      restartsTotal: b.restarts,
      longTasks: { ...longTasks },
      heapBytes: memory?.usedJSHeapSize ?? null,
      clips: liveLog.clips,
      outOfOrder: liveLog.outOfOrder,
    };
  },

  liveTimings() {
    const kept = (k: (typeof STAGES)[number]) => Array.from(timings[k].subarray(0, timed));
    return {
      grabMs: kept('grabMs'),
      transferMs: kept('transferMs'),
      convertMs: kept('convertMs'),
      inferenceMs: kept('inferenceMs'),
      postMs: kept('postMs'),
    };
  },

  async stopCamera() {
    await live?.stop(bridge);
    live = null;
  },

  crashWorker() {
    requireBridge().simulateCrash();
  },

  async crashPoolMember() {
    await requireBridge().crashPoolMember();
  },

  async profile(url: string, frames: number, delegate: Delegate) {
    const rows = [];
    for (const variant of PROFILE_VARIANTS) {
      const worker = new Worker(new URL('../../workers/profile.worker.ts', import.meta.url), { type: 'module', name: 'profile' });
      try {
        rows.push(...(await Comlink.wrap<ProfileApi>(worker).profile(url, frames, delegate, variant)));
      } finally {
        worker.terminate();
      }
    }
    return rows;
  },

  async timelineBench(frames: number, steps: number) {
    const fps = 30;
    const trace = new AuTraceBuilder();
    const row = new Float32Array(AU_CHANNELS.length);
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < row.length; c++) row[c] = 2.5 + 2.5 * Math.sin(i / (20 + c) + c);
      trace.push({ timestampMs: (i * 1000) / fps, facePresent: i % 500 !== 0, aus: row, speech: i % 300 < 120 ? 'talking' : 'quiet' });
    }
    const durationS = frames / fps;
    const kinds = ['anger', 'happiness', 'sadness', 'surprise'] as const;
    const bands = Array.from({ length: Math.floor(durationS / 6) }, (_, k) => ({
      kind: kinds[k % kinds.length]!,
      startS: k * 6 + 1,
      endS: k * 6 + 1.2,
    }));
    const markers = Array.from({ length: Math.floor(durationS / 90) }, (_, k) => ({ atS: k * 90 + 45, note: `note ${k}` }));
    const root = document.createElement('div');
    root.style.width = '1000px';
    document.body.append(root);
    const timeline = new Timeline(root, () => {});
    const painted = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const d0 = performance.now();
    await timeline.show({ trace: trace.build(), bands, markers });
    await painted();
    const drawMs = performance.now() - d0;
    const times: number[] = [];
    for (let k = 0; k < steps; k++) {
      const span = k % 2 ? durationS : durationS / 10;
      const min = ((k * durationS) / steps) % (durationS - span + 1);
      const t0 = performance.now();
      timeline.setRange(min, min + span);
      await painted();
      times.push(performance.now() - t0);
    }
    timeline.destroy();
    root.remove();
    times.sort((a, b) => a - b);
    return { drawMs, panMedianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, panMaxMs: times[times.length - 1] ?? Number.NaN };
  },
};

window.microflash = harness satisfies HarnessApi;
document.body.dataset.ready = 'true';
