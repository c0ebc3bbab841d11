/**
 * Owns the landmarking worker: start, health (a ping watchdog), restart after a crash with the same
 * settings and baseline, close. The one place on the page that talks to the worker.
 */
import * as Comlink from 'comlink';
import type { DelegateChoice, DelegateReport, FaceSelection } from '../shared/protocol.ts';
import type { LandmarkerApi, WorkerInit } from '../shared/worker-api.ts';
import { installErrorTransfer } from '../shared/comlink-errors.ts';
import { chooseDelegate } from './choose-delegate.ts';
import { PIPELINE_DEFAULTS } from './defaults.ts';

installErrorTransfer();

export interface BridgeEvents {
  /** The worker stopped answering or died; a restart is under way. */
  onCrash?(reason: string): void;
  /** A new worker is ready (after a crash); live sources re-attach here. */
  onRestart?(api: Comlink.Remote<LandmarkerApi>): void | Promise<void>;
  /** Restarting failed too. */
  onFatal?(err: Error): void;
}

export interface BridgeOptions {
  delegate: DelegateChoice;
  rules?: unknown;
  baseline?: unknown;
}

export class WorkerBridge {
  private worker!: Worker;
  api!: Comlink.Remote<LandmarkerApi>;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastPong = performance.now();
  private restarting = false;
  private closed = false;
  private savedBaseline: unknown = null;
  private selection: FaceSelection = { mode: 'largest' };
  restarts = 0;

  private constructor(
    private readonly init: WorkerInit,
    private readonly events: BridgeEvents,
  ) {}

  /** Chooses the delegate (by measurement when 'auto'), then starts the worker. */
  static async start(options: BridgeOptions, events: BridgeEvents = {}): Promise<WorkerBridge> {
    const delegate = await chooseDelegate(options.delegate);
    const bridge = new WorkerBridge({ delegate, rules: options.rules, baseline: options.baseline }, events);
    await bridge.spawn();
    bridge.watch();
    return bridge;
  }

  private async spawn(): Promise<void> {
    this.worker = new Worker(new URL('../../workers/landmarker.worker.ts', import.meta.url), {
      type: 'module',
      name: 'landmarker',
    });
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      void this.recover(`worker error: ${e.message || 'failed to load'}`);
    });
    this.api = Comlink.wrap<LandmarkerApi>(this.worker);
    await this.api.init({ ...this.init, baseline: this.savedBaseline ?? this.init.baseline });
    await this.api.selectFace(this.selection);
    this.lastPong = performance.now();
  }

  private watch(): void {
    let lastBaselineSave = performance.now();
    this.watchdog = setInterval(() => {
      if (this.restarting || this.closed) return;
      const now = performance.now();
      if (now - this.lastPong > PIPELINE_DEFAULTS.pingTimeoutMs) {
        void this.recover(`no answer for ${Math.round(now - this.lastPong)} ms`);
        return;
      }
      this.api.ping().then(
        () => (this.lastPong = performance.now()),
        () => {},
      );
      if (now - lastBaselineSave > PIPELINE_DEFAULTS.baselineSaveIntervalMs) {
        lastBaselineSave = now;
        this.api.getBaseline().then(
          (b) => {
            if (b) this.savedBaseline = b;
          },
          () => {},
        );
      }
    }, PIPELINE_DEFAULTS.pingIntervalMs);
  }

  private async recover(reason: string): Promise<void> {
    if (this.restarting || this.closed) return;
    this.restarting = true;
    this.events.onCrash?.(reason);
    try {
      this.api[Comlink.releaseProxy]();
      this.worker.terminate();
      await this.spawn();
      this.restarts++;
      await this.events.onRestart?.(this.api);
    } catch (err) {
      this.events.onFatal?.(err as Error);
    } finally {
      this.restarting = false;
    }
  }

  async selectFace(selection: FaceSelection): Promise<void> {
    this.selection = selection;
    await this.api.selectFace(selection);
  }

  /** The delegate in use, with the measurement that chose it. */
  get delegate(): DelegateReport {
    return this.init.delegate;
  }

  /** Test hook: kill the worker as a crash would; the watchdog must bring it back. */
  crashForTest(): void {
    // Never answers: the worker is gone.
    void this.api.crashForTest();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.watchdog);
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
