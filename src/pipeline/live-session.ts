/**
 * Feeds a live MediaStream (camera or shared window) to the worker, never queueing more than one
 * frame. Where the browser has MediaStreamTrackProcessor, its readable goes to the worker, which
 * keeps only the newest frame. Elsewhere, requestVideoFrameCallback grabs an ImageBitmap of each
 * new frame and skips frames while the worker is busy.
 */
import * as Comlink from 'comlink';
import type { FrameResult, PipelineStats } from '../shared/protocol.ts';
import type { LandmarkerApi } from '../shared/worker-api.ts';
import { answerOrNull } from './answer-or-null.ts';

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
  ) {
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The stream has no video track.');
    this.track = track;
    this.transport = transport;
    track.addEventListener('ended', () => {
      if (!this.stopped) handlers.onEnded();
    });
  }

  /** Starts (or, after a worker restart, re-attaches) frame delivery to this worker. */
  async attach(api: Comlink.Remote<LandmarkerApi>): Promise<void> {
    if (this.transport === 'track-processor') {
      // A readable transfers once: each attachment gets its own processor on a clone of the track.
      this.processorTrack?.stop();
      this.processorTrack = this.track.clone();
      const Ctor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor }).MediaStreamTrackProcessor;
      const { readable } = new Ctor({ track: this.processorTrack });
      const fps = this.track.getSettings().frameRate;
      await api.startStream(
        Comlink.transfer(readable, [readable as unknown as Transferable]),
        Comlink.proxy((r: FrameResult) => this.handlers.onResult(r)),
        fps ? { expectedFps: fps } : {},
      );
    } else {
      this.video.cancelVideoFrameCallback(this.rvfcHandle);
      this.grabLoop(api);
    }
  }

  private grabLoop(api: Comlink.Remote<LandmarkerApi>): void {
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
        .then((bitmap) => api.processBitmap(Comlink.transfer(bitmap, [bitmap]), captureMs, performance.now() - t0))
        .then((r) => {
          this.fallback.processed++;
          this.fallback.times.push(performance.now());
          this.handlers.onResult(r);
        })
        .catch(() => {})
        .finally(() => (busy = false));
    };
    this.rvfcHandle = this.video.requestVideoFrameCallback(onFrame);
  }

  async stats(api: Comlink.Remote<LandmarkerApi>): Promise<PipelineStats> {
    if (this.transport === 'track-processor') return api.stats();
    const now = performance.now();
    const times = this.fallback.times.filter((t) => t > now - 1000);
    this.fallback.times = times;
    const { framesIn, processed, dropped } = this.fallback;
    return { framesIn, processed, dropped, processedFps: times.length };
  }

  settings(): MediaTrackSettings {
    return this.track.getSettings();
  }

  async stop(api: Comlink.Remote<LandmarkerApi> | null): Promise<void> {
    this.stopped = true;
    this.video.cancelVideoFrameCallback(this.rvfcHandle);
    // A worker that died does not answer: don't wait on it for long.
    if (api && this.transport === 'track-processor') {
      await answerOrNull(api.stopStream(), 1000);
    }
    this.processorTrack?.stop();
    for (const t of this.stream.getTracks()) t.stop();
  }
}
