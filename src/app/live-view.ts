/**
 * A live source in the page: a camera (the one picked, where there are several) or a shared window,
 * fed to the worker; its results shown as they come; the counters refreshed; a source that ends
 * (camera unplugged, sharing stopped) said so with a way back, keeping the flashes so far.
 */
import type { FlashEvent, FrameResult, NeutralBaseline } from '../shared/contract/index.ts';
import { answerOrNull } from '../pipeline/answer-or-null.ts';
import { LiveSession } from '../pipeline/live-session.ts';
import { listCameras, openCamera, openDisplay, SourceError } from '../pipeline/sources.ts';
import type { WorkerBridge } from '../pipeline/worker-bridge.ts';
import { askConsent, type ConsentRecord } from './consent.ts';
import type { FrameView } from './frame-view.ts';
import type { Messages } from './messages.ts';
import { h } from './ui/dom.ts';
import type { FlashFeed } from './ui/flash-feed.ts';
import type { Layout } from './ui/layout.ts';
import type { Overlay } from './ui/overlay.ts';

export const LIVE_VIEW_DEFAULTS = {
  /** How often fps, latency and counters are refreshed (ms). */
  statsIntervalMs: 500,
  /** How long the counters wait for the worker before skipping a refresh (ms). */
  statsAnswerMs: 400,
  /**
   * Models the page offers to share a live source's frames among, where the machine has at least
   * as many cores (LiveOptions.pool). One model is the default: on 2 idle cores a pool of 2 keeps a
   * 30 fps camera at 30 fps and lifts a 60 fps one from 33.5 to 43.7 analysed fps, but with other
   * work on the cores it analysed fewer frames than one model (docs/performance.md).
   */
  poolChoices: [2, 4],
} as const;

/** The pool sizes a machine with `cores` cores is offered. */
export function poolChoicesFor(cores: number): number[] {
  return LIVE_VIEW_DEFAULTS.poolChoices.filter((n) => n <= cores);
}

export type LiveKind = 'camera' | 'share';

/** What a live source needs from the rest of the page. */
export interface LiveViewHost {
  /** The worker, started (or restarted for another delegate) if needed; rejects having said why. */
  bridge(): Promise<WorkerBridge>;
  /** The worker as it is now, without starting one. */
  currentBridge(): WorkerBridge | null;
  onEvents(events: readonly FlashEvent[]): void;
  /** A frame was analysed. */
  onAnalysed(frame: FrameResult): void;
  /** A source started (with its label and, for another person, their consent, for a kept session) or stopped (with the neutral it ended with). */
  onStarted(label: string, consent: ConsentRecord | null): Promise<void>;
  onStopped(baseline: NeutralBaseline | null): Promise<void>;
}

export class LiveView {
  private session: LiveSession | null = null;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  /** What the running source is called in a kept session ('camera', 'shared window'). */
  label = '';
  /** Frames a second the source sends, as its track says (null where it does not). */
  private sourceFps: number | null = null;
  /** The consent given for the running shared window (null for the camera, or when nothing runs). */
  consent: ConsentRecord | null = null;

  constructor(
    private readonly ui: Layout,
    private readonly messages: Messages,
    private readonly frames: FrameView,
    private readonly feed: FlashFeed,
    private readonly overlay: Overlay,
    private readonly host: LiveViewHost,
  ) {}

  get running(): boolean {
    return this.session !== null;
  }

  /** The worker crashed: stop feeding it (the bridge restarts it). */
  detach(): void {
    this.session?.detach();
  }

  /** The worker was restarted: feed the new one. */
  async reattach(bridge: WorkerBridge): Promise<void> {
    if (this.session) await this.session.attach(bridge);
  }

  async refreshCameras(): Promise<void> {
    const cams = await listCameras().catch(() => []);
    const sel = this.ui.cameraSelect;
    const current = sel.value;
    sel.replaceChildren(...cams.map((c, i) => h('option', { value: c.deviceId }, c.label || `Camera ${i + 1}`)));
    if (cams.some((c) => c.deviceId === current)) sel.value = current;
    sel.hidden = cams.length < 2;
  }

  async start(kind: LiveKind): Promise<void> {
    await this.stop();
    this.messages.clear();
    let consent: ConsentRecord | null = null;
    if (kind === 'share') {
      consent = await askConsent(this.ui.consent);
      if (!consent) {
        this.messages.say('info', 'Nothing is shared or analysed without the consent of the person in the window.');
        return;
      }
    }
    let stream: MediaStream;
    try {
      stream = kind === 'camera' ? await openCamera(this.ui.cameraSelect.value || undefined) : await openDisplay();
    } catch (err) {
      this.messages.say('error', err instanceof SourceError ? err.message : String(err));
      return;
    }
    let bridge: WorkerBridge;
    try {
      bridge = await this.host.bridge();
    } catch {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    void this.refreshCameras(); // labels appear once permission is given
    this.label = kind === 'camera' ? 'camera' : 'shared window';
    this.consent = consent;
    this.sourceFps = stream.getVideoTracks()[0]?.getSettings().frameRate ?? null;
    this.ui.firstRun.hidden = true;
    this.ui.stage.classList.toggle('mirror', kind === 'camera');
    this.ui.video.srcObject = stream;
    await this.ui.video.play().catch(() => {});
    this.feed.reset();
    this.frames.reset();
    const pool = Number(this.ui.poolSelect.value) || undefined;
    this.session = new LiveSession(
      stream,
      this.ui.video,
      {
        onResult: (r) => {
          this.frames.show(r);
          this.host.onAnalysed(r);
          this.host.onEvents(r.events);
        },
        onEnded: () => {
          const what = kind === 'camera' ? 'The camera stopped (unplugged or taken by another app)' : 'Screen sharing ended';
          this.messages.say('error', `${what}. Your flashes so far are kept below.`, {
            label: kind === 'camera' ? 'Reconnect camera' : 'Share again',
            run: () => void this.start(kind),
          });
          void this.stop(false);
        },
      },
      undefined,
      pool,
    );
    await this.session.attach(bridge);
    this.ui.stop.disabled = false;
    this.ui.mark.disabled = false;
    this.ui.calibrate.disabled = false;
    this.ui.faceStatus.textContent = 'Looking for a face…';
    this.statsTimer = setInterval(() => void this.refreshStats(), LIVE_VIEW_DEFAULTS.statsIntervalMs);
    await this.host.onStarted(this.label, this.consent);
  }

  async stop(clearVideo = true): Promise<void> {
    clearInterval(this.statsTimer);
    this.ui.frameRateNote.hidden = true;
    const session = this.session;
    this.session = null;
    this.consent = null;
    const bridge = this.host.currentBridge();
    const baseline = session ? (bridge?.currentBaseline() ?? null) : null;
    // What was still open at Stop is completed, shown and kept before the session closes.
    if (session) this.host.onEvents(await session.stop(bridge));
    if (clearVideo) this.ui.video.srcObject = null;
    this.overlay.clear();
    this.ui.stop.disabled = true;
    this.ui.mark.disabled = true;
    this.ui.calibrate.disabled = true;
    await this.host.onStopped(baseline);
  }

  private async refreshStats(): Promise<void> {
    const bridge = this.host.currentBridge();
    if (!this.session || !bridge) return;
    this.frames.showStats(await answerOrNull(this.session.stats(bridge), LIVE_VIEW_DEFAULTS.statsAnswerMs), this.sourceFps);
  }
}
