/**
 * A short clip of a live flash, made in the worker only when the user asks to keep clips: the
 * followed face, small, from just before the flash's onset to just after its offset, as a video
 * file (Blob, structured-clone safe). Times are ms on the source's clock, like the events'.
 */
import type { FlashEvent } from './flash-event.ts';

export interface FlashClip {
  /** The flash it shows (complete). */
  event: FlashEvent;
  /** Time of the clip's first and last frame (ms, source clock); the video's time 0 is startMs. */
  startMs: number;
  endMs: number;
  frameCount: number;
  /** Frame size (px). */
  width: number;
  height: number;
  /** 'video/webm' or 'video/mp4'. */
  mimeType: string;
  video: Blob;
}
