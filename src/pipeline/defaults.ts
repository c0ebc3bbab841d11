/** Page-side pipeline defaults, each in one place. */
export const PIPELINE_DEFAULTS = {
  /** The watchdog pings the worker this often (ms). */
  pingIntervalMs: 1000,
  /**
   * A worker that has not answered a ping for this long is taken as crashed and restarted (ms).
   * Longer than the slowest legitimate pause: delegate probing runs a few GPU frames at ~170 ms
   * each on software WebGL.
   */
  pingTimeoutMs: 5000,
  /**
   * During a file analysis, how long the worker may go without answering a ping or delivering a
   * frame before it is taken as hung (ms): one frame of a 4K file on a loaded 2-core machine can
   * take seconds, and a busy worker answers only between frames; a dead one never does.
   */
  fileBusyTimeoutMs: 60_000,
  /**
   * Time limits for timing a delegate at start-up (ms), wasm and model load included. A GPU that is
   * real answers in about a second; software WebGL takes far longer or hangs.
   */
  cpuProbeTimeoutMs: 30_000,
  gpuProbeTimeoutMs: 6_000,
  /** How long Stop waits for the worker to close a live source and complete what was open (ms): a dead worker never answers. */
  stopAnswerMs: 1000,
  /** Camera frame rates asked for, best first. */
  cameraFps: [60, 30] as const,
  /** Ideal camera resolution (MediaPipe works on 640x480 well; more costs time, not accuracy). */
  cameraWidth: 640,
  cameraHeight: 480,
} as const;
