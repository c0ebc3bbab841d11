/**
 * Feeds a live MediaStream (camera or shared window) to the worker, never queueing more than one
 * frame. Where the browser has MediaStreamTrackProcessor, its readable goes to the worker, which
 * keeps only the newest frame. Elsewhere, requestVideoFrameCallback grabs an ImageBitmap of each
 * new frame and skips frames while the worker is busy.
 */
import type { FlashEvent, FrameResult, LiveOptions, PipelineStats } from '../shared/contract/index.ts';
import { answerOrNull } from './answer-or-null.ts';
import { PIPELINE_DEFAULTS } from './defaults.ts';

/** What a live session needs of the worker (the bridge gives it, whichever worker is current). */
export interface LiveWorker {
  startStream(readable: ReadableStream<VideoFrame>, onResult: (r: FrameResult) => void, options: LiveOptions): Promise<void>;
  processBitmap(bitmap: ImageBitmap, captureMs: number, grabMs: number): Promise<FrameResult>;
  stopStream(): Promise<FlashEvent[]>;
  stats(): Promise<PipelineStats>;
}

/** Chromium's MediaStreamTrackProcessor (not in TypeScript's DOM types yet). */
interface TrackProcessor {
  readable: ReadableStream<VideoFrame>;
}
type TrackProcessorCtor = new (init: { track: MediaStreamTrack }) => TrackProcessor;

export type Transport = 'track-processor' | 'video-frame-callback';

export function availableTransport(): Transport {
  return 'MediaStreamTrackProcessor' in globalThis ? 'track-processor' : 'video-frame-callback';
}

export interface LiveHandlers {
  onResult(result: FrameResult): void;
  /** The track ended without stop() (camera unplugged, sharing stopped from the browser bar). */
  onEnded(): void;
  /** A grabbed frame could not be analysed (fallback transport); the next one is tried. */
  onFrameError?(error: Error): void;
}

export class LiveSession {
  readonly transport: Transport;
  private track: MediaStreamTrack;
  private processorTrack: MediaStreamTrack | null = null;
  private stopped = false;
  private fallback = { framesIn: 0, processed: 0, dropped: 0, times: [] as number[] };
  private rvfcHandle = 0;

  constructor(
    readonly stream: MediaStream,
    private readonly video: HTMLVideoElement,
    private readonly handlers: LiveHandlers,
    transport: Transport = availableTransport(),
    /** Landmarkers the frames are shared among (track processor only; LiveOptions.pool). */
    private readonly pool?: number,
  ) {
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The stream has no video track.');
    this.track = track;
    this.transport = transport;
    track.addEventListener('ended', () => {
      if (!this.stopped) handlers.onEnded();
    });
  }

  /** Starts (or, after a worker restart, re-attaches) frame delivery to the worker. */
  async attach(worker: LiveWorker): Promise<void> {
    if (this.transport === 'track-processor') {
      // A readable transfers once: each attachment gets its own processor on a clone of the track.
      this.processorTrack?.stop();
      this.processorTrack = this.track.clone();
      const Ctor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
      const { readable } = new Ctor({ track: this.processorTrack });
      const fps = this.track.getSettings().frameRate;
      const options: LiveOptions = { ...(fps ? { expectedFps: fps } : {}), ...(this.pool !== undefined ? { pool: this.pool } : {}) };
      await worker.startStream(readable, (r: FrameResult) => this.handlers.onResult(r), options);
    } else {
      this.video.cancelVideoFrameCallback(this.rvfcHandle);
      this.grabLoop(worker);
    }
  }

  /**
   * The worker is gone (a restart is under way): frame delivery stops at once, so that no frame
   * waits on a dead worker unclosed; attach() starts it again on the new one.
   */
  detach(): void {
    this.processorTrack?.stop();
    this.processorTrack = null;
    this.video.cancelVideoFrameCallback(this.rvfcHandle);
  }

  private grabLoop(worker: LiveWorker): void {
    let busy = false;
    const onFrame: VideoFrameRequestCallback = (_now, meta) => {
      if (this.stopped) return;
      this.rvfcHandle = this.video.requestVideoFrameCallback(onFrame);
      this.fallback.framesIn++;
      if (busy) {
        this.fallback.dropped++;
        return;
      }
      busy = true;
      const captureMs = meta.captureTime ?? meta.expectedDisplayTime;
      const t0 = performance.now();
      createImageBitmap(this.video)
        .then((bitmap) => worker.processBitmap(bitmap, captureMs, performance.now() - t0))
        .then((r) => {
          this.fallback.processed++;
          this.fallback.times.push(performance.now());
          this.handlers.onResult(r);
        })
        .catch((error: unknown) => {
          // A frame lost to a worker restart or a torn-down video is counted and said, not hidden.
          this.fallback.dropped++;
          if (!this.stopped) this.handlers.onFrameError?.(error as Error);
        })
        .finally(() => (busy = false));
    };
    this.rvfcHandle = this.video.requestVideoFrameCallback(onFrame);
  }

  async stats(worker: LiveWorker): Promise<PipelineStats> {
    if (this.transport === 'track-processor') return worker.stats();
    const now = performance.now();
    const times = this.fallback.times.filter((t) => t > now - 1000);
    this.fallback.times = times;
    const { framesIn, processed, dropped } = this.fallback;
    return { framesIn, processed, dropped, processedFps: times.length };
  }

  settings(): MediaTrackSettings {
    return this.track.getSettings();
  }

  /**
   * Stops frame delivery and the tracks; resolves with the expressions that were still open,
   * completed at the last analysed frame (none when the worker does not answer).
   */
  async stop(worker: LiveWorker | null): Promise<FlashEvent[]> {
    this.stopped = true;
    this.video.cancelVideoFrameCallback(this.rvfcHandle);
    // A worker that died does not answer: don't wait on it for long.
    const open = worker ? await answerOrNull(worker.stopStream(), PIPELINE_DEFAULTS.stopAnswerMs) : null;
    this.processorTrack?.stop();
    for (const t of this.stream.getTracks()) t.stop();
    return open ?? [];
  }
}
