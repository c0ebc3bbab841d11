/**
 * Every default of the research exports, in one place. Changing a precision here changes the files
 * the command line and the app write alike (both call the same writers).
 */
export const EXPORT_DEFAULTS = {
  /** Decimal places of times in seconds (microseconds: finer than any video clock we read). */
  secondsDecimals: 6,
  /** Decimal places of times in milliseconds (durations). */
  msDecimals: 3,
  /** Decimal places of AU intensities (FACS 0-5) and event peaks. */
  auDecimals: 4,
  /** Decimal places of the AU peaks listed inside one event (`AU04:2.31`): short enough to read. */
  eventAuDecimals: 2,
  /** Decimal places of head pose, radians (0.000001 rad is far below landmark noise). */
  poseDecimals: 6,
  /** Decimal places of eye features (dimensionless ratios). */
  eyeDecimals: 4,
  /** Decimal places of confidences (0-1). */
  confidenceDecimals: 3,
  /**
   * Shortest WebVTT cue, ms. An event whose offset is unknown (still ongoing when the video ended)
   * or whose duration is shorter is shown this long from its onset, so a player can display it.
   */
  minCueMs: 100,
  /** Line ending of CSV files (RFC 4180 asks for CRLF; pandas, R and spreadsheets read LF as well). */
  csvNewline: '\n',
} as const;

/** Suffixes of the four files of one analysed video, appended to the video's stem. */
export const EXPORT_SUFFIXES = {
  frames: '.frames.csv',
  events: '.events.csv',
  json: '.json',
  vtt: '.vtt',
} as const;

export type ExportKind = keyof typeof EXPORT_SUFFIXES;
