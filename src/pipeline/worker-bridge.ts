/**
 * Owns the landmarking worker, and is the one door to it on the page: start, health (a watchdog),
 * restart after a crash with the same settings, the person's neutral and the followed face, file
 * analysis, live frames, calibration, the neutral, rules, close.
 *
 * Health: the worker answers pings between frames. A worker busy on a slow frame answers late,
 * a dead one never: during a file analysis every delivered batch counts as an answer, and the
 * limit is `fileBusyTimeoutMs` (a frame that takes longer than that is a hung worker); otherwise
 * `pingTimeoutMs`. When the worker is replaced, a live source re-attaches (onRestart) and a file
 * analysis that was running fails at once, saying where it stopped, instead of waiting.
 */
import * as Comlink from 'comlink';
import {
  type DelegateChoice,
  type DelegateReport,
  type FaceSelection,
  type FileAnalysisOptions,
  type FileInfo,
  type FileInput,
  type FileSummary,
  type FlashClip,
  type FlashEvent,
  type FrameResult,
  type LandmarkerApi,
  type LiveOptions,
  type NeutralBaseline,
  PipelineError,
  type PipelineStats,
  type Rules,
  type WorkerInit,
} from '../shared/contract/index.ts';
import { installErrorTransfer } from '../shared/comlink-errors.ts';
import { chooseDelegate } from './choose-delegate.ts';
import { PIPELINE_DEFAULTS } from './defaults.ts';

installErrorTransfer();

export interface BridgeEvents {
  /** The worker stopped answering or died; a restart is under way. */
  onCrash?(reason: string): void;
  /** A new worker is ready (after a crash); live sources re-attach here. */
  onRestart?(): void | Promise<void>;
  /** Restarting failed too. */
  onFatal?(err: Error): void;
  /** The neutral in use changed (learnt, calibrated, set or forgotten), as the worker reports it. */
  onBaseline?(baseline: NeutralBaseline | null): void;
}

export interface BridgeOptions {
  delegate: DelegateChoice;
  /** Validated (parseRules); the built-in rules when absent. */
  rules?: Rules;
  baseline?: NeutralBaseline;
}

/** The worker as the bridge sees it: a Comlink endpoint that can be ended. */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export interface BridgeDeps {
  /** Starts a worker (default: the landmarking module worker). */
  spawnWorker?: () => WorkerLike;
  /** Resolves the delegate choice (default: measured, pipeline/choose-delegate.ts). */
  chooseDelegate?: (choice: DelegateChoice) => Promise<DelegateReport>;
  /** ms; PIPELINE_DEFAULTS where not given. */
  timing?: { pingIntervalMs?: number; pingTimeoutMs?: number; fileBusyTimeoutMs?: number };
}

export interface FileHandlers {
  onBatch(results: FrameResult[]): void | Promise<void>;
  onInfo?(info: FileInfo): void;
}

const spawnLandmarker = (): WorkerLike =>
  new Worker(new URL('../../workers/landmarker.worker.ts', import.meta.url), { type: 'module', name: 'landmarker' });

export class WorkerBridge {
  private worker!: WorkerLike;
  private api!: Comlink.Remote<LandmarkerApi>;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastAnswer = performance.now();
  private restarting = false;
  private closed = false;
  private baseline: NeutralBaseline | null;
  private selection: FaceSelection = { mode: 'largest' };
  /** Where the live source's flash clips go, when they are kept (given again to a restarted worker). */
  private clips: { onClip(clip: FlashClip): void | Promise<void>; onError(message: string): void } | null = null;
  private readonly rules: Rules | undefined;
  /** The running file analysis: fails when the worker is replaced. */
  private file: { fail(error: Error): void; frames: number } | null = null;
  private readonly timing: Required<NonNullable<BridgeDeps['timing']>>;
  restarts = 0;

  private constructor(
    private readonly delegateReport: DelegateReport,
    options: BridgeOptions,
    private readonly events: BridgeEvents,
    private readonly deps: BridgeDeps,
  ) {
    this.baseline = options.baseline ?? null;
    this.rules = options.rules;
    this.timing = {
      pingIntervalMs: deps.timing?.pingIntervalMs ?? PIPELINE_DEFAULTS.pingIntervalMs,
      pingTimeoutMs: deps.timing?.pingTimeoutMs ?? PIPELINE_DEFAULTS.pingTimeoutMs,
      fileBusyTimeoutMs: deps.timing?.fileBusyTimeoutMs ?? PIPELINE_DEFAULTS.fileBusyTimeoutMs,
    };
  }

  /** Chooses the delegate (by measurement when 'auto'), then starts the worker. */
  static async start(options: BridgeOptions, events: BridgeEvents = {}, deps: BridgeDeps = {}): Promise<WorkerBridge> {
    const delegate = await (deps.chooseDelegate ?? chooseDelegate)(options.delegate);
    const bridge = new WorkerBridge(delegate, options, events, deps);
    await bridge.spawn();
    bridge.watch();
    return bridge;
  }

  private async spawn(): Promise<void> {
    this.worker = (this.deps.spawnWorker ?? spawnLandmarker)();
    this.worker.addEventListener('error', (e) => {
      (e as Event).preventDefault?.();
      void this.recover(`worker error: ${(e as ErrorEvent).message || 'failed to load'}`);
    });
    this.api = Comlink.wrap<LandmarkerApi>(this.worker);
    const init: WorkerInit = { delegate: this.delegateReport, rules: this.rules, baseline: this.baseline ?? undefined };
    await this.api.init(
      init,
      Comlink.proxy((b: NeutralBaseline | null) => {
        this.baseline = b;
        this.events.onBaseline?.(b);
      }),
    );
    await this.api.selectFace(this.selection);
    if (this.clips) await this.sendClips();
    this.lastAnswer = performance.now();
  }

  private watch(): void {
    this.watchdog = setInterval(() => {
      if (this.restarting || this.closed) return;
      const silentMs = performance.now() - this.lastAnswer;
      const limit = this.file ? this.timing.fileBusyTimeoutMs : this.timing.pingTimeoutMs;
      if (silentMs > limit) {
        void this.recover(
          `no answer for ${Math.round(silentMs)} ms${this.file ? ` during a file analysis (frame ${this.file.frames})` : ''}`,
        );
        return;
      }
      this.api.ping().then(
        () => (this.lastAnswer = performance.now()),
        () => {},
      );
    }, this.timing.pingIntervalMs);
  }

  private async recover(reason: string): Promise<void> {
    if (this.restarting || this.closed) return;
    this.restarting = true;
    this.events.onCrash?.(reason);
    const file = this.file;
    this.file = null;
    file?.fail(
      new PipelineError(
        'worker-crashed',
        `The analysis stopped after frame ${file.frames} (${reason}); nothing after it was analysed. Analyse the file again; if it happens again, close other programs or use a smaller video.`,
      ),
    );
    try {
      this.api[Comlink.releaseProxy]();
      this.worker.terminate();
      await this.spawn();
      this.restarts++;
      await this.events.onRestart?.();
    } catch (err) {
      this.events.onFatal?.(err as Error);
    } finally {
      this.restarting = false;
    }
  }

  /** The delegate in use, with the measurement that chose it. */
  get delegate(): DelegateReport {
    return this.delegateReport;
  }

  /**
   * Analyses every frame of a file, in order. Aborting `signal` stops it after the current frame
   * (the summary then covers the frames done). Rejects with a PipelineError: the worker's, or
   * 'worker-crashed' at once when the worker had to be replaced.
   */
  analyzeFile(
    input: FileInput,
    handlers: FileHandlers,
    options: FileAnalysisOptions & { signal?: AbortSignal } = {},
  ): Promise<FileSummary> {
    if (this.file)
      return Promise.reject(new PipelineError('internal', 'A file analysis is already running; wait for it or cancel it first.'));
    const { signal, ...fileOptions } = options;
    return new Promise<FileSummary>((resolve, reject) => {
      const run = { fail: reject, frames: 0 };
      this.file = run;
      const done = () => {
        if (this.file === run) this.file = null;
        signal?.removeEventListener('abort', abort);
      };
      const abort = () => void this.api.cancelFile().catch(() => {});
      if (signal?.aborted) abort();
      signal?.addEventListener('abort', abort);
      this.lastAnswer = performance.now();
      this.api
        .analyzeFile(
          input,
          Comlink.proxy(async (results: FrameResult[]) => {
            this.lastAnswer = performance.now();
            run.frames += results.length;
            await handlers.onBatch(results);
          }),
          Comlink.proxy((info: FileInfo) => handlers.onInfo?.(info)),
          fileOptions,
        )
        .then(
          (summary) => {
            done();
            resolve(summary);
          },
          (error: unknown) => {
            done();
            reject(error);
          },
        );
    });
  }

  /** Live: frames from a transferred MediaStreamTrackProcessor readable, newest wins. */
  startStream(readable: ReadableStream<VideoFrame>, onResult: (r: FrameResult) => void, options: LiveOptions): Promise<void> {
    return this.api.startStream(Comlink.transfer(readable, [readable as unknown as Transferable]), Comlink.proxy(onResult), options);
  }

  /** Live fallback and stills: one grabbed frame (transferred). */
  processBitmap(bitmap: ImageBitmap, captureMs: number, grabMs: number): Promise<FrameResult> {
    return this.api.processBitmap(Comlink.transfer(bitmap, [bitmap]), captureMs, grabMs);
  }

  /** Stops the live source; resolves with the expressions it left open, completed. */
  stopStream(): Promise<FlashEvent[]> {
    return this.api.stopStream();
  }

  /** Live: keep a short clip of each flash, handed to `onClip` (null: keep none). */
  async keepClips(
    onClip: ((clip: FlashClip) => void | Promise<void>) | null,
    onError: (message: string) => void = () => {},
  ): Promise<void> {
    this.clips = onClip ? { onClip, onError } : null;
    await this.sendClips();
  }

  private sendClips(): Promise<void> {
    const c = this.clips;
    return this.api.keepClips(c ? Comlink.proxy(c.onClip) : null, c ? Comlink.proxy(c.onError) : undefined);
  }

  stats(): Promise<PipelineStats> {
    return this.api.stats();
  }

  async selectFace(selection: FaceSelection): Promise<void> {
    this.selection = selection;
    await this.api.selectFace(selection);
  }

  /** Starts a neutral calibration over the next `durationMs` of face frames. */
  calibrate(durationMs: number): Promise<void> {
    return this.api.calibrate(durationMs);
  }

  /** The neutral in use, as the worker last reported it (kept across restarts). */
  currentBaseline(): NeutralBaseline | null {
    return this.baseline;
  }

  /** The person's neutral for what comes next (validated in the worker); null forgets it. */
  async setBaseline(baseline: NeutralBaseline | null): Promise<void> {
    await this.api.setBaseline(baseline);
    this.baseline = baseline;
  }

  /** For the test harness: a landmarker of the file pool crashes. */
  crashPoolMember(): Promise<void> {
    return this.api.crashPoolMember();
  }

  /** For the test harness: ends the worker as a crash would; the watchdog must bring it back. */
  simulateCrash(): void {
    this.worker.terminate();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    this.file?.fail(new PipelineError('internal', 'The analysis was closed.'));
    this.file = null;
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
