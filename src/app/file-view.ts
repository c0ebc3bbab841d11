/**
 * A video file analysed in the page: the video shown, progress while every frame is analysed, the
 * flashes as they come, then the result files to download. Stop cancels the run after the current
 * frame; the files then cover the frames analysed.
 */
import type { DelegateChoice, FlashEvent, FrameResult } from '../shared/contract/index.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';
import { analyzeFileInApp } from './file-analysis.ts';
import type { Messages } from './messages.ts';
import { ReplayFrames } from '../shared/timeline/replay-frames.ts';
import { REVIEW_DEFAULTS, type ReviewView } from './review-view.ts';
import { download, h } from './ui/dom.ts';
import type { Layout } from './ui/layout.ts';

export interface FileViewHandlers {
  onFrame(r: FrameResult): void;
  onEvents(events: readonly FlashEvent[]): void;
}

export class FileView {
  /** The running analysis (Stop cancels it). */
  private run: AbortController | null = null;
  constructor(
    private readonly ui: Layout,
    private readonly messages: Messages,
    private readonly handlers: FileViewHandlers,
    private readonly review: ReviewView,
  ) {}

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
    this.review.end();
    ui.progress.hidden = false;
    ui.progress.value = 0;
    ui.progressText.textContent = `Analysing ${file.name}…`;
    ui.video.srcObject = null;
    ui.firstRun.hidden = true;
    ui.stage.classList.remove('mirror');
    ui.video.src = URL.createObjectURL(file);
    ui.video.pause();
    ui.openFile.disabled = true;
    ui.mark.disabled = true;
    const run = new AbortController();
    this.run = run;
    ui.stop.disabled = false;
    const replay = new ReplayFrames(REVIEW_DEFAULTS.replayLeadS * 1000, REVIEW_DEFAULTS.replayTailS * 1000);
    try {
      const out = await analyzeFileInApp(bridge, file, ui.delegateSelect.value as DelegateChoice, {
        signal: run.signal,
        onProgress: (p) => {
          if (p.total) ui.progress.value = p.done / p.total;
          ui.progressText.textContent = `${p.done}${p.total ? ` / ${p.total}` : ''} frames · ${p.fps.toFixed(1)} fps${p.etaS !== null ? ` · ${Math.ceil(p.etaS)} s left` : ''}`;
        },
        onFrame: (r) => this.handlers.onFrame(r),
        onEachFrame: (r) => replay.push(r),
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
      await this.review
        .showFile(out.trace, out.events, file.name.replace(/\.[^.]+$/, ''), replay)
        .catch((e: Error) => this.messages.say('warn', `The timeline could not be drawn (${e.message}); the result files are complete.`));
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
