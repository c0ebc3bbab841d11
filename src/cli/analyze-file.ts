/**
 * Analyses one input and writes its four files. Frames are written as they arrive (a long video never
 * sits in memory); every file is written under a `.partial` name and renamed only once the whole
 * analysis succeeded, the JSON last (its presence marks the set complete). A failure leaves no file
 * that looks complete.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type AnalysisBrowser, AnalysisError, type FileAnalysisResult } from '../node/analysis-types.ts';
import type { AnalyzedFrame } from '../shared/analyzed-frame.ts';
import {
  analysisDocument,
  type AnalysisDocument,
  analysisJson,
  eventsCsv,
  eventsVtt,
  framesCsvHeader,
  framesCsvRow,
  truncationWarning,
} from '../shared/export/index.ts';
import type { AnalysisValidator } from './analysis-validator.ts';
import { openAtomicWriter, type AtomicWriter } from './atomic-file.ts';
import type { InputFile } from './collect-inputs.ts';
import type { OutputPaths } from './output-paths.ts';
import { sha256File } from './sha256-file.ts';

/** What is the same for every file of a run. */
export interface RunContext {
  toolVersion: string;
  modelSha256: string;
  configuration: AnalysisDocument['configuration'];
  validate: AnalysisValidator;
  /** The clock of the JSON's `createdAt`. */
  now: () => Date;
  /** A file with no new frame for this long fails (the page is assumed stuck), ms. */
  stallTimeoutMs: number;
}

/** A finished analysis. */
export interface FileAnalysisSummary {
  frameCount: number;
  /** Frames the container declares, or null; more than frameCount when the file ended early. */
  declaredFrameCount: number | null;
  /** Null, or the line saying the file ended early (truncated). */
  warning: string | null;
  framesWithFace: number;
  eventCount: number;
  elapsedS: number;
  /** Analysed frames per second of wall-clock time. */
  fps: number;
  delegate: FileAnalysisResult['delegate'];
  /** The browser that ran it (AnalysisBrowser.description). */
  browser: string;
}

export async function analyzeFile(
  browser: AnalysisBrowser,
  input: InputFile,
  paths: OutputPaths,
  context: RunContext,
  onProgress: (done: number, total: number | null) => void,
): Promise<FileAnalysisSummary> {
  const inputSha256 = sha256File(input.path);
  inputSha256.catch(() => undefined); // awaited below; a read error then fails the file
  const writers: AtomicWriter[] = [];
  try {
    const frames = await openAtomicWriter(paths.frames);
    writers.push(frames);
    await frames.write(framesCsvHeader());
    const check = createFrameOrderCheck();
    let framesWithFace = 0;

    const guard = createStallGuard(context.stallTimeoutMs);
    const result = await guard.watch(
      browser.analyze(input.path, {
        async onFrames(batch: AnalyzedFrame[]) {
          if (guard.abandoned()) return;
          guard.touch();
          let text = '';
          for (const frame of batch) {
            check(frame);
            if (frame.facePresent) framesWithFace++;
            text += framesCsvRow(frame);
          }
          await frames.write(text);
        },
        onProgress,
      }),
    );

    const frameCount = check.count();
    if (frameCount !== result.video.frameCount) {
      throw new AnalysisError('internal', `analysed ${frameCount} frames but the video track has ${result.video.frameCount}`);
    }
    const document = analysisDocument({
      stem: input.stem,
      toolVersion: context.toolVersion,
      createdAt: context.now(),
      input: { fileName: path.basename(input.path), sizeBytes: input.sizeBytes, sha256: await inputSha256 },
      video: result.video,
      configuration: context.configuration,
      browser: browser.description,
      delegate: result.delegate,
      modelSha256: context.modelSha256,
      frameCount,
      framesWithFace,
      elapsedS: result.elapsedS,
      events: result.events,
    });
    if (!context.validate(document)) {
      throw new AnalysisError('internal', `the analysis JSON does not match its schema: ${context.validate.errorsText()}`);
    }

    const events = await openAtomicWriter(paths.events);
    writers.push(events);
    await events.write(eventsCsv(result.events));
    const vtt = await openAtomicWriter(paths.vtt);
    writers.push(vtt);
    await vtt.write(eventsVtt(result.events));
    const json = await openAtomicWriter(paths.json);
    writers.push(json);
    await json.write(analysisJson(document));

    // An older complete set must not vouch for a half-replaced one: its marker goes first. If a
    // rename fails (a full disk), the files already renamed go too: a set is whole or absent.
    await rm(paths.json, { force: true });
    const committed: string[] = [];
    try {
      for (const writer of writers) {
        await writer.commit();
        committed.push(writer.path);
      }
    } catch (error) {
      await Promise.all(committed.map((p) => rm(p, { force: true })));
      throw error;
    }
    return {
      frameCount,
      declaredFrameCount: result.video.declaredFrameCount,
      warning: truncationWarning(input.path, result.video),
      framesWithFace,
      eventCount: result.events.length,
      elapsedS: result.elapsedS,
      fps: document.analysis.analysedFps,
      delegate: result.delegate,
      browser: browser.description,
    };
  } catch (error) {
    await Promise.all(writers.map((w) => w.abort()));
    throw error;
  }
}

/**
 * Checks the stream promise of `onFrames`: every frame once, in order (index 0, 1, 2, ...), with
 * strictly increasing timestamps. A break is a pipeline bug and fails the file rather than writing
 * a table with a hole in it.
 */
export function createFrameOrderCheck(): ((frame: AnalyzedFrame) => void) & { count(): number } {
  let next = 0;
  let lastMs = Number.NEGATIVE_INFINITY;
  const check = (frame: AnalyzedFrame): void => {
    if (frame.frameIndex !== next) {
      throw new AnalysisError('internal', `frame ${frame.frameIndex} arrived where frame ${next} was expected`);
    }
    if (!(frame.timestampMs > lastMs)) {
      throw new AnalysisError('timestamp-order', `frame ${next} has time ${frame.timestampMs} ms, not after ${lastMs} ms`);
    }
    next++;
    lastMs = frame.timestampMs;
  };
  return Object.assign(check, { count: () => next });
}

/**
 * Gives up on an analysis that stopped producing frames: `watch` rejects when `touch` has not been
 * called for `limitMs`. The abandoned analysis may still settle later; its outcome is ignored.
 */
export function createStallGuard(limitMs: number): {
  watch<T>(analysis: Promise<T>): Promise<T>;
  touch(): void;
  abandoned(): boolean;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  let onStall: () => void = () => undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      gaveUp = true;
      onStall();
    }, limitMs);
  };
  return {
    watch: (analysis) =>
      new Promise((resolve, reject) => {
        onStall = () =>
          reject(
            new AnalysisError(
              'internal',
              `no new frame for ${Math.round(limitMs / 1000)} s: the analysis page stopped responding. Run again to retry (finished files are kept); --stall-timeout raises the limit`,
            ),
          );
        arm();
        analysis.then(
          (value) => {
            clearTimeout(timer);
            if (!gaveUp) resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            if (!gaveUp) reject(error);
          },
        );
      }),
    touch: arm,
    abandoned: () => gaveUp,
  };
}
