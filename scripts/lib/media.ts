/**
 * Derived test media, made at test time with ffmpeg into the ignored .cache/test-media/: y4m files
 * for the fake camera, H.264 copies of fixtures this Chromium cannot decode, spliced flash clips.
 * Nothing here is committed; fixtures are read from ../shared/fixtures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, copyFileSync, linkSync, rmSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/node/paths.ts';
import { keepFrameTimes, mediaToolPath, missingToolMessage, type MediaTool } from './media-tools.ts';

export const FIXTURES = resolve(PROJECT_ROOT, '..', 'shared', 'fixtures');
export const FIXTURE_VIDEO = join(FIXTURES, 'video');
export const FIXTURE_STILLS = join(FIXTURES, 'stills');
export const MEDIA_DIR = resolve(PROJECT_ROOT, '.cache', 'test-media');

/** Runs ffmpeg or ffprobe (media-tools.ts finds them), with an error that says how to get it when it is missing. */
export function run(tool: MediaTool, args: string[]): string {
  const cmd = mediaToolPath(tool);
  if (!cmd) throw new Error(missingToolMessage(tool));
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (err) {
    const e = err as { stderr?: string };
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr?.slice(-2000) ?? err}`);
  }
}

/** Writes `out` via a temporary name unless it already exists (so a killed run leaves no half file). */
export function produce(out: string, make: (tmp: string) => void): string {
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = out.replace(/(\.[a-z0-9]+)$/i, '.partial$1');
  make(tmp);
  renameSync(tmp, out);
  return out;
}

export function fixtureVideo(name: string): string {
  return join(FIXTURE_VIDEO, name);
}

/** Frames in the first video stream, counted by reading every packet. */
export function frameCount(path: string): number {
  const out = run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_packets',
    '-show_entries',
    'stream=nb_read_packets',
    '-of',
    'csv=p=0',
    path,
  ]);
  return Number(out.trim().split(/[\s,]+/)[0]);
}

/** Presentation times (s) of every frame of the first video stream, in presentation order. */
export function framePtsSeconds(path: string): number[] {
  const out = run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', path]);
  return out
    .split('\n')
    .map((l) => l.replace(/,$/, '').trim())
    .filter((l) => l.length > 0)
    .map(Number);
}

/** A y4m copy for the fake camera: 640x480 (letterboxed), `fps` frames per second, `seconds` long. */
export function y4mFor(name: string, fps: number, seconds: number, start = 0): string {
  const out = join(MEDIA_DIR, `${name.replace(/\.[^.]+$/, '')}-${fps}fps-${seconds}s-${start}.y4m`);
  return produce(out, (tmp) =>
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-ss',
      String(start),
      '-t',
      String(seconds),
      '-i',
      fixtureVideo(name),
      '-vf',
      `scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=${fps}`,
      '-pix_fmt',
      'yuv420p',
      tmp,
    ]),
  );
}

/**
 * A y4m for the fake camera from still photos, each held for its seconds, in order (a person's
 * neutral, then their expression held): 640x480 letterboxed, `fps` frames per second.
 */
export function y4mFromStills(stills: readonly { path: string; seconds: number }[], fps: number, stem: string): string {
  const out = join(MEDIA_DIR, `${stem}-${fps}fps.y4m`);
  const fit = `scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=${fps},format=yuv420p,setsar=1`;
  const inputs = stills.flatMap((s) => ['-loop', '1', '-t', String(s.seconds), '-i', s.path]);
  const filter = `${stills.map((_, i) => `[${i}:v]${fit}[v${i}]`).join(';')};${stills.map((_, i) => `[v${i}]`).join('')}concat=n=${stills.length}:v=1[out]`;
  return produce(out, (tmp) =>
    run('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[out]', '-pix_fmt', 'yuv420p', tmp]),
  );
}

/** ffmpeg's output options for H.264 that every browser decodes (4:2:0), at quality `crf` (0 lossless, 12 visually lossless). */
export function h264Args(crf: number): string[] {
  return ['-c:v', 'libx264', '-crf', String(crf), '-preset', 'veryfast', '-pix_fmt', 'yuv420p'];
}

/** An H.264 copy with the same frames and timestamps (for codecs this Chromium cannot decode). */
export function h264Copy(path: string, stem: string): string {
  const out = join(MEDIA_DIR, `${stem}.h264.mp4`);
  return produce(out, (tmp) =>
    run('ffmpeg', ['-v', 'error', '-y', '-i', path, '-map', '0:v:0', ...h264Args(12), ...keepFrameTimes(), tmp]),
  );
}

/**
 * A phone-style portrait clip: the frames stored turned a quarter counter-clockwise, with display
 * metadata that turns them back (ffprobe: rotation -90), so a player shows the face upright.
 */
export function sidewaysWithRotationTag(path: string, stem: string): string {
  const out = join(MEDIA_DIR, `${stem}.rotated.mp4`);
  return produce(out, (tmp) => {
    const stored = tmp.replace(/\.mp4$/, '.stored.mp4');
    run('ffmpeg', ['-v', 'error', '-y', '-i', path, '-map', '0:v:0', '-vf', 'transpose=2', ...h264Args(12), ...keepFrameTimes(), stored]);
    // The legacy rotate tag becomes the display matrix; ffmpeg versions differ in its sign, so the
    // result is checked (ffprobe gives the matrix's turn counter-clockwise: -90 turns the stored
    // frames a quarter clockwise, upright again).
    for (const tag of ['270', '90']) {
      run('ffmpeg', ['-v', 'error', '-y', '-i', stored, '-c', 'copy', '-metadata:s:v:0', `rotate=${tag}`, tmp]);
      if (displayRotation(tmp) === -90) break;
    }
    if (displayRotation(tmp) !== -90) throw new Error(`could not tag ${tmp} with a quarter-turn rotation`);
    rmSync(stored, { force: true });
  });
}

/** The display matrix's rotation of the first video stream (counter-clockwise degrees, ffprobe's sign), 0 without one. */
export function displayRotation(path: string): number {
  const out = run('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream_side_data=rotation',
    '-of',
    'csv=p=0',
    path,
  ]);
  const n = Number.parseFloat(out.trim().split(/[\s,]+/)[0] ?? '');
  return Number.isFinite(n) ? n : 0;
}

/** One frame of a fixture video as a PNG (even width and height), extracted once. */
export function videoFramePng(video: string, index: number): string {
  const stem = video.replace(/\.[^.]+$/, '');
  const out = join(MEDIA_DIR, 'frames', `${stem}-${index}.png`);
  mkdirSync(join(MEDIA_DIR, 'frames'), { recursive: true });
  return produce(out, (tmp) =>
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      fixtureVideo(video),
      '-vf',
      `select=eq(n\\,${index}),scale=trunc(iw/2)*2:trunc(ih/2)*2`,
      '-frames:v',
      '1',
      tmp,
    ]),
  );
}

/**
 * Encodes a sequence of PNG frames (paths, repeats allowed) at a constant frame rate as near-lossless
 * H.264, so a spliced flash survives compression. Frames are hard links to the given files, so long
 * clips cost no temporary disk. Nothing is done when `out` exists.
 */
export function encodeFrames(frames: readonly string[], fps: number, out: string): string {
  if (existsSync(out)) return out;
  const dir = dirname(out);
  mkdirSync(dir, { recursive: true });
  const tmp = out.replace(/\.mp4$/, '.partial.mp4');
  const work = mkdtempSync(join(dir, 'splice-'));
  try {
    frames.forEach((from, i) => {
      const to = join(work, `f${String(i).padStart(5, '0')}.png`);
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    });
    run('ffmpeg', ['-v', 'error', '-y', '-framerate', String(fps), '-i', join(work, 'f%05d.png'), ...h264Args(4), tmp]);
    renameSync(tmp, out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

export interface FlashClipSpec {
  /** Fixture video the frames come from. */
  video: string;
  /** Index of the neutral frame (shown before and after the flash). */
  neutralFrame: number;
  /** Index of the apex frame (shown `flashFrames` times). */
  apexFrame: number;
  flashFrames: number;
  fps: number;
  /** Neutral frames before and after the flash. */
  leadFrames: number;
  tailFrames: number;
}

/**
 * A METT-style clip: the person's own neutral frame, their apex frame for `flashFrames` frames
 * (hard cuts), neutral again.
 */
export function flashClip(spec: FlashClipSpec): string {
  const stem = spec.video.replace(/\.[^.]+$/, '');
  const out = join(
    MEDIA_DIR,
    `flash-${stem}-n${spec.neutralFrame}-a${spec.apexFrame}-x${spec.flashFrames}-${spec.fps}fps-${spec.leadFrames}-${spec.tailFrames}.mp4`,
  );
  const neutral = videoFramePng(spec.video, spec.neutralFrame);
  const apex = videoFramePng(spec.video, spec.apexFrame);
  return encodeFrames(
    [...Array(spec.leadFrames).fill(neutral), ...Array(spec.flashFrames).fill(apex), ...Array(spec.tailFrames).fill(neutral)],
    spec.fps,
    out,
  );
}

export interface FlashSequenceClip {
  path: string;
  /** Per flash, in order: index of its first apex frame in the clip (its onset is that frame's presentation time). */
  startFrames: number[];
  /** Frames in the clip. */
  totalFrames: number;
}

export interface FrameSequenceSpec {
  /** The neutral frame (PNG), shown before, between and after the flashes. */
  neutral: string;
  /** Each flash: a frame (PNG) shown `frames` times, in this order. */
  flashes: { png: string; frames: number }[];
  fps: number;
  /** Neutral frames before the first flash, between flashes, and after the last. */
  leadFrames: number;
  gapFrames: number;
  tailFrames: number;
}

/** The frame list of a METT-style sequence: neutral (lead), flash, neutral (gap), flash, ..., neutral (tail). */
export function flashSequence(spec: FrameSequenceSpec): { frames: string[]; startFrames: number[] } {
  const frames: string[] = Array(spec.leadFrames).fill(spec.neutral);
  const startFrames: number[] = [];
  spec.flashes.forEach((f, i) => {
    if (i > 0) frames.push(...Array(spec.gapFrames).fill(spec.neutral));
    startFrames.push(frames.length);
    frames.push(...Array(f.frames).fill(f.png));
  });
  frames.push(...Array(spec.tailFrames).fill(spec.neutral));
  return { frames, startFrames };
}

/** Several METT-style flashes from PNG frames in one clip (hard cuts, constant frame rate) at `out`. */
export function frameSequenceClip(spec: FrameSequenceSpec, out: string): FlashSequenceClip {
  const { frames, startFrames } = flashSequence(spec);
  encodeFrames(frames, spec.fps, out);
  return { path: out, startFrames, totalFrames: frames.length };
}

export interface FlashSequenceSpec {
  /** Fixture video the frames come from. */
  video: string;
  /** Index of the neutral frame (shown before, between and after the flashes). */
  neutralFrame: number;
  /** Each flash: an apex frame index shown `frames` times, in this order. */
  flashes: { apexFrame: number; frames: number }[];
  fps: number;
  /** Neutral frames before the first flash, between flashes, and after the last. */
  leadFrames: number;
  gapFrames: number;
  tailFrames: number;
  /** Folder for the clip (default MEDIA_DIR). */
  dir?: string;
}

/** Several METT-style flashes from frames of one fixture video (see frameSequenceClip). */
export function flashSequenceClip(spec: FlashSequenceSpec): FlashSequenceClip {
  const dir = spec.dir ?? MEDIA_DIR;
  const stem = spec.video.replace(/\.[^.]+$/, '');
  const key = spec.flashes.map((f) => `${f.apexFrame}x${f.frames}`).join('_');
  const out = join(
    dir,
    `flashseq-${stem}-n${spec.neutralFrame}-${key}-${spec.fps}fps-${spec.leadFrames}-${spec.gapFrames}-${spec.tailFrames}.mp4`,
  );
  return frameSequenceClip(
    {
      neutral: videoFramePng(spec.video, spec.neutralFrame),
      flashes: spec.flashes.map((f) => ({ png: videoFramePng(spec.video, f.apexFrame), frames: f.frames })),
      fps: spec.fps,
      leadFrames: spec.leadFrames,
      gapFrames: spec.gapFrames,
      tailFrames: spec.tailFrames,
    },
    out,
  );
}

/**
 * A fake camera for practice: a real person's 0.4 s smile every 3.6 s (Face Research Lab London
 * Set, CC BY 4.0; neutral 2 s, smile 0.4 s, neutral 1.2 s, the camera looping the file), so that
 * any drill window of 4 s holds one.
 */
export function smileLoopCamera(): string {
  const london = join(FIXTURES, 'people', 'london');
  return y4mFromStills(
    [
      { path: join(london, '001_neutral.jpg'), seconds: 2 },
      { path: join(london, '001_smile.jpg'), seconds: 0.4 },
      { path: join(london, '001_neutral.jpg'), seconds: 1.2 },
    ],
    30,
    'london-001-smile-every-3.6s',
  );
}
