/**
 * Runs one drill try in time: the count-in ("3, 2, 1, now"), the window in which the flash must
 * start, and a short wait for a flash that started in it to end. Resolves with the window on the
 * stream's clock; the caller judges it (judgeTry). One try at a time; `cancel` ends it.
 */
import type { PracticeDefaults, TryWindow } from '../../shared/practice/index.ts';
import type { TraceRing } from './trace-ring.ts';

export interface DrillRunnerHooks {
  /** The count-in's text ("3", "2", "1"), "Now!" at the window, "" at the end. */
  count(text: string): void;
}

export class DrillRunner {
  private timers: ReturnType<typeof setTimeout>[] = [];
  private reject: ((e: Error) => void) | null = null;

  constructor(
    private readonly ring: TraceRing,
    private readonly options: Pick<PracticeDefaults, 'countInMs' | 'windowMs' | 'settleMs'>,
    private readonly hooks: DrillRunnerHooks,
  ) {}

  get running(): boolean {
    return this.reject !== null;
  }

  /**
   * Counts in, opens the window, waits; resolves with the window. Rejects when cancelled or when no
   * frames arrive. A try may have its own window and wait (a dissociation lasts seconds).
   */
  run(lengths: { windowMs?: number; settleMs?: number } = {}): Promise<TryWindow> {
    this.cancel();
    const { countInMs } = this.options;
    const windowMs = lengths.windowMs ?? this.options.windowMs;
    const settleMs = lengths.settleMs ?? this.options.settleMs;
    const steps = Math.max(1, Math.round(countInMs / 1000));
    return new Promise<TryWindow>((resolve, reject) => {
      this.reject = reject;
      for (let i = 0; i < steps; i++) this.at((i * countInMs) / steps, () => this.hooks.count(String(steps - i)));
      let window: TryWindow | null = null;
      this.at(countInMs, () => {
        const goMs = this.ring.streamNow();
        if (!Number.isFinite(goMs)) return this.fail(new Error('No frames are being analysed: start the camera and face it.'));
        window = { goMs, endMs: goMs + windowMs };
        this.hooks.count('Now!');
      });
      this.at(countInMs + windowMs, () => this.hooks.count(''));
      this.at(countInMs + windowMs + settleMs, () => {
        this.reject = null;
        this.timers = [];
        if (window) resolve(window);
      });
    });
  }

  cancel(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    const reject = this.reject;
    this.reject = null;
    this.hooks.count('');
    reject?.(new Error('cancelled'));
  }

  private at(ms: number, f: () => void): void {
    this.timers.push(setTimeout(f, ms));
  }

  private fail(e: Error): void {
    const reject = this.reject;
    this.reject = null;
    this.cancel();
    reject?.(e);
  }
}
