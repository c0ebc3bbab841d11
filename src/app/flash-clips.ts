/**
 * "Keep short clips of flashes": only with a kept session, and only while both are ticked, the
 * worker makes a small clip of the followed face around each flash, and each is stored with the
 * session it belongs to (also one that has just ended: the last clips come after Stop). Practice
 * may ask for the clips too (the learner's caught flashes, for recognition drills): the worker
 * then makes them while either wants them, and each goes to whoever asked.
 */
import type { FlashClip } from '../shared/contract/index.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';
import type { DataStore } from './storage/data-store.ts';
import type { Layout } from './ui/layout.ts';

export interface FlashClipsHooks {
  /** The worker now, null when none runs. */
  bridge(): WorkerBridge | null;
  /** Whether a live source runs. */
  live(): boolean;
  say(kind: 'warn' | 'error', text: string): void;
  /** A clip was stored (the data list shows it). */
  stored(): void;
  /** Storing failed (a full disk: what to do). */
  storeFailed(error: Error): void;
}

export class FlashClips {
  /** Another taker of clips while a live source runs (practice), or null. */
  private extra: ((clip: FlashClip) => void) | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly store: DataStore,
    private readonly hooks: FlashClipsHooks,
  ) {
    ui.keepClips.addEventListener('change', () => void this.apply());
  }

  /** Clips can be asked for only with a kept session. */
  syncWithRecord(): void {
    this.ui.keepClips.disabled = !this.ui.record.checked;
    if (!this.ui.record.checked) this.ui.keepClips.checked = false;
  }

  /** Sets (or with null, ends) practice's wish for clips. */
  async alsoTo(consumer: ((clip: FlashClip) => void) | null): Promise<void> {
    this.extra = consumer;
    await this.apply();
  }

  /** Tells the worker whether to keep clips, and for whom (after a start, or a change of either box or of practice's wish). */
  async apply(): Promise<void> {
    const bridge = this.hooks.bridge();
    if (!bridge) return;
    const live = this.hooks.live();
    const sessionId = live && this.ui.record.checked && this.ui.keepClips.checked ? this.store.keptSessionId : null;
    const extra = live ? this.extra : null;
    const onClip =
      sessionId || extra
        ? (clip: FlashClip) => {
            if (sessionId) void this.keep(sessionId, clip);
            extra?.(clip);
          }
        : null;
    await bridge
      .keepClips(onClip, (why) => this.hooks.say('warn', `A clip of a flash could not be made: ${why}`))
      .catch((e: Error) => this.hooks.say('error', `Clips of flashes cannot be kept: ${e.message}`));
  }

  private async keep(sessionId: string, clip: FlashClip): Promise<void> {
    try {
      await this.store.addClip(sessionId, clip);
      this.hooks.stored();
    } catch (e) {
      this.hooks.storeFailed(e as Error);
    }
  }
}
