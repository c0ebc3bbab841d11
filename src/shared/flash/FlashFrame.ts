/**
 * What the flash engine reads per frame: the AU estimator's output for the followed face.
 * A structural subset of FrameResult (protocol.ts), so a FrameResult can be passed as is.
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
}
