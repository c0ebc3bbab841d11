/**
 * Which frames make each flash's clip. A ring of recent frames gives the lead before an onset;
 * from the onset on, each frame goes to the clips still open, up to the longest clip; a clip is
 * finished once a frame at or past its flash's tail has come, or when the source stops. A stateful
 * stage with explicit state (step, flush, reset); frames are whatever the caller keeps (pixels in
 * the worker, numbers in the tests).
 */
import type { FlashEvent } from '../contract/index.ts';
import { CLIP_DEFAULTS } from './defaults.ts';

export interface Shot<T> {
  /** The frame's time on the source clock (ms). */
  atMs: number;
  item: T;
}

/** A finished clip: the complete flash and its frames, in order, from startMs to endMs (ms, source clock). */
export interface CutClip<T> {
  event: FlashEvent;
  startMs: number;
  endMs: number;
  shots: Shot<T>[];
}

interface OpenClip<T> {
  eventId: number;
  startMs: number;
  /** Frames are taken up to here (ms): the longest clip, then the flash's tail once it is complete. */
  untilMs: number;
  /** The flash, once complete. */
  event: FlashEvent | null;
  shots: Shot<T>[];
}

/** The clip's timing (ms), CLIP_DEFAULTS where not given. */
export interface ClipTiming {
  leadMs: number;
  tailMs: number;
  maxMs: number;
  ringMs: number;
}

export interface ClipPlanner<T> {
  /** One analysed frame and the events that started or ended on it; returns the clips it finished. */
  step(shot: Shot<T>, events: readonly FlashEvent[]): CutClip<T>[];
  /**
   * The source stopped: the events completed at its last frame close their clips, and every clip
   * whose flash is complete is finished with the frames it has. One never completed is dropped.
   */
  flush(events: readonly FlashEvent[]): CutClip<T>[];
  /** Frames held now (ring and open clips, counted once): what the caller's memory holds. */
  held(): number;
  reset(): void;
}

export function createClipPlanner<T>(timing: Partial<ClipTiming> = {}): ClipPlanner<T> {
  const { leadMs, tailMs, maxMs, ringMs } = { ...CLIP_DEFAULTS, ...timing };
  let ring: Shot<T>[] = [];
  let open: OpenClip<T>[] = [];

  const openFor = (e: FlashEvent): OpenClip<T> => {
    const startMs = e.onsetMs - leadMs;
    const clip = { eventId: e.id, startMs, untilMs: startMs + maxMs, event: null, shots: ring.filter((s) => s.atMs >= startMs) };
    open.push(clip);
    return clip;
  };
  const complete = (clip: OpenClip<T>, e: FlashEvent): void => {
    clip.event = e;
    clip.untilMs = Math.min(e.offsetMs + tailMs, clip.startMs + maxMs);
  };
  const cut = (clip: OpenClip<T>): CutClip<T> => ({
    event: clip.event as FlashEvent,
    startMs: clip.startMs,
    endMs: clip.untilMs,
    shots: clip.shots.filter((s) => s.atMs <= clip.untilMs),
  });

  return {
    step(shot, events) {
      for (const clip of open) if (shot.atMs <= clip.untilMs) clip.shots.push(shot);
      while (ring.length && ring[0]!.atMs < shot.atMs - ringMs) ring.shift();
      ring.push(shot);
      for (const e of events) {
        // A flash that starts and ends on one frame, or was under way when clips were turned on, opens here.
        const clip = open.find((c) => c.eventId === e.id) ?? openFor(e);
        if (e.status === 'complete') complete(clip, e);
      }
      const done = open.filter((c) => c.event !== null && shot.atMs >= c.untilMs);
      open = open.filter((c) => !done.includes(c));
      return done.map(cut);
    },
    flush(events) {
      for (const e of events) {
        const clip = open.find((c) => c.eventId === e.id);
        if (clip && e.status === 'complete') complete(clip, e);
      }
      const done = open.filter((c) => c.event !== null && c.shots.length > 0).map(cut);
      open = [];
      ring = [];
      return done;
    },
    held() {
      return new Set([...ring, ...open.flatMap((c) => c.shots)]).size;
    },
    reset() {
      ring = [];
      open = [];
    },
  };
}
