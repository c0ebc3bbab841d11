/**
 * Which face to follow when a frame holds several (a gallery view in a video call): the largest by
 * default, or the one the user picked, then kept by box overlap from frame to frame. Pure: the
 * caller keeps the state.
 */
import type { FaceSelection } from './contract/index.ts';

/** A face box in normalised image coordinates. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface FaceFollowState {
  selection: FaceSelection;
  /** The followed face's box in the last frame it was seen, or null. */
  last: Box | null;
}

/** A picked face counts as the same face in the next frame if the boxes overlap at least this much (IoU). */
export const FOLLOW_MIN_IOU = 0.2;

export function initialFollowState(selection: FaceSelection = { mode: 'largest' }): FaceFollowState {
  return { selection, last: null };
}

export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w);
  const y1 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = a.w * a.h + b.w * b.h - inter;
  return union > 0 ? inter / union : 0;
}

function largest(boxes: readonly Box[]): number {
  let best = -1;
  let bestArea = -1;
  boxes.forEach((b, i) => {
    if (b.w * b.h > bestArea) {
      bestArea = b.w * b.h;
      best = i;
    }
  });
  return best;
}

function contains(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
}

/**
 * Picks the face to follow in this frame. Returns its index (-1 if the followed face is not in the
 * frame) and the next state.
 */
export function followFace(boxes: readonly Box[], state: FaceFollowState): { index: number; state: FaceFollowState } {
  if (boxes.length === 0) return { index: -1, state };
  const sel = state.selection;
  if (sel.mode === 'largest') {
    const index = largest(boxes);
    return { index, state: { selection: sel, last: boxes[index] ?? null } };
  }
  // A pick not yet resolved to a face: take the face under the point (nearest centre if none).
  if (state.last === null) {
    let index = boxes.findIndex((b) => contains(b, sel.x, sel.y));
    if (index < 0) {
      let bestD = Infinity;
      boxes.forEach((b, i) => {
        const d = Math.hypot(b.x + b.w / 2 - sel.x, b.y + b.h / 2 - sel.y);
        if (d < bestD) {
          bestD = d;
          index = i;
        }
      });
    }
    return { index, state: { selection: sel, last: boxes[index] ?? null } };
  }
  // Keep following the picked face: best overlap with where it was last seen.
  let index = -1;
  let bestIou = FOLLOW_MIN_IOU;
  boxes.forEach((b, i) => {
    const o = iou(b, state.last as Box);
    if (o >= bestIou) {
      bestIou = o;
      index = i;
    }
  });
  // Not found: the picked face left the frame; remember where it was and report no face.
  if (index < 0) return { index: -1, state };
  return { index, state: { selection: sel, last: boxes[index] ?? null } };
}

/** Bounding box of a face's landmarks (normalised image coordinates), packed as x, y, z triples. */
export function landmarkBox(landmarks: Float32Array): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < landmarks.length; i += 3) {
    const x = landmarks[i]!;
    const y = landmarks[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
