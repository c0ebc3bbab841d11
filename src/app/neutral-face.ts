/**
 * The neutral face on the page: "Calibrate neutral" (success is what the worker reports; without a
 * face in view it never comes, and the page says so), "Save this neutral", and a stored neutral
 * checked before it is used.
 */
import { AU_DEFAULTS, validateNeutralBaseline, type NeutralBaseline } from '../shared/au/index.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';
import type { Messages } from './messages.ts';
import type { DataStore } from './storage/data-store.ts';
import type { Layout } from './ui/layout.ts';

export const NEUTRAL_FACE_DEFAULTS = {
  /** A calibration not reported done this long after its window (AU_DEFAULTS.calibration.durationMs) ended has failed (ms). */
  calibrationGraceMs: 1500,
} as const;

export class NeutralFace {
  private calibrationTimer: ReturnType<typeof setTimeout> | undefined;
  private calibrating = false;
  /** Those waiting for the calibration under way: true when it completed, false when it failed. */
  private waiting: ((done: boolean) => void)[] = [];

  constructor(
    private readonly ui: Layout,
    private readonly store: DataStore,
    private readonly messages: Messages,
    private readonly hooks: { bridge(): WorkerBridge | null; saved(): void },
  ) {
    ui.calibrate.addEventListener('click', () => void this.calibrate());
    ui.saveBaseline.addEventListener('click', () => void this.save());
  }

  /** Calibrates and resolves when the worker reports the new neutral (true) or the calibration failed (false). */
  calibrateAndWait(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      this.waiting.push(resolve);
      void this.calibrate();
    });
  }

  private settle(done: boolean): void {
    for (const w of this.waiting.splice(0)) w(done);
  }

  private async calibrate(): Promise<void> {
    const bridge = this.hooks.bridge();
    if (!bridge) return this.settle(false);
    const durationMs = AU_DEFAULTS.calibration.durationMs;
    await bridge.calibrate(durationMs);
    const seconds = durationMs / 1000;
    this.messages.say('info', `Relax your face and look at the camera for ${seconds} seconds…`);
    clearTimeout(this.calibrationTimer);
    this.calibrating = true;
    this.calibrationTimer = setTimeout(() => {
      if (!this.calibrating) return;
      this.calibrating = false;
      this.settle(false);
      this.messages.say(
        'warn',
        `Calibration did not finish: your face was not in view for ${seconds} seconds. Face the camera, keep still and relaxed, and press Calibrate again.`,
      );
    }, durationMs + NEUTRAL_FACE_DEFAULTS.calibrationGraceMs);
  }

  /** The worker's neutral changed: a calibration finished, one was set, or one was learnt. */
  changed(b: NeutralBaseline | null): void {
    if (b?.source === 'calibrated' && this.calibrating) {
      this.calibrating = false;
      clearTimeout(this.calibrationTimer);
      this.messages.say('info', 'Neutral face calibrated. Flashes are now measured against it.');
      this.settle(true);
    }
    this.ui.saveBaseline.disabled = b === null;
  }

  /** The newest stored neutral this version can read, or null (saying why for one it cannot). */
  async stored(): Promise<NeutralBaseline | null> {
    const stored = (await this.store.lastBaseline())?.baseline;
    if (stored == null) return null;
    try {
      return validateNeutralBaseline(stored);
    } catch {
      this.messages.say(
        'warn',
        'Your saved neutral face was made by an earlier version and cannot be used: calibrate again and save it (it can be exported or deleted under "Your data").',
      );
      return null;
    }
  }

  private async save(): Promise<void> {
    const baseline = this.hooks.bridge()?.currentBaseline();
    if (!baseline) return this.messages.say('warn', 'No neutral face yet: calibrate first, or wait a few seconds with a face in view.');
    await this.store
      .saveBaseline(baseline)
      .then(() => this.messages.say('info', 'Neutral face saved in this browser. It is used when you start again.'))
      .catch((e: Error) => this.messages.say('error', e.message));
    this.hooks.saved();
  }
}
