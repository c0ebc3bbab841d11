/**
 * Live frames from a transferred MediaStreamTrackProcessor readable. A pump reads frames as fast as
 * the stream gives them and keeps only the newest (an older unprocessed frame is closed and counted
 * as dropped); the processing loop always takes the newest. So at most one frame ever waits.
 */
import type { FrameResult, PipelineStats } from '../../src/shared/contract/index.ts';
import type { FrameAnalyzer } from './frame-analyzer.ts';
import { createFpsMeter, type FpsMeter } from './fps-meter.ts';

export class LiveStream {
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private pending: { frame: VideoFrame; arrivedMs: number } | null = null;
  private wake: (() => void) | null = null;
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
  ) {}

  start(stream: ReadableStream<VideoFrame>): void {
    this.reader = stream.getReader();
    const pump = this.pump();
    const process = this.processLoop();
    this.done = Promise.all([pump, process]).then(() => undefined);
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
      this.wake?.();
    }
    this.stopped = true;
    this.wake?.();
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

  private async processLoop(): Promise<void> {
    for (;;) {
      if (!this.pending) {
        if (this.stopped) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const { frame, arrivedMs } = this.pending;
      this.pending = null;
      try {
        const result = await this.analyzer.analyze(frame, {
          frameIndex: this.frameIndex++,
          timestampMs: frame.timestamp / 1000,
          width: frame.displayWidth,
          height: frame.displayHeight,
          grabMs: 0,
          transferMs: performance.now() - arrivedMs,
        });
        this.counters.processed++;
        this.fps.tick(performance.now());
        this.onResult(frame, result);
      } finally {
        frame.close();
      }
    }
  }

  stats(): PipelineStats {
    return { ...this.counters, processedFps: this.fps.fps(performance.now()) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
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
