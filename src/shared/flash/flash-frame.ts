/**
 * What the flash engine reads per frame: the AU estimator's output for the followed face.
 * A structural subset of FrameResult (contract/frame.ts), so a FrameResult can be passed as is.
 */
export interface FlashFrame {
  /** ms on the source's clock; strictly increasing. */
  timestampMs: number;
  /** Whether the followed face is in this frame. */
  facePresent: boolean;
  /** AU intensities in AU_CHANNELS order, FACS 0-5 relative to the person's neutral; NaN when no face. */
  aus: Float32Array;
  /** Eye features in EYE_FEATURES order; NaN when no face. */
  eyes: Float32Array;
  /** Head pose, radians: pitch, yaw, roll. NaN when no face. */
  pose: Float32Array;
  /**
   * Absolute lip gap on AU25's FACS scale (0 = lips together), not relative to the neutral, so it
   * is there before a neutral exists and is not clipped when the neutral had the lips apart. The
   * speech gate reads it; when absent or NaN it reads AU25 + AU26 + AU27 instead.
   */
  mouthOpen?: number;
}

/** The AU stage's output for one frame, as the flash engine reads it. */
export function flashFrameOf(
  timestampMs: number,
  facePresent: boolean,
  au: { aus: Float32Array; eyes: Float32Array; pose: Float32Array; mouthOpen: number },
): FlashFrame {
  return { timestampMs, facePresent, aus: au.aus, eyes: au.eyes, pose: au.pose, mouthOpen: au.mouthOpen };
}
