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
  /**
   * Whether a VideoFrame goes to the model as an ImageBitmap, per delegate. On the CPU delegate
   * MediaPipe converts a VideoFrame itself far more slowly: 35.3 ms median per 640x480 frame from a
   * VideoFrame against 1.5 ms to make the ImageBitmap plus 22.3 ms from it (2-core Xeon, headless
   * Chromium 143, `npm run bench`'s profile). On the GPU delegate the frame stays a VideoFrame
   * (not measured on a real GPU here; the profile prints both where one is present).
   */
  bitmapInput: { CPU: true, GPU: false },
  /**
   * Whether a file's frames are shared among a pool when nobody asked for one (--pool,
   * FileAnalysisOptions.pool). Off: in one of three full test runs on a 2-core machine the page
   * crashed at the start of two files analysed with the default pool, not yet explained; asked
   * for, the pool is used as sized by pool-size.ts.
   */
  poolByDefault: false,
  /** Most landmarkers in a file's pool (detect-pool.ts): each is a worker with its own model (about 40 MB). */
  maxPool: 4,
  /** Times a frame is handed to a fresh pool member after the one holding it died, before the analysis fails. */
  poolRetries: 2,
  /** A pool member that has not answered a frame for this long is taken for dead and replaced (ms): far above a frame's time even on a loaded machine. */
  poolAnswerMs: 30_000,
  /**
   * The same for a live pool (ms): the frames after a silent member's wait on it, in capture order,
   * so a live view must not freeze for long; a frame takes tens of ms, a member's first one about a second.
   */
  livePoolAnswerMs: 3000,
  /** Frames in flight per pool member during a file analysis (one being analysed, one waiting). */
  framesPerMember: 2,
  /** MediaPipe's detection confidence floor (its own default is 0.5). */
  minFaceDetectionConfidence: 0.5,
  minFacePresenceConfidence: 0.5,
} as const;
