/**
 * Records the real pipeline's per-frame model output (landmarks, blendshapes, matrices) for the
 * fixture videos into .cache/landmarks/<stem>.json, for the action-unit tests and tuning.
 * Usage: tsx scripts/record-landmarks.ts [video ...]   (default: every fixture video Chromium decodes)
 * Existing recordings are kept unless --force.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { AnalyzedFrame } from '../src/shared/analyzed-frame.ts';
import { launchAnalysisBrowser } from '../src/node/analysis-runner.ts';
import { PROJECT_ROOT } from '../src/node/paths.ts';

import { AnalysisError } from '../src/node/analysis-types.ts';
import { FIXTURE_VIDEO, h264Copy } from '../test/support/media.ts';

export const RECORDING_DIR = resolve(PROJECT_ROOT, '.cache', 'landmarks');

export function recordingPath(stem: string): string {
  return join(RECORDING_DIR, `${stem}.json`);
}

export async function recordLandmarks(videos: string[], force = false): Promise<void> {
  const todo = videos.filter((v) => force || !existsSync(recordingPath(basename(v, extname(v)))));
  if (todo.length === 0) return;
  mkdirSync(RECORDING_DIR, { recursive: true });
  const browser = await launchAnalysisBrowser({ delegate: 'CPU', raw: true });
  try {
    for (const video of todo) {
      const stem = basename(video, extname(video));
      let frames: AnalyzedFrame[] = [];
      const analyze = (path: string) => {
        frames = [];
        return browser.analyze(path, { onFrames: (f) => void frames.push(...f) });
      };
      // Codecs this Chromium cannot decode (MPEG-4 Part 2, HEVC) are analysed from an H.264 copy
      // with the same frames and timestamps.
      const result = await analyze(video).catch((err: unknown) => {
        if (err instanceof AnalysisError && err.code === 'unsupported-codec') return analyze(h264Copy(video, stem));
        throw err;
      });
      const out = {
        source: basename(video),
        width: result.video.width,
        height: result.video.height,
        frames: frames.map((f) => ({
          frameIndex: f.frameIndex,
          timestampMs: f.timestampMs,
          faceCount: f.faceCount,
          landmarks: f.raw?.landmarks ?? null,
          blendshapes: f.raw?.blendshapes ?? null,
          matrix: f.raw?.matrix ?? null,
        })),
      };
      const tmp = `${recordingPath(stem)}.partial`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, recordingPath(stem));
      console.log(`recorded ${stem}: ${frames.length} frames in ${result.elapsedS.toFixed(1)} s (${(frames.length / result.elapsedS).toFixed(1)} fps)`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.filter((a) => !a.startsWith('--'));
  const videos = named.length
    ? named.map((v) => resolve(v))
    : readdirSync(FIXTURE_VIDEO)
        .filter((f) => /\.(mp4|mov)$/i.test(f))
        .sort()
        .map((f) => join(FIXTURE_VIDEO, f));
  await recordLandmarks(videos, force);
}
