/**
 * The video sets (MEAD, CREMA-D) as METT flashes too: frames of a person's expression clips used as
 * posed stills and spliced into one frame of their neutral clip, as the still sets are. Frames are
 * picked by position only (a quarter, half and three quarters into each clip, and the middle of the
 * neutral clip), never by what the AU stage reads on them. The speakers talk, so a frame may catch
 * the mouth mid-word; the expression is held throughout each clip. This is where the one-sided
 * smile (MEAD's contempt) gets flashes to be measured on.
 */
import type { RecordedFrame } from '../../scripts/lib/recordings.ts';
import type { Person } from './catalog.ts';
import type { StillSource } from './replay.ts';
import { videoRecording } from './replay.ts';

/** People as stills: a still person as they are, a video person's frames with their recorded source (replayStillsClip's `source`). */
export function asStillPeople(people: readonly Person[]): { person: Person; source?: StillSource }[] {
  return people.map((p) => (p.media === 'still' ? { person: p } : videoStills(p)));
}

/** Where in each expression clip its stills are taken (share of the clip). */
export const VIDEO_STILL_POINTS = [0.25, 0.5, 0.75] as const;

/** The face frame nearest a share of a recording. */
function frameAt(frames: readonly RecordedFrame[], share: number): RecordedFrame | null {
  const faces = frames.filter((f) => f.landmarks !== null);
  return faces[Math.round(share * (faces.length - 1))] ?? null;
}

/** A video person as a person of stills (posed labels `angry@50`), with the recorded frames of those stills. */
export function videoStills(p: Person): { person: Person; source: StillSource } {
  const neutralRec = videoRecording(p.neutral);
  const neutral = frameAt(neutralRec.frames, 0.5);
  if (!neutral) throw new Error(`${p.id}: no face in ${p.neutral}`);
  const frames = new Map<string, RecordedFrame>([['neutral', neutral]]);
  const posed: Person['posed'] = [];
  for (const s of p.posed) {
    const rec = videoRecording(s.path);
    if (rec.width !== neutralRec.width || rec.height !== neutralRec.height) continue;
    for (const share of VIDEO_STILL_POINTS) {
      const f = frameAt(rec.frames, share);
      if (!f) continue;
      const label = `${s.label}@${Math.round(share * 100)}`;
      frames.set(label, f);
      posed.push({ path: s.path, label, kind: s.kind });
    }
  }
  return {
    person: { ...p, media: 'still', posed, controls: [] },
    source: { frames, size: { width: neutralRec.width, height: neutralRec.height } },
  };
}
