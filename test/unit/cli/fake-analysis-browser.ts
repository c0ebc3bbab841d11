/**
 * A stand-in for the headless analysis page, for wiring tests only (no model, no video decoding):
 * every input yields `frameCount` synthetic frames at 30 fps and one anger event; files whose base
 * name is in `failures` reject with that AnalysisError code.
 */
import { basename } from 'node:path';
import { AnalysisError, type AnalysisBrowser, type AnalyzeHandlers, type FileAnalysisResult } from '../../../src/node/analysis-types.ts';
import type { AnalyzedFrame } from '../../../src/shared/analyzed-frame.ts';
import { angerEvent, emptyFrame, faceFrame } from './fixtures.ts';

export interface FakeBrowserOptions {
  frameCount?: number;
  batchSize?: number;
  failures?: Record<string, AnalysisError['code']>;
  /** Frames after which a file in `failures` fails (default: before the first frame). */
  failAfterFrames?: number;
  /** Base names of files whose page stops answering after the first batch of frames. */
  hangs?: string[];
  /** Frames the container declares (more than frameCount: a truncated file). */
  declaredFrames?: number;
}

export interface FakeBrowserLog {
  launched: number;
  closed: number;
  analysed: string[];
}

export function createFakeLauncher(options: FakeBrowserOptions = {}): { launch: () => Promise<AnalysisBrowser>; log: FakeBrowserLog } {
  const { frameCount = 45, batchSize = 10, failures = {}, failAfterFrames = 0, hangs = [], declaredFrames } = options;
  const log: FakeBrowserLog = { launched: 0, closed: 0, analysed: [] };
  const launch = async (): Promise<AnalysisBrowser> => {
    log.launched++;
    return {
      description: 'Chromium 0.0 (fake)',
      async analyze(path: string, handlers: AnalyzeHandlers): Promise<FileAnalysisResult> {
        log.analysed.push(basename(path));
        const failure = failures[basename(path)];
        for (let start = 0; start < frameCount; start += batchSize) {
          if (failure && start >= failAfterFrames) throw new AnalysisError(failure, `fake ${failure}`);
          const batch: AnalyzedFrame[] = [];
          for (let i = start; i < Math.min(frameCount, start + batchSize); i++) batch.push(i % 7 === 3 ? emptyFrame(i) : faceFrame(i));
          await handlers.onFrames(batch);
          handlers.onProgress?.(start + batch.length, frameCount);
          if (hangs.includes(basename(path))) await new Promise(() => undefined);
        }
        if (failure) throw new AnalysisError(failure, `fake ${failure}`);
        return {
          video: {
            width: 640,
            height: 360,
            frameCount,
            declaredFrameCount: declaredFrames ?? frameCount,
            complete: (declaredFrames ?? frameCount) <= frameCount,
            fps: 30,
            durationS: (declaredFrames ?? frameCount) / 30,
            codec: 'avc1',
            container: 'mp4',
            rotation: 0,
          },
          delegate: 'CPU',
          events: [angerEvent({ onsetMs: 400, apexMs: 450, offsetMs: 533, durationMs: 133, onsetPhaseMs: 50 })],
          elapsedS: 0.5,
          baseline: null,
        };
      },
      async setNeutral() {},
      async close() {
        log.closed++;
      },
    };
  };
  return { launch, log };
}
