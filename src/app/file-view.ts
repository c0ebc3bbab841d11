/**
 * A video file analysed in the page: the video shown, progress while every frame is analysed, the
 * flashes as they come, then the result files to download. Stop cancels the run after the current
 * frame; the files then cover the frames analysed.
 */
import type { DelegateChoice, FlashEvent, FrameResult } from '../shared/contract/index.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';
import { analyzeFileInApp } from './file-analysis.ts';
import type { Messages } from './messages.ts';
import { traceRowAt, type AuTrace } from '../shared/timeline/au-trace.ts';
import { download, h } from './ui/dom.ts';
import type { Layout } from './ui/layout.ts';
import { Timeline } from './ui/timeline.ts';

export const FILE_VIEW_DEFAULTS = {
  /** A replay starts this long before the flash's onset (s)... */
  replayLeadS: 0.5,
  /** ...and stops this long after its offset (s). */
  replayTailS: 0.5,
  /** Playback rate of a replay: 0.25x makes a 2-frame flash last a quarter of a second. */
  replayRate: 0.25,
} as const;

export interface FileViewHandlers {
  onFrame(r: FrameResult): void;
  onEvents(events: readonly FlashEvent[]): void;
  /** The AUs of a reviewed moment (the video sought or replaying). */
  onReview(row: Float32Array | null): void;
}

/** The file last analysed, while it can be reviewed. */
interface Review {
  trace: AuTrace;
  /** Replay stops at this video time (s); Infinity when not replaying. */
  until: number;
}

export class FileView {
  /** The running analysis (Stop cancels it). */
  private run: AbortController | null = null;
  private review: Review | null = null;
  private readonly timeline: Timeline;

  constructor(
    private readonly ui: Layout,
    private readonly messages: Messages,
    private readonly handlers: FileViewHandlers,
  ) {
    this.timeline = new Timeline(ui.timeline, (s) => this.seek(s));
    ui.video.addEventListener('seeked', () => this.showMoment());
    ui.video.addEventListener('play', () => this.followPlayback());
  }

  /** Draws the timeline of the file's analysis (resolves with the ms the drawing took). */
  showTimeline(trace: AuTrace, events: readonly FlashEvent[]): Promise<number> {
    this.review = { trace, until: Infinity };
    this.ui.review.hidden = false;
    return this.timeline.show({
      trace,
      bands: events.map((e) => ({ kind: e.kind, startS: e.onsetMs / 1000, endS: e.offsetMs / 1000 })),
      markers: [],
    });
  }

  /** A live source takes the video: the review ends. */
  endReview(): void {
    this.review = null;
    this.timeline.destroy();
    this.ui.review.hidden = true;
  }

  /** Shows the video at `s` (s) with that moment's AUs. */
  seek(s: number): void {
    if (!this.review) return;
    this.review.until = Infinity;
    this.ui.video.pause();
    this.ui.video.playbackRate = 1;
    this.ui.video.currentTime = Math.max(0, s);
  }

  /** Plays a flash of the reviewed file slowed down, from just before its onset to just after its offset; false when no file is under review. */
  replay(e: FlashEvent): boolean {
    if (!this.review || this.run) return false;
    const { replayLeadS, replayTailS, replayRate } = FILE_VIEW_DEFAULTS;
    const end = Number.isFinite(e.offsetMs) ? e.offsetMs : e.onsetMs;
    const video = this.ui.video;
    video.currentTime = Math.max(0, e.onsetMs / 1000 - replayLeadS);
    video.playbackRate = replayRate;
    this.review.until = end / 1000 + replayTailS;
    void video.play().catch(() => {});
    return true;
  }

  private showMoment(): void {
    if (!this.review) return;
    const t = this.ui.video.currentTime;
    this.timeline.follow(t);
    this.handlers.onReview(traceRowAt(this.review.trace, t));
  }

  /** While the reviewed video plays: the cursor and the AU bars follow each frame; a replay stops at its end. */
  private followPlayback(): void {
    const video = this.ui.video;
    const step = () => {
      const review = this.review;
      if (!review || video.paused) return;
      this.showMoment();
      if (video.currentTime >= review.until) {
        video.pause();
        video.playbackRate = 1;
        review.until = Infinity;
        return;
      }
      video.requestVideoFrameCallback(step);
    };
    video.requestVideoFrameCallback(step);
  }

  get running(): boolean {
    return this.run !== null;
  }

  /** Cancels the running analysis; false when none is running. */
  stop(): boolean {
    if (!this.run) return false;
    this.run.abort();
    return true;
  }

  async analyze(file: File, bridge: WorkerBridge): Promise<void> {
    const ui = this.ui;
    ui.downloads.hidden = true;
    this.endReview();
    ui.progress.hidden = false;
    ui.progress.value = 0;
    ui.progressText.textContent = `Analysing ${file.name}…`;
    ui.video.srcObject = null;
    ui.firstRun.hidden = true;
    ui.stage.classList.remove('mirror');
    ui.video.src = URL.createObjectURL(file);
    ui.video.pause();
    ui.openFile.disabled = true;
    const run = new AbortController();
    this.run = run;
    ui.stop.disabled = false;
    try {
      const out = await analyzeFileInApp(bridge, file, ui.delegateSelect.value as DelegateChoice, {
        signal: run.signal,
        onProgress: (p) => {
          if (p.total) ui.progress.value = p.done / p.total;
          ui.progressText.textContent = `${p.done}${p.total ? ` / ${p.total}` : ''} frames · ${p.fps.toFixed(1)} fps${p.etaS !== null ? ` · ${Math.ceil(p.etaS)} s left` : ''}`;
        },
        onFrame: (r) => this.handlers.onFrame(r),
        onEvents: (events) => this.handlers.onEvents(events),
      });
      ui.progress.value = 1;
      ui.progressText.textContent = run.signal.aborted
        ? `Stopped after ${out.frameCount} frames (${out.elapsedS.toFixed(1)} s), ${out.events.length} expressions: the files cover those frames.`
        : `Done: ${out.frameCount} frames in ${out.elapsedS.toFixed(1)} s, ${out.events.length} expressions.`;
      if (out.warning && !run.signal.aborted) this.messages.say('warn', out.warning);
      ui.downloads.replaceChildren(
        ...Object.values(out.files).map((f) =>
          h('button', { class: 'download', dataset: { file: f.name }, onclick: () => download(f.name, f.text) }, `Download ${f.name}`),
        ),
      );
      ui.downloads.hidden = false;
      await this.showTimeline(out.trace, out.events).catch((e: Error) =>
        this.messages.say('warn', `The timeline could not be drawn (${e.message}); the result files are complete.`),
      );
      (window as unknown as { microflashLastFileAnalysis?: unknown }).microflashLastFileAnalysis = out;
    } catch (err) {
      ui.progressText.textContent = 'Analysis failed.';
      this.messages.say('error', (err as Error).message);
    } finally {
      this.run = null;
      ui.stop.disabled = true;
      ui.openFile.disabled = false;
    }
  }
}
