/**
 * Reviewing what was analysed, on the timeline: a file (with its video: a click on the timeline
 * shows the video there, a flash in the list replays slowed down with its landmarks, the AU bars
 * follow the video) or
 * a kept session (no video is kept: a click shows the AU bars at that moment, and the clip of a
 * flash there when clips were kept).
 */
import type { FlashEvent, FrameResult } from '../shared/contract/index.ts';
import { ClipPlayer, type ReviewClip } from './clip-player.ts';
import { markersCsv, type SessionMarker } from '../shared/export/index.ts';
import type { MarkTarget } from './markers.ts';
import type { ReplayFrames } from '../shared/timeline/replay-frames.ts';
import { download } from './ui/dom.ts';
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
  /** The AUs of the moment under review (null: no frame there), and its landmarks where kept (a file's flashes). */
  onMoment(row: Float32Array | null, frame: FrameResult | null): void;
}

/** Where markers made in review go besides the timeline (a kept session's record). */
export interface ReviewMarkerSink {
  add(marker: SessionMarker): Promise<void>;
  note(atMs: number, note: string): Promise<void>;
}

interface Reviewed {
  trace: AuTrace;
  events: readonly FlashEvent[];
  /** Markers on this review's clock (ms from the start). */
  markers: SessionMarker[];
  sink: ReviewMarkerSink | null;
  /** The moment last shown (s), where a marker goes when there is no video. */
  atS: number;
  /** A file's frames around its flashes, with landmarks (null for a kept session). */
  frames: ReplayFrames | null;
  /** The video is the reviewed file's (a kept session has none). */
  withVideo: boolean;
  /** Replay stops at this video time (s); Infinity when not replaying. */
  until: number;
}

export class ReviewView {
  private readonly timeline: Timeline;
  private readonly clips: ClipPlayer;
  private reviewed: Reviewed | null = null;
  /** The reviewed file's name without extension, for its markers CSV. */
  private fileStem = 'markers';

  constructor(
    private readonly ui: Layout,
    private readonly handlers: ReviewHandlers,
  ) {
    this.timeline = new Timeline(ui.timeline, (s) => this.seek(s));
    this.clips = new ClipPlayer(ui.reviewClips, ui.video, REVIEW_DEFAULTS.replayRate, (s) => this.showSessionMoment(s));
    ui.video.addEventListener('seeked', () => this.showVideoMoment());
    ui.video.addEventListener('play', () => this.followPlayback());
    ui.reviewMarkers.addEventListener('click', () => {
      const r = this.reviewed;
      if (r) download(`${this.fileStem}.markers.csv`, markersCsv([...r.markers].sort((a, b) => a.atMs - b.atMs)), 'text/csv');
    });
  }

  /** A file just analysed: its timeline, with the video. Resolves with the ms the drawing took. */
  showFile(trace: AuTrace, events: readonly FlashEvent[], fileStem: string, frames: ReplayFrames): Promise<number> {
    this.fileStem = fileStem;
    return this.show({ trace, events, markers: [], sink: null, atS: 0, frames, withVideo: true, until: Infinity }, 'Timeline');
  }

  /** A kept session (events and markers in ms from its start): its timeline, and its flashes' clips where kept. */
  async showSession(
    trace: AuTrace,
    events: readonly FlashEvent[],
    markers: readonly SessionMarker[],
    title: string,
    sink: ReviewMarkerSink,
    clips: readonly ReviewClip[] = [],
  ): Promise<number> {
    const ms = await this.show(
      { trace, events, markers: [...markers], sink, atS: 0, frames: null, withVideo: false, until: Infinity },
      title,
    );
    this.clips.show(clips);
    return ms;
  }

  /** Where a marker goes while something is reviewed (null when nothing is). */
  markTarget(): MarkTarget | null {
    const r = this.reviewed;
    if (!r) return null;
    return {
      nowMs: () => (r.withVideo ? this.ui.video.currentTime : r.atS) * 1000,
      originMs: () => 0,
      keep: async (marker) => {
        r.markers.push(marker);
        this.redraw();
        if (r.sink) await r.sink.add(marker);
        return true;
      },
      note: async (atMs, note) => {
        const m = r.markers.find((x) => x.atMs === atMs);
        if (m) m.note = note;
        this.redraw();
        if (r.sink) await r.sink.note(atMs, note);
      },
    };
  }

  /** A new source or file takes the page: the review ends. */
  end(): void {
    this.reviewed = null;
    this.clips.end();
    this.timeline.destroy();
    this.ui.review.hidden = true;
  }

  /** Shows the moment `s` (s): the video there (a file) and its AUs. */
  seek(s: number): void {
    const r = this.reviewed;
    if (!r) return;
    if (!r.withVideo) {
      this.clips.showAt(s);
      this.showSessionMoment(s);
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

  private async show(reviewed: Reviewed, title: string): Promise<number> {
    this.end();
    this.reviewed = reviewed;
    this.ui.reviewTitle.textContent = title;
    this.ui.review.hidden = false;
    this.ui.mark.disabled = false;
    return this.draw(reviewed);
  }

  private draw(r: Reviewed): Promise<number> {
    this.ui.reviewMarkers.hidden = !r.withVideo || r.markers.length === 0;
    return this.timeline.show({
      trace: r.trace,
      bands: r.events.map((e) => ({ kind: e.kind, startS: e.onsetMs / 1000, endS: e.offsetMs / 1000 })),
      markers: r.markers.map((m) => ({ atS: m.atMs / 1000, note: m.note })),
    });
  }

  /** The markers changed: the timeline is drawn again, keeping the stretch shown. */
  private redraw(): void {
    const r = this.reviewed;
    if (!r) return;
    const range = this.timeline.range();
    void this.draw(r).then(() => {
      if (range) this.timeline.setRange(range.min, range.max);
    });
  }

  /** A kept session's moment `s` (s): the cursor there and its AUs. */
  private showSessionMoment(s: number): void {
    const r = this.reviewed;
    if (!r || r.withVideo) return;
    r.atS = s;
    this.timeline.follow(s);
    this.handlers.onMoment(traceRowAt(r.trace, s), null);
  }

  private showVideoMoment(): void {
    const r = this.reviewed;
    if (!r?.withVideo) return;
    const t = this.ui.video.currentTime;
    this.timeline.follow(t);
    this.handlers.onMoment(traceRowAt(r.trace, t), r.frames?.at(t) ?? null);
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
