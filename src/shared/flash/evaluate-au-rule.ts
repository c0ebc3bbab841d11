/**
 * One AU rule on one frame: its activation (1 = every required AU exactly at its min; the smallest
 * ratio intensity / min over allOf and over the best AU of each anyOf group, so it is an AND of
 * ORs), its intensity (weighted mean of the AUs that carry it, FACS 0-5) and the activation of
 * each side. Mins are raised to `noiseK` sigmas of the person's noise on that channel, and mouth
 * AU mins (and maxes of excluded mouth AUs) are scaled while talking. While talking, a new event
 * must also stand out from the person's own talking envelope: `onsetActivation` is the same
 * activation with each min raised to that channel's envelope floor. An event already under way is
 * held by `activation`, so a long expression is not cut up as the envelope learns it. Pure;
 * writes into `out`.
 */
import { VIEW_BOTH, VIEW_LEFT, VIEW_RIGHT, type CompiledAuRule, type CompiledTerm } from './compile-rules.ts';

export interface RuleContext {
  /** AU intensities, AU_CHANNELS order (eye-region channels already held through blinks). */
  values: Float32Array;
  /** Noise sigma per channel. */
  sigma: Float32Array;
  noiseK: number;
  /** Talking, or not yet known (createSpeechGate). */
  speaking: boolean;
  /** The person's talking envelope per channel (createTalkingEnvelope): required AUs exceed it while speaking. */
  talkFloor: Float32Array;
  speechMouthScale: number;
  /** While talking, rules needing a mouth AU need upper-face support too (speechUpperFaceConfirm). */
  talkingConfirm: boolean;
  /** Largest intensity / min one requirement adds to a rule's evidence. */
  evidenceCap: number;
}

export interface RuleFrame {
  /** Activation after exclusions, sides and muting; 0 when vetoed. */
  activation: number;
  /**
   * The same activation before the exclusions: what the rule's own AUs show. An exclusion decides
   * whether the rule names the face, not when the face moved, so the onset is timed on this.
   */
  unexcluded: number;
  /** The activation a new event needs (>= on): `activation` with the talking envelope applied. */
  onsetActivation: number;
  /** FACS 0-5 intensity of the AUs carrying the rule (strong side for one-sided rules). */
  intensity: number;
  /**
   * How completely the frame matches the rule: the sum over its requirements (each allOf AU, the
   * best AU of each anyOf group) of intensity / min, each capped at `evidenceCap`; 0 while the rule
   * is below its `off` threshold (not holding an event). Support AUs do not count: they only raise
   * confidence. Rules of one group are told apart by it: a face that meets anger's 4 and
   * disgust's 4 + 9 + 7 matches disgust more completely.
   */
  evidence: number;
  /** Per-side activation, before exclusions (NaN when the rule has no sided AU). */
  left: number;
  right: number;
  /** The view the intensity was read from (VIEW_BOTH, VIEW_LEFT, VIEW_RIGHT). */
  view: number;
}

export function createRuleFrame(): RuleFrame {
  return { activation: 0, unexcluded: 0, onsetActivation: 0, intensity: 0, evidence: 0, left: NaN, right: NaN, view: VIEW_BOTH };
}

/** Scratch for one view's result, to avoid allocating per frame. */
interface ViewResult {
  activation: number;
  onsetActivation: number;
  intensity: number;
  evidence: number;
}

export function createViewScratch(): ViewResult {
  return { activation: 0, onsetActivation: 0, intensity: 0, evidence: 0 };
}

export function evaluateAuRule(rule: CompiledAuRule, ctx: RuleContext, out: RuleFrame, scratch: ViewResult): void {
  out.left = NaN;
  out.right = NaN;
  let activation: number;
  let onsetActivation: number;
  let intensity: number;
  let evidence: number;
  let view = VIEW_BOTH;
  if (rule.sides === 'any') {
    evaluateView(rule, ctx, VIEW_BOTH, scratch);
    activation = scratch.activation;
    onsetActivation = scratch.onsetActivation;
    intensity = scratch.intensity;
    evidence = scratch.evidence;
    if (rule.hasSided) {
      evaluateView(rule, ctx, VIEW_LEFT, scratch);
      out.left = scratch.activation;
      evaluateView(rule, ctx, VIEW_RIGHT, scratch);
      out.right = scratch.activation;
    }
  } else {
    evaluateView(rule, ctx, VIEW_LEFT, scratch);
    const aL = scratch.activation;
    const oL = scratch.onsetActivation;
    const iL = scratch.intensity;
    const eL = scratch.evidence;
    evaluateView(rule, ctx, VIEW_RIGHT, scratch);
    const aR = scratch.activation;
    const oR = scratch.onsetActivation;
    const iR = scratch.intensity;
    const eR = scratch.evidence;
    out.left = aL;
    out.right = aR;
    const hi = Math.max(aL, aR);
    const lo = Math.min(aL, aR);
    const asymmetry = hi > 0 ? (hi - lo) / hi : 0;
    const farApart = Math.abs(iL - iR) >= rule.sideDifferenceMin;
    // The shape (one-sided or symmetric) is judged without the envelope; the onset activation
    // is read from the same side(s).
    if (rule.sides === 'symmetric') {
      const shaped = asymmetry <= rule.asymmetryMax && !farApart;
      activation = shaped ? lo : 0;
      onsetActivation = shaped ? Math.min(oL, oR) : 0;
      intensity = (iL + iR) / 2;
      evidence = Math.min(eL, eR);
    } else {
      const shaped = asymmetry >= rule.asymmetryMin || farApart;
      view = aL >= aR ? VIEW_LEFT : VIEW_RIGHT;
      activation = shaped ? hi : 0;
      onsetActivation = shaped ? (view === VIEW_LEFT ? oL : oR) : 0;
      intensity = view === VIEW_LEFT ? iL : iR;
      evidence = view === VIEW_LEFT ? eL : eR;
    }
  }
  if (activation > 0 && ctx.speaking && ctx.talkingConfirm && rule.talkingConfirm.length > 0) {
    // The best upper-face support AU joins the AND: talking leaves the mouth unable to confirm.
    let best = 0;
    let bestOnset = 0;
    for (const term of rule.talkingConfirm) {
      const c = term.channels[VIEW_BOTH]!;
      const min = effectiveMin(term, c, ctx);
      const ratio = ctx.values[c]! / min;
      if (ratio > best) best = ratio;
      const onsetRatio = ctx.values[c]! / onsetMin(min, c, ctx);
      if (onsetRatio > bestOnset) bestOnset = onsetRatio;
    }
    if (best < activation) activation = best;
    if (bestOnset < onsetActivation) onsetActivation = bestOnset;
  }
  out.unexcluded = activation;
  if (activation > 0 && excluded(rule, ctx)) activation = 0;
  out.activation = activation;
  out.onsetActivation = activation > 0 ? Math.min(activation, onsetActivation) : 0;
  out.intensity = intensity;
  out.evidence = activation >= rule.off ? evidence : 0;
  out.view = view;
}

/** The min a term needs this frame to hold an event, FACS units. */
export function effectiveMin(term: CompiledTerm, channel: number, ctx: RuleContext): number {
  const noiseMin = Math.max(term.min, ctx.noiseK * ctx.sigma[channel]!);
  return ctx.speaking && term.mouth ? Math.max(noiseMin, term.min * ctx.speechMouthScale) : noiseMin;
}

/** The min to start an event, from the min to hold one (`effectiveMin`): while talking, at least the person's talking envelope. */
function onsetMin(holdMin: number, channel: number, ctx: RuleContext): number {
  return ctx.speaking ? Math.max(holdMin, ctx.talkFloor[channel]!) : holdMin;
}

function evaluateView(rule: CompiledAuRule, ctx: RuleContext, view: number, out: ViewResult): void {
  const v = ctx.values;
  let activation = Infinity;
  let onsetActivation = Infinity;
  let weighted = 0;
  let weights = 0;
  let evidence = 0;
  for (const term of rule.allOf) {
    const c = term.channels[view]!;
    const x = v[c]!;
    const min = effectiveMin(term, c, ctx);
    const ratio = x / min;
    if (ratio < activation) activation = ratio;
    const onsetRatio = x / onsetMin(min, c, ctx);
    if (onsetRatio < onsetActivation) onsetActivation = onsetRatio;
    evidence += Math.min(ratio, ctx.evidenceCap);
    weighted += term.weight * x;
    weights += term.weight;
  }
  for (const group of rule.anyOf) {
    let best = -Infinity;
    let bestOnset = -Infinity;
    let bestX = 0;
    let bestWeight = 0;
    for (const term of group) {
      const c = term.channels[view]!;
      const x = v[c]!;
      const min = effectiveMin(term, c, ctx);
      const ratio = x / min;
      if (ratio > best) {
        best = ratio;
        bestX = x;
        bestWeight = term.weight;
      }
      const onsetRatio = x / onsetMin(min, c, ctx);
      if (onsetRatio > bestOnset) bestOnset = onsetRatio;
    }
    if (best < activation) activation = best;
    if (bestOnset < onsetActivation) onsetActivation = bestOnset;
    evidence += Math.min(best, ctx.evidenceCap);
    weighted += bestWeight * bestX;
    weights += bestWeight;
  }
  out.activation = activation === Infinity || !(activation > 0) ? 0 : activation;
  out.onsetActivation = onsetActivation === Infinity || !(onsetActivation > 0) ? 0 : onsetActivation;
  out.intensity = weights > 0 ? Math.max(0, weighted / weights) : 0;
  out.evidence = evidence;
}

function excluded(rule: CompiledAuRule, ctx: RuleContext): boolean {
  for (const x of rule.exclude) {
    const max = ctx.speaking && x.mouth ? x.max * ctx.speechMouthScale : x.max;
    if (ctx.values[x.channel]! > max) return true;
  }
  return false;
}
