/** Worker-side defaults, each in one place. */
export const WORKER_DEFAULTS = {
  /**
   * Faces MediaPipe looks for. Must be >= 2: with exactly 1 in VIDEO mode MediaPipe smooths the
   * landmarks and a two-frame flash arrives at half strength; IMAGE mode (used here) never smooths,
   * and several faces let the user pick one in a gallery view.
   */
  maxFaces: 4,
  /** Frames each delegate is timed on at start-up (after one warm-up frame). */
  delegateProbeFrames: 3,
  /** Results per message during file analysis: fewer messages, still a smooth progress bar. */
  fileBatchSize: 16,
  /** MediaPipe's detection confidence floor (its own default is 0.5). */
  minFaceDetectionConfidence: 0.5,
  minFacePresenceConfidence: 0.5,
} as const;
