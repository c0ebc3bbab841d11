/**
 * The one home of the flash clips' defaults: what is kept around a flash when the user asks for
 * short clips of flashes (live sources only; a file keeps its own video).
 */
export const CLIP_DEFAULTS = {
  /** A clip starts this long before the flash's onset (ms)... */
  leadMs: 500,
  /** ...and ends this long after its offset (ms)... */
  tailMs: 500,
  /** ...but is never longer than this (ms): a long expression keeps its start. */
  maxMs: 3000,
  /** Recent frames held for the lead of a flash not yet seen (ms): the lead and the onset's detection delay. */
  ringMs: 1500,
  /** Side of the square clip frame (px): small, the face only. */
  sizePx: 160,
  /** The crop is this many times the face box's larger side, so the whole head shows. */
  faceMargin: 1.6,
  /** Weight of the newest face box in the crop (0..1): the crop follows the head without jitter. */
  cropSmoothing: 0.3,
  /** Encoder bitrate (bits/s): about 40 kB for a one-second clip at 160 px. */
  bitrate: 300_000,
  /** Codecs tried in order, the first the browser encodes wins (VP8/VP9 in WebM, else H.264 in MP4). */
  codecs: ['vp8', 'vp9', 'avc'],
} as const;

export type ClipDefaults = typeof CLIP_DEFAULTS;
