/**
 * The clips of a kept session's flashes under review: listed by flash (kind, time, length), each
 * played slowed down on the stage, or downloaded; a moment picked on the timeline inside a clip
 * shows the clip's frame there. The video element is borrowed while a clip is loaded and given
 * back (no source of ours left on it) when the review ends.
 */
import type { FlashKind } from '../shared/contract/index.ts';
import { kindLabel } from '../shared/flash/index.ts';
import { downloadBlob, formatMs, h } from './ui/dom.ts';

/** A clip as the review shows it: times in s from the start of the session. */
export interface ReviewClip {
  kind: FlashKind;
  onsetS: number;
  durationMs: number;
  micro: boolean;
  startS: number;
  endS: number;
  video: Blob;
  /** Its file name when downloaded. */
  fileName: string;
}

export class ClipPlayer {
  private clips: readonly ReviewClip[] = [];
  private url: string | null = null;
  private loaded: ReviewClip | null = null;
  private stopAtS = Infinity;

  constructor(
    private readonly list: HTMLElement,
    private readonly video: HTMLVideoElement,
    /** Playback rate of a clip (REVIEW_DEFAULTS.replayRate). */
    private readonly rate: number,
    /** The moment on show (s from the start of the session), as a clip plays. */
    private readonly onTime: (s: number) => void,
  ) {}

  /** Lists `clips`, in time order (as the store gives them). */
  show(clips: readonly ReviewClip[]): void {
    this.end();
    this.clips = clips;
    this.list.hidden = this.clips.length === 0;
    this.list.replaceChildren(
      ...this.clips.map((c, i) =>
        h(
          'li',
          { class: `clip flash-${c.kind}`, dataset: { kind: c.kind } },
          h('span', { class: 'kind' }, kindLabel(c.kind)),
          h('span', { class: 'when' }, formatMs(c.onsetS * 1000)),
          h('span', { class: 'detail' }, `${formatMs(c.durationMs)}${c.micro ? ' · micro' : ''}`),
          h('button', { dataset: { clipPlay: String(i) }, title: 'Play slowed down (0.25x)', onclick: () => void this.play(c) }, 'Play'),
          h('button', { dataset: { clipDownload: String(i) }, onclick: () => downloadBlob(c.fileName, c.video) }, 'Download'),
        ),
      ),
    );
  }

  /** Plays a clip from its start, slowed down. */
  async play(clip: ReviewClip): Promise<void> {
    await this.load(clip, 0);
    this.video.playbackRate = this.rate;
    this.stopAtS = clip.endS - clip.startS;
    await this.video.play().catch(() => {});
    const step = () => {
      if (this.loaded !== clip || this.video.paused) return;
      this.onTime(clip.startS + this.video.currentTime);
      if (this.video.currentTime >= this.stopAtS) {
        this.video.pause();
        return;
      }
      this.video.requestVideoFrameCallback(step);
    };
    this.video.requestVideoFrameCallback(step);
  }

  /** Shows the clip frame at `s` (s from the start) if a clip holds it; false where none does. */
  showAt(s: number): boolean {
    const clip = this.clips.find((c) => s >= c.startS && s <= c.endS);
    if (!clip) return false;
    void this.load(clip, s - clip.startS);
    return true;
  }

  /** The review ends: the list empties and the video is given back. */
  end(): void {
    if (this.url) {
      if (this.video.src === this.url) {
        this.video.pause();
        this.video.removeAttribute('src');
        this.video.load();
      }
      URL.revokeObjectURL(this.url);
    }
    this.url = null;
    this.loaded = null;
    this.clips = [];
    this.list.replaceChildren();
    this.list.hidden = true;
  }

  private async load(clip: ReviewClip, atS: number): Promise<void> {
    if (this.loaded !== clip) {
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = URL.createObjectURL(clip.video);
      this.loaded = clip;
      this.video.srcObject = null;
      this.video.src = this.url;
      // A clip the browser cannot play (damaged) shows nothing rather than waiting for ever.
      await new Promise<void>((resolve) => {
        if (this.video.readyState >= HTMLMediaElement.HAVE_METADATA) resolve();
        this.video.addEventListener('loadedmetadata', () => resolve(), { once: true });
        this.video.addEventListener('error', () => resolve(), { once: true });
      });
    }
    this.video.pause();
    this.video.currentTime = Math.max(0, atS);
  }
}
