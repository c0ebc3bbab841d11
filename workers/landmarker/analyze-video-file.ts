/**
 * A whole file through the analyzer: every frame in presentation order, results handed over in
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
import type { FrameAnalyzer } from './frame-analyzer.ts';

export async function analyzeVideoFile(
  analyzer: FrameAnalyzer,
  input: FileInput,
  onBatch: (results: FrameResult[]) => void | Promise<void>,
  onInfo: ((info: FileInfo) => void) | undefined,
  cancelled: () => boolean,
  options: FileAnalysisOptions = {},
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
  let waitFrom = performance.now();
  try {
    for await (const { frame, timestampMs } of file.frames()) {
      stageMs.decode += performance.now() - waitFrom;
      try {
        const meta = { frameIndex: n, timestampMs, width: frame.displayWidth, height: frame.displayHeight, grabMs: 0, transferMs: 0 };
        const r = await analyzer.analyze(frame, meta);
        stageMs.convert += r.timings.convertMs;
        stageMs.inference += r.timings.inferenceMs;
        stageMs.post += r.timings.postMs;
        batch.push(r);
      } finally {
        frame.close();
      }
      n++;
      lastMs = timestampMs;
      // The newest result stays back, so that events closed by the end of the file can ride on it.
      if (batch.length > WORKER_DEFAULTS.fileBatchSize) {
        const newest = batch.pop() as FrameResult;
        await send();
        batch.push(newest);
      }
      if (cancelled()) break;
      waitFrom = performance.now();
    }
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
    file.close();
  }
  return {
    ...file.info,
    framesAnalysed: n,
    delegate: analyzer.delegate(),
    elapsedMs: performance.now() - t0,
    stageMs,
    baseline: analyzer.post.getBaseline(),
  };
}
