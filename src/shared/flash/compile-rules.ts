/**
 * Turns checked rules into the engine's working form: channel indices instead of names, defaults
 * filled in, rules grouped. Pure; done once per engine.
 */
import {
  AU_CHANNEL_INDEX,
  AU_LIST,
  type AuChannel,
  type AuId,
  type AuRule,
  type GazeCriteria,
  type RequiredAu,
  type Rules,
  type RuleSides,
} from '../contract/index.ts';
import { FLASH_ENGINE_DEFAULTS, RULE_DEFAULTS } from './defaults.ts';
import type { FlashKind } from './kinds.ts';

/** AUs of the mouth: they move while talking (FACS lower face). */
const MOUTH_AUS: ReadonlySet<AuId> = new Set<AuId>([
  'AU10',
  'AU12',
  'AU14',
  'AU15',
  'AU17',
  'AU20',
  'AU23',
  'AU24',
  'AU25',
  'AU26',
  'AU27',
]);
/** AUs of the eye region: blinks disturb them. */
export const EYE_REGION_AUS: readonly AuId[] = ['AU05', 'AU06', 'AU07', 'AU43', 'AU45'];

const SIDED: ReadonlySet<AuId> = new Set<AuId>(AU_LIST.filter((a) => a.sided).map((a) => a.id));

/** View of a sided AU: bilateral channel, the person's left, the person's right. */
export const VIEW_BOTH = 0;
export const VIEW_LEFT = 1;
export const VIEW_RIGHT = 2;

export interface CompiledTerm {
  au: AuId;
  /** Channel per view (both, left, right); an unsided AU has the same channel in all three. */
  channels: readonly [number, number, number];
  min: number;
  weight: number;
  mouth: boolean;
  sided: boolean;
}

export interface CompiledExclusion {
  channel: number;
  max: number;
  mouth: boolean;
}

export interface CompiledConfidence {
  activation: number;
  support: number;
  snr: number;
}

export interface CompiledAuRule {
  index: number;
  kind: FlashKind;
  group: string;
  sides: RuleSides;
  allOf: readonly CompiledTerm[];
  anyOf: readonly (readonly CompiledTerm[])[];
  support: readonly CompiledTerm[];
  exclude: readonly CompiledExclusion[];
  asymmetryMin: number;
  asymmetryMax: number;
  /** ms; NaN when the rule has no lateral-timing criterion. */
  lateralMinLagMs: number;
  on: number;
  off: number;
  minMs: number;
  maxMs: number;
  confidence: CompiledConfidence;
  /** Every required AU is a mouth AU: while talking, its events must last speechMouthOnlyMinMs. */
  mouthOnly: boolean;
  /** Upper-face support AUs that must confirm the rule while talking (some required AU is a
   * mouth AU); empty when none is needed or the rule has none. */
  talkingConfirm: readonly CompiledTerm[];
  /** FACS units; sides further apart are one-sided (RULE_DEFAULTS.sideDifferenceMin). */
  sideDifferenceMin: number;
  /** Some required AU is scored per side. */
  hasSided: boolean;
  /** Terms its evidence sums over: each allOf AU and each anyOf group (at least 1). */
  requirements: number;
}

export interface CompiledGazeRule {
  kind: FlashKind;
  group: string;
  gaze: Required<GazeCriteria>;
  minMs: number;
  maxMs: number;
  confidence: CompiledConfidence;
}

export interface AuGroup {
  name: string;
  rules: readonly CompiledAuRule[];
}

export interface CompiledRules {
  auRules: readonly CompiledAuRule[];
  groups: readonly AuGroup[];
  gazeRules: readonly CompiledGazeRule[];
}

export function compileRules(rules: Rules): CompiledRules {
  const auRules: CompiledAuRule[] = [];
  const gazeRules: CompiledGazeRule[] = [];
  for (const rule of rules.rules) {
    const confidence = {
      activation: rule.confidence?.activation ?? FLASH_ENGINE_DEFAULTS.confidenceActivationWeight,
      support: rule.confidence?.support ?? FLASH_ENGINE_DEFAULTS.confidenceSupportWeight,
      snr: rule.confidence?.snr ?? FLASH_ENGINE_DEFAULTS.confidenceSnrWeight,
    };
    if (rule.signal === 'gaze') {
      gazeRules.push({
        kind: rule.kind,
        group: rule.group,
        gaze: {
          vergenceShiftSigma: Infinity,
          blinkRateRatioMax: 0,
          ...rule.gaze,
        },
        minMs: rule.durationMs.minMs,
        maxMs: rule.durationMs.maxMs,
        confidence,
      });
    } else {
      auRules.push(compileAuRule(rule, auRules.length, confidence));
    }
  }
  const groups: AuGroup[] = [];
  for (const rule of auRules) {
    let group = groups.find((g) => g.name === rule.group);
    if (!group) {
      group = { name: rule.group, rules: [] };
      groups.push(group);
    }
    (group.rules as CompiledAuRule[]).push(rule);
  }
  return { auRules, groups, gazeRules };
}

function compileAuRule(rule: AuRule, index: number, confidence: CompiledConfidence): CompiledAuRule {
  const allOf = rule.allOf.map(compileTerm);
  const anyOf = (rule.anyOf ?? []).map((g) => g.map(compileTerm));
  const required = [...allOf, ...anyOf.flat()];
  const support = (rule.support ?? []).map(compileTerm);
  // Some required evidence only the mouth can give: a mouth allOf AU, or an anyOf group of mouth AUs.
  const needsMouth = allOf.some((t) => t.mouth) || anyOf.some((g) => g.length > 0 && g.every((t) => t.mouth));
  return {
    index,
    kind: rule.kind,
    group: rule.group,
    sides: rule.sides ?? RULE_DEFAULTS.sides,
    allOf,
    anyOf,
    support,
    exclude: (rule.exclude ?? []).map((x) => ({
      channel: AU_CHANNEL_INDEX[x.au],
      max: x.max,
      mouth: MOUTH_AUS.has(x.au),
    })),
    asymmetryMin: rule.asymmetry?.min ?? RULE_DEFAULTS.unilateralAsymmetryMin,
    asymmetryMax: rule.asymmetry?.max ?? RULE_DEFAULTS.symmetricAsymmetryMax,
    lateralMinLagMs: rule.lateralTiming?.minLagMs ?? NaN,
    on: rule.threshold.on,
    off: rule.threshold.off,
    minMs: rule.durationMs.minMs,
    maxMs: rule.durationMs.maxMs,
    confidence,
    mouthOnly: required.length > 0 && required.every((t) => t.mouth),
    talkingConfirm: needsMouth && !required.every((t) => t.mouth) ? support.filter((t) => !t.mouth) : [],
    sideDifferenceMin: RULE_DEFAULTS.sideDifferenceMin,
    hasSided: required.some((t) => t.sided),
    requirements: Math.max(1, allOf.length + anyOf.length),
  };
}

function compileTerm(term: RequiredAu): CompiledTerm {
  const sided = SIDED.has(term.au);
  const both = AU_CHANNEL_INDEX[term.au];
  const left = sided ? AU_CHANNEL_INDEX[`${term.au}_L` as AuChannel] : both;
  const right = sided ? AU_CHANNEL_INDEX[`${term.au}_R` as AuChannel] : both;
  return {
    au: term.au,
    channels: [both, left, right],
    min: term.min,
    weight: term.weight ?? RULE_DEFAULTS.auWeight,
    mouth: MOUTH_AUS.has(term.au),
    sided,
  };
}
