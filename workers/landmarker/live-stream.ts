/**
 * Live frames from a transferred MediaStreamTrackProcessor readable. A pump reads frames as fast as
 * the stream gives them and keeps only the newest (an older frame not yet taken is closed and
 * counted as dropped). The model takes the newest frame whenever it has room: alone, one frame at
 * a time; with a pool of landmarkers (detect-pool.ts), up to one frame per member at once. The
 * detections are finished (face selection, AUs, flashes) strictly in capture order, so the one
 * stateful stage sees the frames as a single model would, and a frame's latency stays one
 * inference.
 */
import type { FrameResult, PipelineStats } from '../../src/shared/contract/index.ts';
import type { DetectPool } from './detect-pool.ts';
import type { Detection } from './detection.ts';
import type { FrameAnalyzer, FrameMeta } from './frame-analyzer.ts';
import { createFpsMeter, type FpsMeter } from './fps-meter.ts';

/** A frame handed to the model and not finished yet. */
interface InFlight {
  /** Kept open until its result is handed over (clips are cut from it). */
  frame: VideoFrame;
  meta: FrameMeta;
  /** Null where the model failed on it. */
  detection: Promise<Detection | null>;
}

/** Wakes whoever waits for the stream's state to change. */
class Signal {
  private waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

export class LiveStream {
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private pending: { frame: VideoFrame; arrivedMs: number } | null = null;
  private readonly inFlight: InFlight[] = [];
  private readonly changed = new Signal();
  private stopped = false;
  private done: Promise<void> | null = null;
  private frameIndex = 0;
  private lastFrameTs = NaN;
  readonly counters = { framesIn: 0, processed: 0, dropped: 0 };
  private readonly fps: FpsMeter = createFpsMeter();

  constructor(
    private readonly analyzer: FrameAnalyzer,
    /** Each result, with its frame (open until this returns). */
    private readonly onResult: (frame: VideoFrame, r: FrameResult) => void,
    /** The source's frame rate; frames the stream itself discarded are counted from timestamp gaps. */
    private readonly expectedFps?: number,
    /** Landmarkers that share the frames; null: this worker's own model. */
    private readonly pool: DetectPool | null = null,
  ) {}

  /** Frames the model may hold at once. */
  private get room(): number {
    return this.pool ? this.pool.size : 1;
  }

  start(stream: ReadableStream<VideoFrame>): void {
    this.reader = stream.getReader();
    this.done = Promise.all([this.pump(), this.dispatchLoop(), this.finishLoop()]).then(() => undefined);
  }

  private async pump(): Promise<void> {
    const reader = this.reader as ReadableStreamDefaultReader<VideoFrame>;
    while (!this.stopped) {
      let next: ReadableStreamReadResult<VideoFrame>;
      try {
        next = await reader.read();
      } catch {
        break; // the track ended or was stopped (camera unplugged): the page is told by the track itself
      }
      if (next.done) break;
      this.countArrival(next.value.timestamp / 1000);
      if (this.stopped) {
        next.value.close();
        break;
      }
      if (this.pending) {
        this.pending.frame.close();
        this.counters.dropped++;
      }
      this.pending = { frame: next.value, arrivedMs: performance.now() };
      this.changed.notify();
    }
    this.stopped = true;
    this.changed.notify();
  }

  /**
   * The track processor discards frames nobody read in time; they never reach us, so they are
   * counted from the gap to the previous frame's timestamp.
   */
  private countArrival(timestampMs: number): void {
    this.counters.framesIn++;
    if (this.expectedFps && Number.isFinite(this.lastFrameTs)) {
      const missed = Math.round(((timestampMs - this.lastFrameTs) * this.expectedFps) / 1000) - 1;
      if (missed > 0) {
        this.counters.framesIn += missed;
        this.counters.dropped += missed;
      }
    }
    this.lastFrameTs = timestampMs;
  }

  /** Hands the newest frame to the model whenever it has room. */
  private async dispatchLoop(): Promise<void> {
    while (!this.stopped) {
      if (!this.pending || this.inFlight.length >= this.room) {
        await this.changed.wait();
        continue;
      }
      const { frame, arrivedMs } = this.pending;
      this.pending = null;
      const meta: FrameMeta = {
        frameIndex: this.frameIndex++,
        timestampMs: frame.timestamp / 1000,
        width: frame.displayWidth,
        height: frame.displayHeight,
        grabMs: 0,
        transferMs: performance.now() - arrivedMs,
      };
      // The pool closes what it is given: it gets its own reference to the frame.
      // A frame the model fails on comes back as null, and is counted when its turn comes.
      const detection = (this.pool ? this.pool.detect(frame.clone()) : this.analyzer.detect(frame)).catch(() => null);
      this.inFlight.push({ frame, meta, detection });
      this.changed.notify();
    }
  }

  /** Finishes the frames in capture order as their detections come back. */
  private async finishLoop(): Promise<void> {
    for (;;) {
      const oldest = this.inFlight[0];
      if (!oldest) {
        if (this.stopped) return;
        await this.changed.wait();
        continue;
      }
      try {
        const detection = await oldest.detection;
        if (detection) {
          const result = this.analyzer.finish(detection, oldest.meta);
          this.counters.processed++;
          this.fps.tick(performance.now());
          this.onResult(oldest.frame, result);
        } else {
          // The model failed on this frame (a pool member that failed on it again and again): it is lost, and counted.
          this.counters.dropped++;
        }
      } finally {
        oldest.frame.close();
        this.inFlight.shift();
        this.changed.notify();
      }
    }
  }

  stats(): PipelineStats {
    const pool = this.pool ? { pool: { size: this.pool.size, replaced: this.pool.replaced } } : {};
    return { ...this.counters, processedFps: this.fps.fps(performance.now()), ...pool };
  }

  /** Stops reading; the frames already with the model are finished first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.changed.notify();
    try {
      await this.reader?.cancel();
    } catch {
      /* already closed */
    }
    await this.done;
    this.pending?.frame.close();
    this.pending = null;
  }
}
