/**
 * The live page: pick a source, watch the face tracked with its action units, see flashes as they
 * happen; analyse a file and download the results; keep (only when asked), export and delete data.
 */
import type { DelegateChoice, FlashEvent, FrameResult, PipelineError, SpeechStateName } from '../shared/contract/index.ts';
import { validateNeutralBaseline, type NeutralBaseline } from '../shared/au/index.ts';
import { answerOrNull } from '../pipeline/answer-or-null.ts';
import { LiveSession } from '../pipeline/live-session.ts';
import { listCameras, openCamera, openDisplay, SourceError } from '../pipeline/sources.ts';
import { WorkerBridge } from '../pipeline/worker-bridge.ts';
import { analyzeFileInApp } from './file-analysis.ts';
import { DataPanel } from './data-panel.ts';
import { DataStore } from './storage/data-store.ts';
import { AuBars } from './ui/au-bars.ts';
import { download, formatMs, h } from './ui/dom.ts';
import { FlashFeed } from './ui/flash-feed.ts';
import { buildLayout, type Layout } from './ui/layout.ts';
import { Overlay } from './ui/overlay.ts';

export const APP_DEFAULTS = {
  /** No face for this long before the page says so (ms): a blink or a turn is not worth a message. */
  noFaceMessageAfterMs: 1000,
  /** How often fps, latency and counters are refreshed (ms). */
  statsIntervalMs: 500,
  calibrationMs: 3000,
  /** A calibration not reported done this long after its window ended has failed (ms). */
  calibrationGraceMs: 1500,
} as const;

type MessageKind = 'error' | 'warn' | 'info';

/** What the status bar says about the speech gate (nothing while the person is quiet). */
const SPEECH_TEXT: Record<SpeechStateName, string> = {
  quiet: '',
  assumed: 'Watching the mouth…',
  talking: 'Talking: only flashes beyond their talking range count',
};

export class App {
  private readonly ui: Layout;
  private readonly overlay: Overlay;
  private readonly feed: FlashFeed;
  private readonly auBars: AuBars;
  private readonly store = new DataStore();
  private readonly data: DataPanel;
  private bridge: WorkerBridge | null = null;
  private bridgeDelegate: DelegateChoice | null = null;
  private live: LiveSession | null = null;
  private lastFaceMs = NaN;
  private lastResult: FrameResult | null = null;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private calibrationTimer: ReturnType<typeof setTimeout> | undefined;
  private calibrating = false;
  /** The running file analysis (Stop cancels it). */
  private fileRun: AbortController | null = null;
  private sourceLabel = '';

  constructor(root: HTMLElement) {
    this.ui = buildLayout(root);
    this.overlay = new Overlay(this.ui.overlay, this.ui.video);
    this.feed = new FlashFeed(this.ui.feed);
    this.auBars = new AuBars(this.ui.auBars);
    this.data = new DataPanel(this.ui.dataList, this.store, {
      say: (kind, text) => this.say(kind, text),
      useBaseline: (b) => void this.bridge?.setBaseline(b).then(() => this.say('info', 'Neutral face loaded.')),
    });
    this.wire();
    void this.refreshCameras();
    void this.refreshData();
  }

  private wire(): void {
    const ui = this.ui;
    ui.startCamera.addEventListener('click', () => void this.startLive('camera'));
    ui.startShare.addEventListener('click', () => void this.startLive('share'));
    ui.openFile.addEventListener('click', () => ui.fileInput.click());
    ui.fileInput.addEventListener('change', () => {
      const file = ui.fileInput.files?.[0];
      if (file) void this.analyzeFile(file);
      ui.fileInput.value = '';
    });
    ui.stop.addEventListener('click', () => {
      if (this.fileRun) this.fileRun.abort();
      else void this.stopLive();
    });
    ui.showLandmarks.addEventListener('change', () => {
      this.overlay.visible = ui.showLandmarks.checked;
      if (!this.overlay.visible) this.overlay.clear();
    });
    ui.discreet.addEventListener('change', () => document.body.classList.toggle('discreet', ui.discreet.checked));
    ui.overlay.addEventListener('click', (e) => {
      const at = this.overlay.toImage(e);
      if (!at || !this.bridge || !this.lastResult || this.lastResult.faceCount < 2) return;
      void this.bridge.selectFace({ mode: 'point', ...at });
      ui.followLargest.hidden = false;
    });
    ui.followLargest.addEventListener('click', () => {
      void this.bridge?.selectFace({ mode: 'largest' });
      ui.followLargest.hidden = true;
    });
    ui.calibrate.addEventListener('click', () => void this.calibrate());
    ui.saveBaseline.addEventListener('click', () => void this.saveBaseline());
    ui.record.addEventListener('change', () => void this.toggleRecording());
    ui.deleteAll.addEventListener('click', () => void this.data.deleteAll());
    ui.delegateSelect.addEventListener('change', () => {
      if (this.live) this.say('info', 'The new model setting applies from the next source you start.');
    });
    navigator.mediaDevices?.addEventListener?.('devicechange', () => void this.refreshCameras());
  }

  // ---- messages ---------------------------------------------------------------------------

  /** A write to the browser's storage failed: say so, and offer what is still in memory. */
  private storeFailed(error: Error, session = this.store.unsavedSession()): void {
    if (!session) {
      this.say('error', error.message);
      return;
    }
    this.say('error', error.message, {
      label: 'Export this session',
      run: () =>
        download(
          `microflash-session-${session.startedAt}.json`,
          JSON.stringify(this.store.unsavedSession() ?? session, null, 2),
          'application/json',
        ),
    });
  }

  private say(kind: MessageKind, text: string, action?: { label: string; run: () => void }): void {
    const m = this.ui.message;
    m.hidden = false;
    m.className = `message ${kind}`;
    m.dataset.kind = kind;
    m.replaceChildren(h('span', {}, text));
    if (action) m.append(h('button', { onclick: action.run }, action.label));
    m.append(h('button', { class: 'dismiss', 'aria-label': 'Dismiss', onclick: () => (m.hidden = true) }, '×'));
  }

  private clearMessage(): void {
    this.ui.message.hidden = true;
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
        { delegate: choice, baseline: this.usableBaseline((await this.store.lastBaseline())?.baseline) ?? undefined },
        {
          onCrash: () => {
            this.live?.detach();
            this.say('warn', 'The analysis stopped unexpectedly; restarting it. Your flashes so far are kept.');
          },
          onRestart: async () => {
            if (this.live && this.bridge) await this.live.attach(this.bridge);
            this.say('info', 'Analysis restarted.');
          },
          onFatal: (err) => this.say('error', `The analysis could not be restarted: ${err.message}. Reload the page.`),
          onBaseline: (b) => this.onBaseline(b),
        },
      );
    } catch (err) {
      this.ui.delegate.textContent = 'Model: failed';
      const e = err as PipelineError;
      this.say(
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

  // ---- live sources -------------------------------------------------------------------------

  private async refreshCameras(): Promise<void> {
    const cams = await listCameras().catch(() => []);
    const sel = this.ui.cameraSelect;
    const current = sel.value;
    sel.replaceChildren(...cams.map((c, i) => h('option', { value: c.deviceId }, c.label || `Camera ${i + 1}`)));
    if (cams.some((c) => c.deviceId === current)) sel.value = current;
    sel.hidden = cams.length < 2;
  }

  private async startLive(kind: 'camera' | 'share'): Promise<void> {
    await this.stopLive();
    this.clearMessage();
    let stream: MediaStream;
    try {
      stream = kind === 'camera' ? await openCamera(this.ui.cameraSelect.value || undefined) : await openDisplay();
    } catch (err) {
      this.say('error', err instanceof SourceError ? err.message : String(err));
      return;
    }
    let bridge: WorkerBridge;
    try {
      bridge = await this.ensureBridge();
    } catch {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    void this.refreshCameras(); // labels appear once permission is given
    this.sourceLabel = kind === 'camera' ? 'camera' : 'shared window';
    this.ui.stage.classList.toggle('mirror', kind === 'camera');
    this.ui.video.srcObject = stream;
    await this.ui.video.play().catch(() => {});
    this.feed.reset();
    this.lastFaceMs = NaN;
    this.live = new LiveSession(stream, this.ui.video, {
      onResult: (r) => this.onResult(r),
      onEnded: () => {
        const what = kind === 'camera' ? 'The camera stopped (unplugged or taken by another app)' : 'Screen sharing ended';
        this.say('error', `${what}. Your flashes so far are kept below.`, {
          label: kind === 'camera' ? 'Reconnect camera' : 'Share again',
          run: () => void this.startLive(kind),
        });
        void this.stopLive(false);
      },
    });
    await this.live.attach(bridge);
    this.ui.stop.disabled = false;
    this.ui.calibrate.disabled = false;
    this.ui.faceStatus.textContent = 'Looking for a face…';
    this.statsTimer = setInterval(() => void this.refreshStats(), APP_DEFAULTS.statsIntervalMs);
    if (this.ui.record.checked) await this.store.startSession(this.sourceLabel).catch((e: Error) => this.storeFailed(e));
  }

  private async stopLive(clearVideo = true): Promise<void> {
    clearInterval(this.statsTimer);
    const live = this.live;
    this.live = null;
    const baseline = live ? (this.bridge?.currentBaseline() ?? null) : null;
    if (live) await live.stop(this.bridge);
    if (clearVideo) this.ui.video.srcObject = null;
    this.overlay.clear();
    this.ui.stop.disabled = true;
    this.ui.calibrate.disabled = true;
    const unsaved = this.store.unsavedSession();
    await this.store.endSession(baseline).catch((e: Error) => this.storeFailed(e, unsaved));
    void this.refreshData();
  }

  private onResult(r: FrameResult): void {
    this.showFrame(r);
    this.addEvents(r.events);
  }

  private addEvents(events: readonly FlashEvent[]): void {
    if (!events.length) return;
    this.feed.add(events);
    const done = events.filter((e) => e.status === 'complete');
    if (done.length) this.store.addEvents(done).catch((e: Error) => this.storeFailed(e));
  }

  private showFrame(r: FrameResult): void {
    this.lastResult = r;
    if (!Number.isFinite(this.feed.originMs)) this.feed.originMs = r.timestampMs;
    this.overlay.show(r);
    if (r.facePresent) {
      this.auBars.show(r.aus);
      this.lastFaceMs = r.timestampMs;
      this.ui.saveBaseline.disabled = !r.baselineReady;
    }
    this.updateFaceStatus(r);
    this.updateSpeech(r);
  }

  private updateSpeech(r: FrameResult): void {
    const s = this.ui.speech;
    const state = r.facePresent ? r.speech : 'quiet';
    if (s.dataset.state === state) return;
    s.dataset.state = state;
    s.textContent = SPEECH_TEXT[state];
  }

  private updateFaceStatus(r: FrameResult): void {
    const s = this.ui.faceStatus;
    if (r.facePresent) {
      s.textContent =
        r.faceCount > 1
          ? `${r.faceCount} faces: following one (click a face to follow it)`
          : r.baselineReady
            ? 'Face tracked'
            : 'Face tracked · learning your neutral…';
      s.dataset.state = 'face';
    } else if (!Number.isFinite(this.lastFaceMs) || r.timestampMs - this.lastFaceMs > APP_DEFAULTS.noFaceMessageAfterMs) {
      s.textContent = r.faceCount > 0 ? 'The followed face left the view' : 'No face in view: face the camera, with light on your face';
      s.dataset.state = 'no-face';
      this.auBars.show(new Float32Array(0));
    }
  }

  private async refreshStats(): Promise<void> {
    if (!this.live || !this.bridge) return;
    const st = await answerOrNull(this.live.stats(this.bridge), 400);
    if (st) {
      this.ui.fps.textContent = `${st.processedFps.toFixed(0)} fps`;
      this.ui.counters.textContent = `frames ${st.framesIn} · processed ${st.processed} · dropped ${st.dropped}`;
    }
    const t = this.lastResult?.timings;
    if (t) {
      this.ui.latency.textContent = `latency ${formatMs(t.grabMs + t.transferMs + t.inferenceMs + t.postMs)}`;
      this.ui.latency.title = `grab ${t.grabMs.toFixed(1)} ms · wait/transfer ${t.transferMs.toFixed(1)} ms · model ${t.inferenceMs.toFixed(1)} ms · AUs+flashes ${t.postMs.toFixed(2)} ms`;
    }
  }

  // ---- neutral face -------------------------------------------------------------------------

  private async calibrate(): Promise<void> {
    if (!this.bridge) return;
    await this.bridge.calibrate(APP_DEFAULTS.calibrationMs);
    const seconds = APP_DEFAULTS.calibrationMs / 1000;
    this.say('info', `Relax your face and look at the camera for ${seconds} seconds…`);
    // Success is what the worker reports (onBaseline); without a face in view it never comes.
    clearTimeout(this.calibrationTimer);
    this.calibrating = true;
    this.calibrationTimer = setTimeout(() => {
      if (!this.calibrating) return;
      this.calibrating = false;
      this.say(
        'warn',
        `Calibration did not finish: your face was not in view for ${seconds} seconds. Face the camera, keep still and relaxed, and press Calibrate again.`,
      );
    }, APP_DEFAULTS.calibrationMs + APP_DEFAULTS.calibrationGraceMs);
  }

  /** The worker's neutral changed: a calibration finished, one was set, or one was learnt. */
  private onBaseline(b: NeutralBaseline | null): void {
    if (b?.source === 'calibrated' && this.calibrating) {
      this.calibrating = false;
      clearTimeout(this.calibrationTimer);
      this.say('info', 'Neutral face calibrated. Flashes are now measured against it.');
    }
    this.ui.saveBaseline.disabled = b === null;
  }

  /** A stored neutral this version can read, or null (saying why) for one it cannot. */
  private usableBaseline(stored: unknown): NeutralBaseline | null {
    if (stored == null) return null;
    try {
      return validateNeutralBaseline(stored);
    } catch {
      this.say(
        'warn',
        'Your saved neutral face was made by an earlier version and cannot be used: calibrate again and save it (it can be exported or deleted under "Your data").',
      );
      return null;
    }
  }

  private async saveBaseline(): Promise<void> {
    const baseline = this.bridge?.currentBaseline();
    if (!baseline) return this.say('warn', 'No neutral face yet: calibrate first, or wait a few seconds with a face in view.');
    await this.store
      .saveBaseline(baseline)
      .then(() => this.say('info', 'Neutral face saved in this browser. It is used when you start again.'))
      .catch((e: Error) => this.say('error', e.message));
    void this.refreshData();
  }

  // ---- files --------------------------------------------------------------------------------

  private async analyzeFile(file: File): Promise<void> {
    await this.stopLive();
    this.clearMessage();
    const ui = this.ui;
    let bridge: WorkerBridge;
    try {
      bridge = await this.ensureBridge();
    } catch {
      return;
    }
    this.feed.reset();
    ui.downloads.hidden = true;
    ui.progress.hidden = false;
    ui.progress.value = 0;
    ui.progressText.textContent = `Analysing ${file.name}…`;
    ui.video.srcObject = null;
    ui.stage.classList.remove('mirror');
    ui.video.src = URL.createObjectURL(file);
    ui.video.pause();
    ui.openFile.disabled = true;
    const run = new AbortController();
    this.fileRun = run;
    ui.stop.disabled = false;
    try {
      const out = await analyzeFileInApp(bridge, file, ui.delegateSelect.value as DelegateChoice, {
        signal: run.signal,
        onProgress: (p) => {
          if (p.total) ui.progress.value = p.done / p.total;
          ui.progressText.textContent = `${p.done}${p.total ? ` / ${p.total}` : ''} frames · ${p.fps.toFixed(1)} fps${p.etaS !== null ? ` · ${Math.ceil(p.etaS)} s left` : ''}`;
        },
        onFrame: (r) => this.showFrame(r),
        onEvents: (events) => this.addEvents(events),
      });
      ui.progress.value = 1;
      ui.progressText.textContent = run.signal.aborted
        ? `Stopped after ${out.frameCount} frames (${out.elapsedS.toFixed(1)} s), ${out.events.length} expressions: the files cover those frames.`
        : `Done: ${out.frameCount} frames in ${out.elapsedS.toFixed(1)} s, ${out.events.length} expressions.`;
      if (out.warning && !run.signal.aborted) this.say('warn', out.warning);
      ui.downloads.replaceChildren(
        ...Object.values(out.files).map((f) =>
          h('button', { class: 'download', dataset: { file: f.name }, onclick: () => download(f.name, f.text) }, `Download ${f.name}`),
        ),
      );
      ui.downloads.hidden = false;
      (window as unknown as { microflashLastFileAnalysis?: unknown }).microflashLastFileAnalysis = out;
    } catch (err) {
      const e = err as PipelineError;
      ui.progressText.textContent = 'Analysis failed.';
      this.say('error', e.message);
    } finally {
      this.fileRun = null;
      ui.stop.disabled = true;
      ui.openFile.disabled = false;
    }
  }

  // ---- stored data --------------------------------------------------------------------------

  private async toggleRecording(): Promise<void> {
    try {
      if (this.ui.record.checked && this.live) await this.store.startSession(this.sourceLabel);
      if (!this.ui.record.checked) await this.store.endSession(this.bridge?.currentBaseline() ?? null);
    } catch (e) {
      this.say('error', (e as Error).message);
    }
    void this.refreshData();
  }

  private refreshData(): Promise<void> {
    return this.data.refresh();
  }
}
