/**
 * A whole file through the analyzer: every frame in presentation order (with a pool of
 * landmarkers, several frames in the model at once, finished in order), results handed over in
 * batches (awaited, so a slow consumer slows decoding instead of piling results up), events still
 * open at the end closed there, and time per stage totalled.
 */
import {
  type FileAnalysisOptions,
  type FileInfo,
  type FileInput,
  type FileSummary,
  type FrameResult,
  PipelineError,
} from '../../src/shared/contract/index.ts';
import { WORKER_DEFAULTS } from './defaults.ts';
import { openVideoFile } from './file-source.ts';
import type { DetectPool } from './detect-pool.ts';
import type { Detection } from './detection.ts';
import type { FrameAnalyzer, FrameMeta } from './frame-analyzer.ts';

export async function analyzeVideoFile(
  analyzer: FrameAnalyzer,
  input: FileInput,
  onBatch: (results: FrameResult[]) => void | Promise<void>,
  onInfo: ((info: FileInfo) => void) | undefined,
  cancelled: () => boolean,
  options: FileAnalysisOptions = {},
  pool: DetectPool | null = null,
): Promise<FileSummary> {
  analyzer.resetSession();
  const t0 = performance.now();
  const file = await openVideoFile(input);
  onInfo?.(file.info);
  // Calibrating over the whole file: the window is closed at its end, whatever its length.
  if (options.calibrate) analyzer.post.calibrate(Number.MAX_SAFE_INTEGER);
  const stageMs = { decode: 0, convert: 0, inference: 0, post: 0, deliver: 0 };
  let batch: FrameResult[] = [];
  const send = async () => {
    if (batch.length === 0) return;
    const out = batch;
    batch = [];
    const t = performance.now();
    await onBatch(out);
    stageMs.deliver += performance.now() - t;
  };
  let n = 0;
  let lastMs = 0;
  /** Frames handed to the pool, in presentation order, not finished yet. */
  const inFlight: { meta: FrameMeta; detection: Promise<Detection> }[] = [];
  const maxInFlight = pool ? pool.size * WORKER_DEFAULTS.framesPerMember : 0;
  const finish = async (r: FrameResult) => {
    stageMs.convert += r.timings.convertMs;
    stageMs.inference += r.timings.inferenceMs;
    stageMs.post += r.timings.postMs;
    batch.push(r);
    lastMs = r.timestampMs;
    // The newest result stays back, so that events closed by the end of the file can ride on it.
    if (batch.length > WORKER_DEFAULTS.fileBatchSize) {
      const newest = batch.pop() as FrameResult;
      await send();
      batch.push(newest);
    }
  };
  const finishOldest = async () => {
    const { meta, detection } = inFlight.shift()!;
    await finish(analyzer.finish(await detection, meta));
  };
  let waitFrom = performance.now();
  try {
    for await (const { frame, timestampMs } of file.frames()) {
      stageMs.decode += performance.now() - waitFrom;
      const meta = { frameIndex: n, timestampMs, width: frame.displayWidth, height: frame.displayHeight, grabMs: 0, transferMs: 0 };
      n++;
      if (pool) {
        // The pool closes the frame; results are finished in presentation order.
        inFlight.push({ meta, detection: pool.detect(frame) });
        if (inFlight.length >= maxInFlight) await finishOldest();
      } else {
        try {
          await finish(await analyzer.analyze(frame, meta));
        } finally {
          frame.close();
        }
      }
      if (cancelled()) break;
      waitFrom = performance.now();
    }
    while (inFlight.length) await finishOldest();
    if (options.calibrate && !analyzer.post.finishCalibration()) {
      throw new PipelineError(
        'no-face',
        `${input.name}: too few frames with a face to calibrate a neutral on; use a clip where the face is in view for at least a second.`,
      );
    }
    const tail = analyzer.post.flush(lastMs);
    const last = batch[batch.length - 1];
    if (tail.length > 0 && last) last.events.push(...tail);
    await send();
  } finally {
    // A failure leaves frames in the pool: they are finished or dropped with it; none is waited on.
    for (const f of inFlight) f.detection.catch(() => {});
    file.close();
  }
  return {
    ...file.info,
    framesAnalysed: n,
    delegate: analyzer.delegate(),
    elapsedMs: performance.now() - t0,
    stageMs,
    pool: { size: pool?.size ?? 0, replaced: pool?.replaced ?? 0 },
    baseline: analyzer.post.getBaseline(),
  };
}
