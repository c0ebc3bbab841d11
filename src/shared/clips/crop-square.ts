/**
 * The square of the frame a clip shows: the followed face's box, widened so the whole head shows,
 * smoothed from frame to frame so the crop follows the head without jitter, and kept inside the
 * frame. Pure: the caller keeps the last square.
 */
import type { Box } from '../face-select.ts';
import { CLIP_DEFAULTS } from './defaults.ts';

/** A square in pixels of the frame. */
export interface Square {
  x: number;
  y: number;
  side: number;
}

/**
 * `face` is the followed face's box (normalised, null when no face is in view: the last square
 * stays, or the frame's centre before any face).
 */
export function cropSquare(
  face: Box | null,
  width: number,
  height: number,
  last: Square | null,
  d: { faceMargin: number; cropSmoothing: number } = CLIP_DEFAULTS,
): Square {
  const full = Math.min(width, height);
  let cx: number;
  let cy: number;
  let side: number;
  if (face) {
    side = Math.min(full, Math.max(face.w * width, face.h * height) * d.faceMargin);
    cx = (face.x + face.w / 2) * width;
    cy = (face.y + face.h / 2) * height;
    if (last) {
      const a = d.cropSmoothing;
      side = a * side + (1 - a) * last.side;
      cx = a * cx + (1 - a) * (last.x + last.side / 2);
      cy = a * cy + (1 - a) * (last.y + last.side / 2);
    }
  } else if (last) {
    return last;
  } else {
    side = full;
    cx = width / 2;
    cy = height / 2;
  }
  const x = Math.min(Math.max(0, cx - side / 2), width - side);
  const y = Math.min(Math.max(0, cy - side / 2), height - side);
  return { x, y, side };
}
