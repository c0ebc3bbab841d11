/**
 * What the page shows of each analysed frame, live or from a file: the landmarks over the video, the
 * AU bars, the face and speech status, and the counters. State: the last result and when a face was
 * last seen (so that a blink or a turn does not flash "no face").
 */
import { type FrameResult, frameAgeMs, type PipelineStats, type SpeechStateName } from '../shared/contract/index.ts';
import type { AuBars } from './ui/au-bars.ts';
import { frameRateAdvice } from './frame-rate-advice.ts';
import { formatMs } from './ui/dom.ts';
import type { FlashFeed } from './ui/flash-feed.ts';
import type { Layout } from './ui/layout.ts';
import type { Overlay } from './ui/overlay.ts';

export const FRAME_VIEW_DEFAULTS = {
  /** No face for this long before the page says so (ms): a blink or a turn is not worth a message. */
  noFaceMessageAfterMs: 1000,
} as const;

/** What the status bar says about the speech gate (nothing while the person is quiet). */
const SPEECH_TEXT: Record<SpeechStateName, string> = {
  quiet: '',
  assumed: 'Watching the mouth…',
  talking: 'Talking: only flashes beyond their talking range count',
};

export class FrameView {
  private lastFaceMs = NaN;
  /** The newest result shown (null before the first). */
  last: FrameResult | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly overlay: Overlay,
    private readonly auBars: AuBars,
    private readonly feed: FlashFeed,
  ) {}

  /** A new source: forget when the face was last seen; no frame-rate note until it has been measured. */
  reset(): void {
    this.lastFaceMs = NaN;
    this.ui.frameRateNote.hidden = true;
  }

  show(r: FrameResult): void {
    this.last = r;
    if (!Number.isFinite(this.feed.originMs)) this.feed.originMs = r.timestampMs;
    this.overlay.show(r);
    if (r.facePresent) {
      this.auBars.show(r.aus);
      this.lastFaceMs = r.timestampMs;
      this.ui.saveBaseline.disabled = !r.baselineReady;
    }
    this.showFaceStatus(r);
    this.showSpeech(r);
  }

  /** One reviewed moment: its AUs (null: no frame there) and, where kept (around a file's flashes), its landmarks. */
  showMoment(row: Float32Array | null, frame: FrameResult | null): void {
    if (frame) this.overlay.show(frame);
    else this.overlay.clear();
    this.auBars.show(row ?? new Float32Array(0));
  }

  /**
   * The live counters (null: the worker did not answer in time), the last frame's latency per stage,
   * and, once a second of frames has come, whether every frame of the source (`sourceFps`, null when
   * the source does not say) is analysed.
   */
  showStats(st: PipelineStats | null, sourceFps: number | null): void {
    if (st) {
      this.ui.fps.textContent = `${st.processedFps.toFixed(0)} fps`;
      const pool = st.pool ? ` · ${st.pool.size} models${st.pool.replaced ? ` (${st.pool.replaced} replaced)` : ''}` : '';
      this.ui.counters.textContent = `frames ${st.framesIn} · processed ${st.processed} · dropped ${st.dropped}${pool}`;
      const settled = sourceFps !== null && st.framesIn >= sourceFps;
      const advice = settled
        ? frameRateAdvice(st.processedFps, sourceFps, this.ui.poolSelect.hidden ? 0 : this.ui.poolSelect.options.length - 1)
        : null;
      this.ui.frameRateNote.hidden = advice === null;
      this.ui.frameRateNote.textContent = advice ?? '';
    }
    const t = this.last?.timings;
    if (t) {
      this.ui.latency.textContent = `latency ${formatMs(frameAgeMs(t))}`;
      this.ui.latency.title = `grab ${t.grabMs.toFixed(1)} ms · wait/transfer ${t.transferMs.toFixed(1)} ms · to image ${t.convertMs.toFixed(1)} ms · model ${t.inferenceMs.toFixed(1)} ms · AUs+flashes ${t.postMs.toFixed(2)} ms`;
    }
  }

  private showSpeech(r: FrameResult): void {
    const s = this.ui.speech;
    const state = r.facePresent ? r.speech : 'quiet';
    if (s.dataset.state === state) return;
    s.dataset.state = state;
    s.textContent = SPEECH_TEXT[state];
  }

  private showFaceStatus(r: FrameResult): void {
    const s = this.ui.faceStatus;
    if (r.facePresent) {
      s.textContent =
        r.faceCount > 1
          ? `${r.faceCount} faces: following one (click a face to follow it)`
          : r.baselineReady
            ? 'Face tracked'
            : 'Face tracked · learning your neutral…';
      s.dataset.state = 'face';
    } else if (!Number.isFinite(this.lastFaceMs) || r.timestampMs - this.lastFaceMs > FRAME_VIEW_DEFAULTS.noFaceMessageAfterMs) {
      s.textContent = r.faceCount > 0 ? 'The followed face left the view' : 'No face in view: face the camera, with light on your face';
      s.dataset.state = 'no-face';
      this.auBars.show(new Float32Array(0));
    }
  }
}
