/**
 * Reviewing what was analysed, on the timeline: a file (with its video: a click on the timeline
 * shows the video there, a flash in the list replays slowed down, the AU bars follow the video) or
 * a kept session (no video is kept: a click shows the AU bars at that moment).
 */
import type { FlashEvent } from '../shared/contract/index.ts';
import type { SessionMarker } from '../shared/export/index.ts';
import { traceRowAt, type AuTrace } from '../shared/timeline/au-trace.ts';
import type { Layout } from './ui/layout.ts';
import { Timeline } from './ui/timeline.ts';

export const REVIEW_DEFAULTS = {
  /** A replay starts this long before the flash's onset (s)... */
  replayLeadS: 0.5,
  /** ...and stops this long after its offset (s). */
  replayTailS: 0.5,
  /** Playback rate of a replay: 0.25x makes a 2-frame flash last a quarter of a second. */
  replayRate: 0.25,
} as const;

export interface ReviewHandlers {
  /** The AUs of the moment under review (null: no frame there). */
  onMoment(row: Float32Array | null): void;
}

interface Reviewed {
  trace: AuTrace;
  /** The video is the reviewed file's (a kept session has none). */
  withVideo: boolean;
  /** Replay stops at this video time (s); Infinity when not replaying. */
  until: number;
}

export class ReviewView {
  private readonly timeline: Timeline;
  private reviewed: Reviewed | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly handlers: ReviewHandlers,
  ) {
    this.timeline = new Timeline(ui.timeline, (s) => this.seek(s));
    ui.video.addEventListener('seeked', () => this.showVideoMoment());
    ui.video.addEventListener('play', () => this.followPlayback());
  }

  /** A file just analysed: its timeline, with the video. Resolves with the ms the drawing took. */
  showFile(trace: AuTrace, events: readonly FlashEvent[]): Promise<number> {
    return this.show({ trace, withVideo: true, until: Infinity }, events, [], 'Timeline');
  }

  /** A kept session (events and markers in ms from its start): its timeline, without video. */
  showSession(trace: AuTrace, events: readonly FlashEvent[], markers: readonly SessionMarker[], title: string): Promise<number> {
    return this.show({ trace, withVideo: false, until: Infinity }, events, markers, title);
  }

  /** A new source or file takes the page: the review ends. */
  end(): void {
    this.reviewed = null;
    this.timeline.destroy();
    this.ui.review.hidden = true;
  }

  /** Shows the moment `s` (s): the video there (a file) and its AUs. */
  seek(s: number): void {
    const r = this.reviewed;
    if (!r) return;
    if (!r.withVideo) {
      this.timeline.follow(s);
      this.handlers.onMoment(traceRowAt(r.trace, s));
      return;
    }
    r.until = Infinity;
    this.ui.video.pause();
    this.ui.video.playbackRate = 1;
    this.ui.video.currentTime = Math.max(0, s);
  }

  /** Plays a flash of the reviewed file slowed down, from just before its onset to just after its offset; false when no file is under review. */
  replay(e: FlashEvent): boolean {
    const r = this.reviewed;
    if (!r?.withVideo) return false;
    const { replayLeadS, replayTailS, replayRate } = REVIEW_DEFAULTS;
    const end = Number.isFinite(e.offsetMs) ? e.offsetMs : e.onsetMs;
    const video = this.ui.video;
    video.currentTime = Math.max(0, e.onsetMs / 1000 - replayLeadS);
    video.playbackRate = replayRate;
    r.until = end / 1000 + replayTailS;
    void video.play().catch(() => {});
    return true;
  }

  private async show(reviewed: Reviewed, events: readonly FlashEvent[], markers: readonly SessionMarker[], title: string): Promise<number> {
    this.end();
    this.reviewed = reviewed;
    this.ui.reviewTitle.textContent = title;
    this.ui.review.hidden = false;
    return this.timeline.show({
      trace: reviewed.trace,
      bands: events.map((e) => ({ kind: e.kind, startS: e.onsetMs / 1000, endS: e.offsetMs / 1000 })),
      markers: markers.map((m) => ({ atS: m.atMs / 1000, note: m.note })),
    });
  }

  private showVideoMoment(): void {
    const r = this.reviewed;
    if (!r?.withVideo) return;
    const t = this.ui.video.currentTime;
    this.timeline.follow(t);
    this.handlers.onMoment(traceRowAt(r.trace, t));
  }

  /** While the reviewed video plays: the cursor and the AU bars follow each frame; a replay stops at its end. */
  private followPlayback(): void {
    const video = this.ui.video;
    const step = () => {
      const r = this.reviewed;
      if (!r?.withVideo || video.paused) return;
      this.showVideoMoment();
      if (video.currentTime >= r.until) {
        video.pause();
        video.playbackRate = 1;
        r.until = Infinity;
        return;
      }
      video.requestVideoFrameCallback(step);
    };
    video.requestVideoFrameCallback(step);
  }
}
