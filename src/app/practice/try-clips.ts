/**
 * Pairs the worker's clips of flashes with the judged tries whose flash they show (by event id):
 * a clip may come before its try is judged (a short flash, judged after the window) or after
 * (the clip's tail and encoding take about a second).
 */
import type { FlashClip } from '../../shared/contract/index.ts';
import type { ShownTry } from '../../shared/practice/index.ts';

/** Clips received before their try was judged: the newest this many are kept for it. */
const EARLY_CLIPS_MAX = 20;

export class TryClips {
  private readonly wanted = new Map<number, ShownTry>();
  private readonly early = new Map<number, FlashClip>();

  constructor(private readonly keep: (t: ShownTry, clip: FlashClip) => Promise<void>) {}

  /** A judged, caught try wants its flash's clip. */
  async want(t: ShownTry): Promise<void> {
    if (t.eventId === null) return;
    const clip = this.early.get(t.eventId);
    if (!clip) {
      this.wanted.set(t.eventId, t);
      return;
    }
    this.early.delete(t.eventId);
    await this.keep(t, clip);
  }

  /** A clip came from the worker. */
  async received(clip: FlashClip): Promise<void> {
    const t = this.wanted.get(clip.event.id);
    if (t) {
      this.wanted.delete(clip.event.id);
      await this.keep(t, clip);
      return;
    }
    this.early.set(clip.event.id, clip);
    while (this.early.size > EARLY_CLIPS_MAX) this.early.delete(this.early.keys().next().value!);
  }
}
