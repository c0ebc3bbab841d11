/**
 * Records the real pipeline's per-frame model output (landmarks, blendshapes, matrices) for the
 * fixture videos into .cache/landmarks/<stem>.json, and for the people fixtures into
 * .cache/landmarks/people/<name>.json (each person's stills as one clip, a still per frame, with
 * its label; the people videos as they are), for the action-unit tests, the accuracy preview and
 * tuning.
 * Usage: tsx scripts/record-landmarks.ts [video ...]   (default: every fixture video Chromium decodes, and the people)
 * Existing recordings are kept unless --force, or unless they were made with other tools.
 *
 * The model's output depends (a little, but enough to move a blink or an event edge) on the
 * browser that decodes the video and on the ffmpeg that makes the stills clips, and the golden
 * tests compare against it. So recordings are made with the tools pinned in package-lock.json,
 * the bundled Chromium and ffmpeg, wherever they are installed (Linux x64 and arm64); each records
 * what made it (`recordedWith`: the tools and how frames reach the model), and a recording made
 * otherwise is made again.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { AnalyzedFrame } from '../src/shared/analyzed-frame.ts';
import { launchAnalysisBrowser } from '../src/node/analysis-runner.ts';
import { AnalysisError } from '../src/node/analysis-types.ts';
import { bundledChromiumVersion } from '../src/node/bundled-chromium.ts';
import { BUNDLED, CHROMIUM_ENV, chooseChromium } from '../src/node/chromium.ts';
import { PROJECT_ROOT } from '../src/node/paths.ts';
import { listPeople } from '../eval/people/catalog.ts';
import { personStillsClip } from '../eval/people/media.ts';
import { WORKER_DEFAULTS } from '../workers/landmarker/defaults.ts';
import { FIXTURE_VIDEO, h264Copy } from './lib/media.ts';
import { FFMPEG_ENV, mediaToolPath } from './lib/media-tools.ts';

export const RECORDING_DIR = resolve(PROJECT_ROOT, '.cache', 'landmarks');
export const PEOPLE_RECORDING_DIR = join(RECORDING_DIR, 'people');

export function recordingPath(stem: string): string {
  return join(RECORDING_DIR, `${stem}.json`);
}

export interface RecordingJob {
  /** Video to analyse. */
  video: string;
  /** Where the recording goes. */
  out: string;
  /** Per frame, what it shows (a clip of stills); absent for ordinary videos. */
  labels?: string[];
}

/** Fixture videos, each to .cache/landmarks/<stem>.json. */
export function videoJobs(videos: string[]): RecordingJob[] {
  return videos.map((v) => ({ video: v, out: recordingPath(basename(v, extname(v))) }));
}

/** The people fixtures: a clip of each person's stills, and each person's videos. */
export function peopleJobs(): RecordingJob[] {
  return listPeople().flatMap((p): RecordingJob[] => {
    if (p.media === 'still') {
      const clip = personStillsClip(p);
      return [{ video: clip.path, out: join(PEOPLE_RECORDING_DIR, `${p.id}.json`), labels: clip.labels }];
    }
    return [p.neutral, ...p.posed.map((s) => s.path)].map((v) => ({
      video: v,
      out: join(PEOPLE_RECORDING_DIR, `${basename(v, extname(v))}.json`),
    }));
  });
}

/** Uses the pinned (bundled) browser and ffmpeg where installed, and says what will record. */
async function pinTools(): Promise<string> {
  if (!process.env[CHROMIUM_ENV] && bundledChromiumVersion()) process.env[CHROMIUM_ENV] = BUNDLED;
  const pinnedFfmpeg = !process.env[FFMPEG_ENV] && mediaToolPath('ffmpeg', 'bundled');
  if (pinnedFfmpeg) process.env[FFMPEG_ENV] = 'bundled';
  const browser = await chooseChromium();
  const version =
    browser?.source === 'bundled'
      ? `bundled ${bundledChromiumVersion()}`
      : browser
        ? execFileSync(browser.executablePath, ['--version'], { encoding: 'utf8' }).trim()
        : 'none';
  const ffmpeg = mediaToolPath('ffmpeg');
  const ffmpegVersion = ffmpeg
    ? execFileSync(ffmpeg, ['-version'], { encoding: 'utf8' }).split('\n', 1)[0]!.split(' Copyright')[0]!
    : 'none';
  // How frames reach the model changes its output a little too (WORKER_DEFAULTS.bitmapInput).
  const input = WORKER_DEFAULTS.bitmapInput.CPU ? 'ImageBitmap' : 'VideoFrame';
  return `${version}; ${ffmpegVersion}; model input ${input}`;
}

function recordedWith(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    // The stamp is the file's first field: read only its start.
    const head = readFileSync(path, 'utf8').slice(0, 600);
    return /^\{"recordedWith":"((?:[^"\\]|\\.)*)"/.exec(head)?.[1] ?? '';
  } catch {
    return '';
  }
}

export async function recordLandmarks(jobs: RecordingJob[], force = false): Promise<void> {
  const tools = await pinTools();
  const todo = jobs.filter((j) => force || recordedWith(j.out) !== tools);
  if (todo.length === 0) return;
  console.log(`recording ${todo.length} of ${jobs.length} with ${tools}`);
  const browser = await launchAnalysisBrowser({ delegate: 'CPU', raw: true });
  try {
    for (const job of todo) {
      const stem = basename(job.video, extname(job.video));
      let frames: AnalyzedFrame[] = [];
      const analyze = (path: string) => {
        frames = [];
        return browser.analyze(path, { onFrames: (f) => void frames.push(...f) });
      };
      // Codecs this Chromium cannot decode (MPEG-4 Part 2, HEVC) are analysed from an H.264 copy
      // with the same frames and timestamps.
      const result = await analyze(job.video).catch((err: unknown) => {
        if (err instanceof AnalysisError && err.code === 'unsupported-codec') return analyze(h264Copy(job.video, stem));
        throw err;
      });
      if (job.labels && job.labels.length !== frames.length) {
        throw new Error(`${job.video}: ${frames.length} frames analysed for ${job.labels.length} stills; delete it and record again`);
      }
      const out = {
        recordedWith: tools,
        source: basename(job.video),
        width: result.video.width,
        height: result.video.height,
        frames: frames.map((f, i) => ({
          frameIndex: f.frameIndex,
          timestampMs: f.timestampMs,
          faceCount: f.faceCount,
          ...(job.labels ? { label: job.labels[i] } : {}),
          landmarks: f.raw?.landmarks ?? null,
          blendshapes: f.raw?.blendshapes ?? null,
          matrix: f.raw?.matrix ?? null,
        })),
      };
      mkdirSync(dirname(job.out), { recursive: true });
      const tmp = `${job.out}.partial`;
      writeFileSync(tmp, JSON.stringify(out));
      renameSync(tmp, job.out);
      console.log(
        `recorded ${basename(job.out, '.json')}: ${frames.length} frames in ${result.elapsedS.toFixed(1)} s (${(frames.length / result.elapsedS).toFixed(1)} fps)`,
      );
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const named = args.filter((a) => !a.startsWith('--'));
  const jobs = named.length
    ? videoJobs(named.map((v) => resolve(v)))
    : [
        ...videoJobs(
          readdirSync(FIXTURE_VIDEO)
            .filter((f) => /\.(mp4|mov)$/i.test(f))
            .sort()
            .map((f) => join(FIXTURE_VIDEO, f)),
        ),
        ...peopleJobs(),
      ];
  await recordLandmarks(jobs, force);
}
