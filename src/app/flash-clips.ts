/**
 * "Keep short clips of flashes": only with a kept session, and only while both are ticked, the
 * worker makes a small clip of the followed face around each flash, and each is stored with the
 * session it belongs to (also one that has just ended: the last clips come after Stop).
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

  /** Tells the worker whether to keep clips, and for which kept session (after a start, or a change of either box). */
  async apply(): Promise<void> {
    const bridge = this.hooks.bridge();
    if (!bridge) return;
    const sessionId = this.hooks.live() && this.ui.record.checked && this.ui.keepClips.checked ? this.store.keptSessionId : null;
    await bridge
      .keepClips(sessionId ? (clip) => this.keep(sessionId, clip) : null, (why) =>
        this.hooks.say('warn', `A clip of a flash could not be made: ${why}`),
      )
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
