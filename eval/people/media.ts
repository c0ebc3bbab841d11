/**
 * Derived media of the people fixtures, made at run time into the ignored .cache/ (never committed,
 * never shipped: NimStim and MEAD are research-only).
 *
 * Stills are put on one canvas per set, so that every frame of a person's clip has one size and
 * the face sits where a webcam would show it: NimStim's ~167x210 face crops (transparent around
 * the head) are doubled and centred on a black 640x480 frame; London's 640x640 photos are kept.
 */
import { basename, extname, join } from 'node:path';
import { MEDIA_DIR, encodeFrames, produce, run } from '../../scripts/lib/media.ts';
import type { Person, PeopleSet } from './catalog.ts';
import { videoStills } from './video-stills.ts';

export const PEOPLE_MEDIA_DIR = join(MEDIA_DIR, 'people');

/** Canvas and scale per set of stills. */
const STILL_CANVAS: Partial<Record<PeopleSet, { width: number; height: number; scale: number }>> = {
  nimstim: { width: 640, height: 480, scale: 2 },
  london: { width: 640, height: 640, scale: 1 },
};

/** The still as a PNG on its set's canvas (see the header). */
export function canvasStill(set: PeopleSet, still: string): string {
  const canvas = STILL_CANVAS[set];
  if (!canvas) throw new Error(`canvasStill: ${set} has no stills`);
  const out = join(PEOPLE_MEDIA_DIR, 'stills', set, `${basename(still, extname(still))}.png`);
  const { width, height, scale } = canvas;
  return produce(out, (tmp) =>
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=black:s=${width}x${height}:d=1`,
      '-i',
      still,
      '-filter_complex',
      `[1:v]scale=iw*${scale}:ih*${scale}:flags=lanczos,scale=min(iw\\,${width}):min(ih\\,${height}):force_original_aspect_ratio=decrease[fg];[0:v][fg]overlay=(W-w)/2:(H-h)/2:format=auto,format=rgb24`,
      '-frames:v',
      '1',
      tmp,
    ]),
  );
}

/** Every still of a person (neutral first, then posed, then controls), with its label. */
export function personStills(p: Person): { label: string; png: string }[] {
  if (p.media !== 'still') return [];
  return [
    { label: 'neutral', png: canvasStill(p.set, p.neutral) },
    ...p.posed.map((s) => ({ label: s.label, png: canvasStill(p.set, s.path) })),
    ...p.controls.map((s) => ({ label: s.label, png: canvasStill(p.set, s.path) })),
  ];
}

/**
 * One clip with each still of the person once, in personStills order (for recording the model's
 * output per still: frames are analysed independently, so neighbours do not matter).
 */
export function personStillsClip(p: Person): { path: string; labels: string[] } {
  const stills = personStills(p);
  const path = encodeFrames(
    stills.map((s) => s.png),
    10,
    join(PEOPLE_MEDIA_DIR, 'contact', `${p.id}.mp4`),
  );
  return { path, labels: stills.map((s) => s.label) };
}

/** Frame `frameIndex` (presentation order, from 0, as the recordings number them) of a video, as a PNG at its own size. */
export function videoFrameStill(video: string, frameIndex: number): string {
  const out = join(PEOPLE_MEDIA_DIR, 'video-stills', `${basename(video, extname(video))}-${frameIndex}.png`);
  return produce(out, (tmp) =>
    run('ffmpeg', ['-v', 'error', '-y', '-i', video, '-vf', `select=eq(n\\,${frameIndex}),format=rgb24`, '-frames:v', '1', tmp]),
  );
}

/**
 * A video person's frames as a person of stills (video-stills.ts picks the frames, from the
 * recorded model output), with each still's PNG cut from its video: their METT clips can then be
 * made and analysed like a still person's.
 */
export function personVideoStills(p: Person): { person: Person; pngs: Map<string, string> } {
  const { person, source } = videoStills(p);
  const videoOf = new Map<string, string>([['neutral', p.neutral], ...person.posed.map((s) => [s.label, s.path] as [string, string])]);
  const pngs = new Map<string, string>();
  for (const [label, frame] of source.frames) pngs.set(label, videoFrameStill(videoOf.get(label)!, frame.frameIndex));
  return { person, pngs };
}
