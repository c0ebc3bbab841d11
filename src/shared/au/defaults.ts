/**
 * Every default and threshold of the action-unit stage, in one place, each with its unit and why.
 * `createAuEstimator(options)` merges a partial object over this one (one level deep).
 * Per-AU scales and weights are data in `registry.ts`; per-measure stillness scales in `measures.ts`.
 */
export const AU_DEFAULTS = {
  presence: {
    /** FACS intensity (0-5) at which an AU turns present: a bit above trace (A = 1) so that landmark jitter on a neutral face (measured < 1) never reads as an action. */
    on: 1.2,
    /** FACS intensity (0-5) below which a present AU turns absent again: the gap to `on` is hysteresis so that an AU hovering at threshold does not flicker frame to frame. */
    off: 0.8,
  },
  calibration: {
    /** ms of "relax your face" for an explicit neutral: 3 s holds ~90 frames at 30 fps, enough for a robust median even with a blink or two in it. */
    durationMs: 3000,
    /** Minimum frames with a face for a calibration to count: fewer cannot give a median that outvotes a blink. */
    minFrames: 10,
    /** Rows of the collection window (calibration or bootstrap): 3 s at 120 fps; the median uses the first rows when a window would hold more. */
    maxFrames: 360,
  },
  auto: {
    /** ms of face frames whose median bootstraps the automatic neutral: ~1 s is short enough to be ready quickly, long enough to outvote a blink. */
    bootstrapMs: 1000,
    /** Minimum frames with a face for the bootstrap median (a 10 fps stream still gets there in 1 s). */
    bootstrapMinFrames: 8,
    /**
     * A frame updates the automatic neutral only when every measure is within this fraction of its
     * stillness scale (measures.ts) of the current neutral: a held expression is far outside it and
     * is never absorbed, slow drift (posture, lighting, fatigue) is inside it.
     */
    stillFraction: 0.35,
    /** s, time constant of the slow update: ~20 s forgets drift within a minute but ignores any 2-4 frame flash. */
    timeConstantS: 20,
    /** Largest change per second of any neutral measure, as a fraction of its stillness scale: a rate limit so a sequence of near-still frames can only creep. */
    maxDriftPerS: 0.02,
    /** ms; a frame gap longer than this (dropped frames, face lost) contributes no update time, so a long gap cannot make one frame jump the estimate. */
    maxStepMs: 200,
  },
  blendshapes: {
    /** FACS intensity (0-5): how far a `support`-mode blendshape may lift an AU above what geometry alone shows (so a blendshape never makes an AU by itself, e.g. mouthSmile on a crying face). */
    supportMargin: 1,
    /** Floor of (1 - neutral score) when normalising a blendshape to the person's neutral, so a neutral score near 1 cannot divide by ~0. */
    minHeadroom: 0.05,
    /** Blendshape score change that stands for a clear movement, for the automatic neutral's rate limit (same role as a measure's stillScale). */
    stillScale: 0.2,
  },
  eyes: {
    /** ms; a closure longer than this is eyes closed (AU43) rather than a blink (AU45). Spontaneous blinks last 100-400 ms. */
    blinkMaxMs: 500,
    /** Smallest eye half-height used to scale the vertical iris position, as a fraction of eye half-width: keeps irisY finite while the lids are closed. */
    minHalfApertureRatio: 0.15,
  },
  geometry: {
    /** Smallest face size accepted, in pixels of inter-ocular distance: below it the landmarks are too coarse for action units and the frame counts as no face. */
    minInterOcularPx: 8,
    /**
     * Degrees; vertical field of view of the camera, for undoing perspective (near parts of a turned
     * face look bigger). 45 degrees is a typical laptop/USB webcam at 4:3; 0 turns the correction
     * off (infinite focal length: telephoto or already-orthographic input).
     */
    verticalFovDeg: 45,
  },
} as const;

type Widen<T> = T extends number ? number : T extends boolean ? boolean : { -readonly [K in keyof T]: Widen<T[K]> };

/** The full configuration of an estimator (same shape as AU_DEFAULTS). */
export type AuConfig = Widen<typeof AU_DEFAULTS>;

/** What callers pass: any subset, one level deep per group. */
export type AuOptions = { [G in keyof AuConfig]?: Partial<AuConfig[G]> };

/** AU_DEFAULTS with `options` merged over it (a fresh object; AU_DEFAULTS is never changed). */
export function mergeAuOptions(options: AuOptions = {}): AuConfig {
  const out = {} as AuConfig;
  for (const key of Object.keys(AU_DEFAULTS) as (keyof AuConfig)[]) {
    (out as Record<string, unknown>)[key] = { ...AU_DEFAULTS[key], ...(options[key] ?? {}) };
  }
  return out;
}
