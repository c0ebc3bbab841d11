/**
 * The live stream's scheduling, with fakes for the frames, the model and the pool (wiring only):
 * frames finished in capture order whatever order their detections come back in, no more frames
 * with the model than it has room for, the newest frame waiting beyond that, every frame closed.
 */
import { describe, expect, it } from 'vitest';
import type { FrameResult } from '../../src/shared/contract/index.ts';
import type { Detection } from '../../workers/landmarker/detection.ts';
import type { DetectPool } from '../../workers/landmarker/detect-pool.ts';
import type { FrameAnalyzer, FrameMeta } from '../../workers/landmarker/frame-analyzer.ts';
import { LiveStream } from '../../workers/landmarker/live-stream.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Frames that count how many references to them are still open. */
function frames() {
  let open = 0;
  const make = (timestampUs: number): VideoFrame => {
    open++;
    const frame = {
      timestamp: timestampUs,
      displayWidth: 640,
      displayHeight: 480,
      clone: () => make(timestampUs),
      close: () => void open--,
    };
    return frame as unknown as VideoFrame;
  };
  return { make, open: () => open };
}

/** A model whose detections are answered by the test, in any order. */
function heldDetections() {
  const waiting: { ts: number; answer: (fail?: boolean) => void }[] = [];
  const detect = (frame: VideoFrame): Promise<Detection> =>
    new Promise((resolve, reject) => {
      const ts = frame.timestamp / 1000;
      waiting.push({
        ts,
        answer: (fail) => (fail ? reject(new Error('model failed')) : resolve({ faces: [], convertMs: 0, inferenceMs: ts })),
      });
    });
  return { detect, waiting };
}

function analyzerFake(detect: (f: VideoFrame) => Promise<Detection>) {
  return {
    detect,
    finish: (d: Detection, meta: FrameMeta) =>
      ({ timestampMs: meta.timestampMs, timings: { inferenceMs: d.inferenceMs } }) as unknown as FrameResult,
  } as unknown as FrameAnalyzer;
}

function setup(pooled: boolean) {
  const f = frames();
  const model = heldDetections();
  const pool = pooled
    ? ({
        size: 2,
        replaced: 0,
        detect: (frame: VideoFrame) => model.detect(frame).finally(() => frame.close()),
      } as unknown as DetectPool)
    : null;
  const analyzer = analyzerFake(pooled ? () => Promise.reject(new Error('the pool detects')) : model.detect);
  let controller!: ReadableStreamDefaultController<VideoFrame>;
  const stream = new ReadableStream<VideoFrame>({ start: (c) => void (controller = c) });
  const results: number[] = [];
  const live = new LiveStream(analyzer, (_frame, r) => results.push(r.timestampMs), undefined, pool);
  live.start(stream);
  const send = async (ms: number) => {
    controller.enqueue(f.make(ms * 1000));
    await tick();
  };
  return { f, model, live, results, send };
}

describe('live stream', () => {
  it('with a pool, finishes frames in capture order whatever order the members answer in', async () => {
    const { f, model, live, results, send } = setup(true);
    await send(0);
    await send(33);
    expect(model.waiting.map((w) => w.ts)).toEqual([0, 33]); // both members busy
    await send(67);
    await send(100); // replaces 67, which waited: newest wins
    expect(model.waiting.length).toBe(2);
    model.waiting[1]!.answer(); // 33 first: held back until 0 is in
    await tick();
    expect(results).toEqual([]);
    model.waiting[0]!.answer();
    await tick();
    expect(results).toEqual([0, 33]);
    expect(model.waiting.map((w) => w.ts)).toEqual([0, 33, 100]);
    model.waiting[2]!.answer();
    await tick();
    expect(results).toEqual([0, 33, 100]);
    expect(live.stats()).toMatchObject({ framesIn: 4, processed: 3, dropped: 1, pool: { size: 2, replaced: 0 } });
    await live.stop();
    expect(f.open()).toBe(0);
  });

  it('alone, gives the model one frame at a time', async () => {
    const { f, model, live, results, send } = setup(false);
    await send(0);
    await send(33);
    await send(67);
    expect(model.waiting.map((w) => w.ts)).toEqual([0]);
    model.waiting[0]!.answer();
    await tick();
    expect(model.waiting.map((w) => w.ts)).toEqual([0, 67]);
    model.waiting[1]!.answer();
    await tick();
    expect(results).toEqual([0, 67]);
    expect(live.stats()).toMatchObject({ framesIn: 3, processed: 2, dropped: 1 });
    expect(live.stats().pool).toBeUndefined();
    await live.stop();
    expect(f.open()).toBe(0);
  });

  it('counts a frame the model failed on as dropped and goes on; stop finishes the frames with the model', async () => {
    const { f, model, live, results, send } = setup(true);
    await send(0);
    await send(33);
    model.waiting[0]!.answer(true);
    await tick();
    await send(67);
    const stopped = live.stop();
    await tick();
    model.waiting[1]!.answer();
    model.waiting[2]!.answer();
    await stopped;
    expect(results).toEqual([33, 67]);
    expect(live.stats()).toMatchObject({ processed: 2, dropped: 1 });
    expect(f.open()).toBe(0);
  });
});
