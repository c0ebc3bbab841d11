/**
 * The live page: pick a source, watch the face tracked with its action units, see flashes as they
 * happen; analyse a file and download the results; keep (only when asked), export and delete data.
 */
import { type DelegateChoice, type FlashEvent, frameAgeMs, type PipelineError } from '../shared/contract/index.ts';
import { AU_DEFAULTS } from '../shared/au/index.ts';
import { defaultRules } from '../shared/flash/index.ts';
import { TrainerBridge } from '../pipeline/trainer-bridge.ts';
import { WorkerBridge } from '../pipeline/worker-bridge.ts';
import { DataPanel } from './data-panel.ts';
import { DiscreetView } from './discreet-view.ts';
import { FileView } from './file-view.ts';
import { FlashClips } from './flash-clips.ts';
import { FrameView } from './frame-view.ts';
import { LiveView, poolChoicesFor } from './live-view.ts';
import { MARKER_DEFAULTS, Markers } from './markers.ts';
import { Messages } from './messages.ts';
import { NeutralFace } from './neutral-face.ts';
import { PracticeView } from './practice/practice-view.ts';
import { ReviewView } from './review-view.ts';
import { reviewKeptSession } from './session-review.ts';
import { DataStore } from './storage/data-store.ts';
import { PracticeStore } from './storage/practice-store.ts';
import { AuBars } from './ui/au-bars.ts';
import { download } from './ui/dom.ts';
import { FlashFeed } from './ui/flash-feed.ts';
import { buildLayout, type Layout } from './ui/layout.ts';
import { Overlay } from './ui/overlay.ts';

export class App {
  private readonly ui: Layout;
  private readonly overlay: Overlay;
  private readonly feed: FlashFeed;
  private readonly messages: Messages;
  private readonly frames: FrameView;
  private readonly files: FileView;
  private readonly store = new DataStore();
  private readonly data: DataPanel;
  private bridge: WorkerBridge | null = null;
  private bridgeDelegate: DelegateChoice | null = null;
  private readonly live: LiveView;
  private readonly markers: Markers;
  private readonly review: ReviewView;
  private readonly discreet: DiscreetView;
  private readonly clips: FlashClips;
  private readonly neutral: NeutralFace;
  private readonly practice: PracticeView;

  constructor(root: HTMLElement) {
    this.ui = buildLayout(root, {
      calibrationMs: AU_DEFAULTS.calibration.durationMs,
      markerNoteMaxChars: MARKER_DEFAULTS.noteMaxChars,
      poolChoices: poolChoicesFor(navigator.hardwareConcurrency ?? 1),
    });
    this.overlay = new Overlay(this.ui.overlay, this.ui.video);
    this.feed = new FlashFeed(this.ui.feed);
    this.messages = new Messages(this.ui.message);
    this.frames = new FrameView(this.ui, this.overlay, new AuBars(this.ui.auBars), this.feed);
    this.review = new ReviewView(this.ui, { onMoment: (row, frame) => this.frames.showMoment(row, frame) });
    this.files = new FileView(
      this.ui,
      this.messages,
      {
        onFrame: (r) => this.frames.show(r),
        onEvents: (events) => this.addEvents(events),
      },
      this.review,
    );
    this.feed.onPick = (e) => this.review.replay(e);
    this.live = new LiveView(this.ui, this.messages, this.frames, this.feed, this.overlay, {
      bridge: () => this.ensureBridge(),
      currentBridge: () => this.bridge,
      onEvents: (events) => {
        this.addEvents(events);
        this.practice.onEvents(events);
      },
      onAnalysed: (frame) => {
        this.practice.onFrame(frame);
        void this.store.addFrame(frame, frameAgeMs(frame.timings)).catch((e: Error) => this.storeFailed(e));
      },
      onStarted: async (label, consent) => {
        this.discreet.reset();
        this.review.end();
        if (this.ui.record.checked) await this.store.startSession(label, consent).catch((e: Error) => this.storeFailed(e));
        await this.clips.apply();
      },
      onStopped: async (baseline) => {
        this.practice.sourceStopped();
        await this.markers.flushNote();
        const unsaved = this.store.unsavedSession();
        await this.store.endSession(baseline).catch((e: Error) => this.storeFailed(e, unsaved));
        void this.refreshData();
      },
    });
    this.markers = new Markers(this.ui, {
      target: () =>
        this.live.running
          ? {
              nowMs: () => this.frames.last?.timestampMs ?? null,
              originMs: () => this.feed.originMs,
              keep: (marker) => this.store.addMarker(marker),
              note: (atMs, note) => this.store.noteMarker(atMs, note),
            }
          : this.review.markTarget(),
      say: (kind, text) => this.messages.say(kind, text),
    });
    this.discreet = new DiscreetView(this.ui, {
      originMs: () => this.feed.originMs,
      stop: () => this.ui.stop.click(),
      mark: () => void this.markers.mark(),
    });
    this.data = new DataPanel(this.ui.dataList, this.store, {
      say: (kind, text) => this.messages.say(kind, text),
      review: (session, frames, clips) => {
        if (this.live.running || this.files.running) {
          this.messages.say('info', 'Stop the running source first, then review the session.');
          return;
        }
        this.ui.stage.classList.toggle('mirror', session.source === 'camera');
        void reviewKeptSession(this.review, this.store, session, frames, clips, () => void this.refreshData());
      },
      useBaseline: (b) => void this.bridge?.setBaseline(b).then(() => this.messages.say('info', 'Neutral face loaded.')),
      practice: {
        counts: () => this.practice.counts(),
        exportAll: () => this.practice.exportAll(),
        deleteAll: () => this.practice.deleteAll(),
      },
    });
    this.clips = new FlashClips(this.ui, this.store, {
      bridge: () => this.bridge,
      live: () => this.live.running,
      say: (kind, text) => this.messages.say(kind, text),
      stored: () => void this.refreshData(),
      storeFailed: (e) => this.storeFailed(e),
    });
    this.neutral = new NeutralFace(this.ui, this.store, this.messages, { bridge: () => this.bridge, saved: () => void this.refreshData() });
    this.practice = new PracticeView(new PracticeStore(), new TrainerBridge(), this.feed, defaultRules(), {
      live: () => this.live.running,
      startCamera: () => this.live.start('camera'),
      calibrate: () => this.neutral.calibrateAndWait(),
      wantClips: (consumer) => this.clips.alsoTo(consumer),
      say: (kind, text) => this.messages.say(kind, text),
      changed: () => void this.refreshData(),
    });
    this.ui.practiceSlot.append(this.practice.ui.panel);
    this.wire();
    void this.live.refreshCameras();
    void this.refreshData();
  }

  private wire(): void {
    const ui = this.ui;
    ui.startCamera.addEventListener('click', () => void this.live.start('camera'));
    ui.startShare.addEventListener('click', () => void this.live.start('share'));
    ui.openFile.addEventListener('click', () => ui.fileInput.click());
    ui.fileInput.addEventListener('change', () => {
      const file = ui.fileInput.files?.[0];
      if (file) void this.analyzeFile(file);
      ui.fileInput.value = '';
    });
    ui.stop.addEventListener('click', () => {
      if (!this.files.stop()) void this.live.stop();
    });
    ui.showLandmarks.addEventListener('change', () => {
      this.overlay.visible = ui.showLandmarks.checked;
      if (!this.overlay.visible) this.overlay.clear();
    });
    ui.overlay.addEventListener('click', (e) => {
      const at = this.overlay.toImage(e);
      const last = this.frames.last;
      if (!at || !this.bridge || !last || last.faceCount < 2) return;
      void this.bridge.selectFace({ mode: 'point', ...at });
      ui.followLargest.hidden = false;
    });
    ui.followLargest.addEventListener('click', () => {
      void this.bridge?.selectFace({ mode: 'largest' });
      ui.followLargest.hidden = true;
    });
    ui.record.addEventListener('change', () => void this.toggleRecording());
    ui.deleteAll.addEventListener('click', () => void this.data.deleteAll().then(() => this.practice.forget()));
    ui.practiceToggle.addEventListener('click', () => {
      this.practice.toggle();
      ui.practiceToggle.setAttribute('aria-pressed', String(this.practice.open));
    });
    ui.delegateSelect.addEventListener('change', () => {
      if (this.live.running) this.messages.say('info', 'The new model setting applies from the next source you start.');
    });
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.live.refreshCameras());
  }

  // ---- messages ---------------------------------------------------------------------------

  /** A write to the browser's storage failed: say so, and offer what is still in memory. */
  private storeFailed(error: Error, session = this.store.unsavedSession()): void {
    if (!session) {
      this.messages.say('error', error.message);
      return;
    }
    this.messages.say('error', error.message, {
      label: 'Export this session',
      run: () =>
        download(
          `microflash-session-${session.startedAt}.json`,
          JSON.stringify(this.store.unsavedSession() ?? session, null, 2),
          'application/json',
        ),
    });
  }

  // ---- the worker ---------------------------------------------------------------------------

  private async ensureBridge(): Promise<WorkerBridge> {
    const choice = this.ui.delegateSelect.value as DelegateChoice;
    if (this.bridge && this.bridgeDelegate === choice) return this.bridge;
    this.bridge?.close();
    this.bridge = null;
    this.ui.delegate.textContent = 'Model: loading and timing CPU/GPU…';
    try {
      this.bridge = await WorkerBridge.start(
        { delegate: choice, baseline: (await this.neutral.stored()) ?? undefined },
        {
          onCrash: () => {
            this.live.detach();
            this.messages.say('warn', 'The analysis stopped unexpectedly; restarting it. Your flashes so far are kept.');
          },
          onRestart: async () => {
            if (this.bridge) await this.live.reattach(this.bridge);
            this.messages.say('info', 'Analysis restarted.');
          },
          onFatal: (err) => this.messages.say('error', `The analysis could not be restarted: ${err.message}. Reload the page.`),
          onBaseline: (b) => this.neutral.changed(b),
        },
      );
    } catch (err) {
      this.ui.delegate.textContent = 'Model: failed';
      const e = err as PipelineError;
      this.messages.say(
        'error',
        e.code ? e.message : `The face model failed to load: ${e.message}. Reload the page; run \`npm install\` again if it persists.`,
      );
      throw err;
    }
    this.bridgeDelegate = choice;
    const d = this.bridge.delegate;
    this.ui.delegate.textContent = `Model on ${d.delegate}`;
    this.ui.delegate.title = d.reason;
    return this.bridge;
  }

  // ---- files --------------------------------------------------------------------------------

  private async analyzeFile(file: File): Promise<void> {
    await this.live.stop();
    this.messages.clear();
    let bridge: WorkerBridge;
    try {
      bridge = await this.ensureBridge();
    } catch {
      return;
    }
    this.feed.reset();
    this.discreet.reset();
    await this.files.analyze(file, bridge);
  }

  // ---- stored data --------------------------------------------------------------------------

  /** New and completed flashes: shown in the list; completed ones kept when the session is recorded. */
  private addEvents(events: readonly FlashEvent[]): void {
    if (!events.length) return;
    this.feed.add(events);
    this.discreet.add(events);
    const done = events.filter((e) => e.status === 'complete');
    if (done.length) this.store.addEvents(done).catch((e: Error) => this.storeFailed(e));
  }

  private async toggleRecording(): Promise<void> {
    try {
      if (this.ui.record.checked && this.live.running) await this.store.startSession(this.live.label, this.live.consent);
      if (!this.ui.record.checked) await this.store.endSession(this.bridge?.currentBaseline() ?? null);
    } catch (e) {
      this.messages.say('error', (e as Error).message);
    }
    this.clips.syncWithRecord();
    await this.clips.apply();
    void this.refreshData();
  }

  private refreshData(): Promise<void> {
    return this.data.refresh();
  }
}
