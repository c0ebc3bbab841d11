/** Every default of the command line, in one place. */
export const CLI_DEFAULTS = {
  /**
   * Files analysed at once, one headless page each. 1: the worker pipeline already keeps the cores
   * of a small machine busy; raise it on machines with many cores (see docs/research-mode.md).
   */
  jobs: 1,
  /**
   * Pages per core at most: a page's pipeline waits on the model for much of each frame, so two
   * pages per core still add throughput (measured: two pages on two cores analyse about twice the
   * frames of one); far more only starve each other (1000 on 2 cores failed every file).
   */
  maxJobsPerCore: 2,
  delegate: 'auto',
  /** Extensions (lower case) picked up when a folder is scanned. */
  videoExtensions: ['.mp4', '.mov', '.webm', '.mkv', '.avi', '.m4v'],
  /** Suffix of a file being written; it is renamed to its real name only once complete. */
  partialSuffix: '.partial',
  /**
   * Seconds without a new frame after which a file is given up (its page is then replaced). Start-up
   * (model load, delegate timing) takes seconds and a frame well under one on a slow machine, so
   * two minutes only ever catches a page that stopped.
   */
  stallTimeoutS: 120,
  /** Largest --stall-timeout, seconds (a day; timers cannot run longer than ~24.8 days anyway). */
  stallTimeoutMaxS: 86_400,
  /** Tries to start a page's browser before the batch stops (one crash at launch on a loaded machine is not a missing browser). */
  launchAttempts: 2,
  /** Without a terminal, how often a running file prints a progress line, ms. */
  plainProgressIntervalMs: 10_000,
} as const;

/** Exit status: every file analysed or skipped as complete. */
export const EXIT_OK = 0;
/** Exit status: at least one file failed (the others were completed). */
export const EXIT_FILE_FAILED = 1;
/** Exit status: nothing could run (bad arguments, rules, no browser, model missing). */
export const EXIT_SETUP_FAILED = 2;
/** Exit status: every file was analysed, but at least one ended before its declared frames (truncated); its JSON says `video.complete: false`. */
export const EXIT_INCOMPLETE = 3;
