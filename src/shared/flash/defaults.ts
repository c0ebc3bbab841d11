/**
 * Every default of the flash engine, in one place. Each has its unit and one line on why.
 * `createFlashEngine(rules, options)` merges a partial `options` over these (no deep merge needed:
 * the object is flat). What an expression looks like lives in the rules (rules/default-rules.json);
 * what lives here is how the engine reads the signal (timing, noise, gates, baselines).
 */
import { AU_DEFAULTS } from '../au/index.ts';

export const FLASH_ENGINE_DEFAULTS = {
  // --- Event timing -------------------------------------------------------------------------
  /** ms. Micro-expressions last at most 1/2 s (the relaxed bound in the literature). */
  microMaxMs: 500,
  /** ms. The seed's flash: an onset phase shorter than 1/15 s. */
  fastOnsetMaxMs: 1000 / 15,
  /** ms. An event's onset is the rise of its rule's own AUs when an exclusion held it back at most
   * this long (two frames at 30 fps): a borderline excluded AU on the first frames of a flash, not
   * another expression (group/onset-detector.ts). */
  exclusionLagMaxMs: 70,
  /** ms. A longer interval between two face frames is a tracking gap: events end, onsets reset.
   * Above a 4 fps frame interval, so dropped frames at 15-60 fps are not gaps. */
  maxFrameGapMs: 250,

  /** ratio. Largest intensity / min that one required AU adds to a rule's evidence (evaluate-au-rule.ts):
   * an AU at twice its min has shown itself fully, and one very strong AU must not outweigh two
   * others that a fuller match has. */
  ruleEvidenceCap: 2,

  /** on/off. A rule group may start an event only while no group holding one matches the face more
   * fully (more evidence per requirement): one expression at a time, so the artefact of the other (a
   * smile's cheeks read as lowered brows) is not a second event. Off: every group fires on its own. */
  groupDominance: 1,

  // --- Noise (per-person, per-channel) ------------------------------------------------------
  /** FACS units. Noise standard deviation assumed before any frame is seen (typical landmark AU jitter). */
  noiseInitialSigma: 0.1,
  /** FACS units. Noise estimates never go below this (a perfectly still channel is not infinitely reliable). */
  noiseFloorSigma: 0.02,
  /** ms. Time constant of the running noise estimate: slow, so a flash barely moves it. */
  noiseTimeConstantMs: 20_000,
  /** sigmas. A required AU's min is raised to at least this many noise sigmas of its channel. */
  noiseThresholdK: 4,
  /** sigmas. Samples beyond this are activity, not noise, and do not update the estimate. */
  noiseClipK: 3,

  // --- Blinks --------------------------------------------------------------------------------
  /** FACS units. AU43/AU45 at or above this is a blink (eye-region AUs are held). */
  blinkAuMin: 1.0,
  /** ms. Eye-region AUs stay held this long after the lids reopen (reopening overshoot). */
  blinkHoldMs: 100,
  /** ms. A closure longer than this is eyes closed (AU43, e.g. in pain), not a blink: the hold is released. The AU stage's own boundary between AU45 and AU43. */
  blinkMaxMs: AU_DEFAULTS.eyes.blinkMaxMs,
  /**
   * FACS units. A closure whose AU6 or AU7 (lower lid and cheek up) exceeds it by this much is the
   * lids narrowing, not a blink. On the video sets' neutral clips and the talking heads 1 of 47
   * closure frames came within it; posed disgust stills with the lids squeezed read AU7 3.4-5 with
   * a closure of 1.2-1.9.
   */
  blinkNarrowingMargin: 2.0,

  // --- Head motion -------------------------------------------------------------------------------
  /** rad/s. Faster head rotation bends landmark geometry into false AUs (about 86 deg/s): no onsets
   * while it lasts two frame intervals (a turn); over one interval only, it is the pose step an
   * expression's own onset causes, and onsets wait one frame for the head to stop. */
  headVelocityMaxRadPerS: 1.5,
  /** rad. Beyond this |yaw| the far half of the face is foreshortened: no onsets (about 34 deg). */
  headYawMaxRad: 0.6,
  /** rad. Beyond this |pitch| brow and mouth geometry bend: no onsets (about 29 deg). */
  headPitchMaxRad: 0.5,
  /** ms. Onsets stay blocked this long after the head settles. */
  headHoldMs: 200,

  // --- Speech ----------------------------------------------------------------------------------
  /** FACS units. A mouth opening change at least this large counts as one open or close movement. */
  speechSwingMin: 0.6,
  /** ms. Window in which open/close movements are counted. */
  speechWindowMs: 1_500,
  /** count. This many open/close reversals in the window is talking (two syllable cycles). */
  speechMinReversals: 4,
  /** ms. Talking is assumed to go on this long after the last reversal (pauses between words). */
  speechHoldMs: 600,
  /** ms. How long the mouth is watched before the person is taken to be not talking; until then the
   * engine is as strict as for talking. A talker shows the required reversals within about a second
   * (syllables come at 4-5 Hz), and the AU stage's automatic neutral takes a second anyway. */
  speechWarmupMs: 1_500,
  /** factor. While talking, the min of every mouth AU in a rule is multiplied by this. */
  speechMouthScale: 2,
  /** ms. While talking, an event carried by a rule that only the mouth can meet (a one-sided smile,
   * a broad smile without the eyes) is shown only once it has lasted this long. Talk pulls a corner
   * for a syllable or a word (talking heads: 50-540 ms), while a smirk or smile held through speech
   * lasts seconds. Its onset is still where the face began to move. */
  speechMouthOnlyMinMs: 600,
  /** on/off. While talking, a rule that needs a mouth AU also needs one of its upper-face support
   * AUs at its min (e.g. AU5 for surprise): the talking mouth cannot confirm the kind, and brow
   * raises are conversational emphasis ("eyebrow flashes"), so the eyes must confirm it. */
  speechUpperFaceConfirm: 1,
  /** sigmas. While talking, a rule's AU must exceed the person's talking mean by this many of their
   * talking standard deviations (createTalkingEnvelope): brow raises for emphasis and smiles between
   * words are how this person talks, not flashes. 3 sd is exceeded by chance on about 0.13% of
   * frames of a Gaussian channel, about 2 frames a minute at 30 fps: under one false flash a minute. */
  speechEnvelopeK: 3,
  /** FACS units. Talking standard deviation assumed before the person has been seen talking. */
  speechEnvelopePriorSigma: 0.8,
  /** ms. Weight of that prior, as if this much talking had been seen. */
  speechEnvelopePriorMs: 2_000,
  /** ms. Time constant of the talking statistics: long enough to span many sentences. */
  speechEnvelopeTimeConstantMs: 30_000,

  // --- Confidence -------------------------------------------------------------------------------
  /** weight. Default weight of the activation margin in confidence. */
  confidenceActivationWeight: 0.5,
  /** weight. Default weight of supporting AUs in confidence. */
  confidenceSupportWeight: 0.2,
  /** weight. Default weight of the signal-to-noise ratio in confidence. */
  confidenceSnrWeight: 0.3,
  /** factor. Confidence is multiplied by this when talking or head motion overlapped the event. */
  gatedConfidenceScale: 0.7,

  // --- Gaze baseline (dissociation) ----------------------------------------------------------------
  /** ms. A displacement from the fixation centre must last this long to be a saccade (not jitter). */
  saccadeConfirmMs: 50,
  /** saccades/s. Baseline rate assumed before the person's own is known (landmark-visible saccades in conversation). */
  gazePriorSaccadeRatePerS: 1.0,
  /** blinks/s. Baseline blink rate assumed before the person's own is known (about 17 per minute). */
  gazePriorBlinkRatePerS: 0.28,
  /** ms. Weight of the prior, as if this much time had been observed at the prior rates. */
  gazePriorMs: 20_000,
  /** ms. Time constant of the person's gaze baseline (saccade rate, blink rate, vergence). */
  gazeBaselineTimeConstantMs: 120_000,
  /** ms. Face time before the person's own baseline is trusted; no dissociation before that. */
  gazeBaselineMinMs: 20_000,
  /** count. Saccades seen (decayed like the baseline) before the baseline is the person's own; a gaze never seen to move has no baseline. */
  gazeBaselineMinSaccades: 10,
  /** iris units. Vergence standard deviation assumed before the person's own is known. */
  vergencePriorSigma: 0.05,
} as const;

/** The engine's options: every field of FLASH_ENGINE_DEFAULTS, widened to plain numbers. */
export type FlashEngineOptions = { -readonly [K in keyof typeof FLASH_ENGINE_DEFAULTS]: number };

/** Merges a partial options object over the defaults (undefined fields keep their default). */
export function resolveFlashEngineOptions(options: Partial<FlashEngineOptions> = {}): FlashEngineOptions {
  const merged: FlashEngineOptions = { ...FLASH_ENGINE_DEFAULTS };
  for (const key of Object.keys(options) as (keyof FlashEngineOptions)[]) {
    const value = options[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/**
 * Where each term of an event's confidence (0-1) reaches 1: spans, not tuned to data, so that a
 * bare threshold crossing is unsure and a clear one is sure.
 */
export const CONFIDENCE_SPANS = {
  /** The activation term runs from 0 at the rule's `off` to 1 at this many times its `on`. */
  activationFullAtOnTimes: 2,
  /** The signal-to-noise term runs from 0 at `noiseThresholdK` to 1 at this many times it. */
  snrFullAtKTimes: 3,
  /** A gaze state's duration term at the rule's `minMs` (it reaches 1 at half as long again). */
  gazeDurationTermAtMin: 0.5,
  /** A gaze state's baseline term reaches 1 once the face has been watched this many times `gazeBaselineMinMs`. */
  gazeBaselineFullAtMinTimes: 3,
} as const;

/** Defaults of optional fields in a rule (contract/rules.ts). */
export const RULE_DEFAULTS = {
  /** How sided AUs are read when a rule does not say: either side counts (FACS codes an AU on either side). */
  sides: 'any',
  /** weight. An AU's weight in the event's intensity when its rule does not give one. */
  auWeight: 1,
  /** ratio. 'unilateral' rules: the weak side below half the strong side is one-sided. */
  unilateralAsymmetryMin: 0.5,
  /** ratio. 'symmetric' rules: the weak side may be this much below the strong side and still count. */
  symmetricAsymmetryMax: 0.5,
  /** FACS units. Sides this far apart in intensity are one-sided whatever their ratio (and not
   * symmetric): two intensity levels (e.g. D against B) is a clear asymmetry to a FACS coder, and
   * a ratio alone misses it when the weak side is itself well above neutral. */
  sideDifferenceMin: 2.0,
} as const;
