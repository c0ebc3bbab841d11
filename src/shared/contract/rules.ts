/**
 * The rules the flash engine runs on, as plain data (what `default-rules.json` and a researcher's
 * own rules file hold once `parseRules` has checked them). Their JSON Schema is
 * `rules.schema.json` beside this file; keep the two in step.
 *
 * Intensities are FACS 0-5, relative to the person's neutral face. An AU rule's *activation* on a
 * frame is the smallest ratio intensity / min over its required AUs (and over the best AU of each
 * anyOf group): 1 means every required AU is exactly at its min.
 */
import type { AuId } from './action-units.ts';
import type { FlashKind } from './flash-event.ts';

export const RULES_FORMAT = 'microflash-rules';
export const RULES_FORMAT_VERSION = 1;

/** An AU that must reach `min` (FACS 0-5); `weight` (default 1) weighs it in the event's intensity. */
export interface RequiredAu {
  au: AuId;
  min: number;
  weight?: number;
}

/** An AU that must stay at or below `max` (FACS 0-5): it marks a different kind. */
export interface ExcludedAu {
  au: AuId;
  max: number;
}

/** Hysteresis on the activation: start at `on`, end below `off` (on >= off). Dimensionless. */
export interface RuleThreshold {
  on: number;
  off: number;
}

/** Shortest event shown (shown once it lasted this long) and longest (ended there), ms. */
export interface RuleDuration {
  minMs: number;
  maxMs: number;
}

/** Weights of the parts of an event's confidence (all default to the engine's defaults). */
export interface ConfidenceWeights {
  activation?: number;
  support?: number;
  snr?: number;
}

/** How sided AUs are read: either side, both sides each passing, or one side only. */
export type RuleSides = 'any' | 'symmetric' | 'unilateral';

export interface AuRule {
  kind: FlashKind;
  /** Rules of one group compete for one event at a time. */
  group: string;
  signal: 'aus';
  description?: string;
  sides?: RuleSides;
  allOf: RequiredAu[];
  anyOf?: RequiredAu[][];
  support?: RequiredAu[];
  exclude?: ExcludedAu[];
  /** (strong - weak) / strong side activation: >= min for 'unilateral', <= max for 'symmetric'. */
  asymmetry?: { min?: number; max?: number };
  /** 'unilateral' only: a group event whose one side rises and falls first by >= minLagMs is this kind. */
  lateralTiming?: { minLagMs: number };
  threshold: RuleThreshold;
  durationMs: RuleDuration;
  confidence?: ConfidenceWeights;
}

/** Gaze-state criteria (dissociation: defocused staring against the person's own baseline). */
export interface GazeCriteria {
  /** Gaze stays within this distance of the fixation centre; iris units (half eye-opening widths). */
  fixationRadius: number;
  /** Saccade rate over `windowMs` at most this fraction of the person's baseline rate. */
  saccadeRateRatioMax: number;
  /** Window for the current saccade rate, ms. */
  windowMs: number;
  /** Support: vergence off the person's baseline by at least this many standard deviations. */
  vergenceShiftSigma?: number;
  /** Support: blink rate at most this fraction of the person's baseline. */
  blinkRateRatioMax?: number;
}

export interface GazeRule {
  kind: FlashKind;
  group: string;
  signal: 'gaze';
  description?: string;
  gaze: GazeCriteria;
  durationMs: RuleDuration;
  confidence?: ConfidenceWeights;
}

export type Rule = AuRule | GazeRule;

export interface Rules {
  format: typeof RULES_FORMAT;
  version: typeof RULES_FORMAT_VERSION;
  description?: string;
  rules: Rule[];
}
