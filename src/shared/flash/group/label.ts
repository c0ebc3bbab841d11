/**
 * What an event of a rule group is called and how it is reported: the rule that carried most of it
 * (largest time integral of its evidence: how completely the frames matched it) unless one side rose first and fell first by the
 * lateral rule's lag (then the one-sided kind); its side, AU list and confidence.
 */
import { AU_INTENSITY_MAX } from '../../contract/index.ts';
import { clamp01 } from '../../numbers.ts';
import { VIEW_BOTH, VIEW_LEFT, VIEW_RIGHT, type CompiledAuRule } from '../compile-rules.ts';
import { CONFIDENCE_SPANS, type FlashEngineOptions } from '../defaults.ts';
import { makeFlashEvent, type FlashEndReason, type FlashEvent } from '../event.ts';
import type { EventAccumulator } from './event-accumulator.ts';
import type { SideTracker } from './side-tracker.ts';

const SIDE_NAMES = ['left', 'right'] as const;

export type LabelOptions = Pick<FlashEngineOptions, 'microMaxMs' | 'fastOnsetMaxMs' | 'gatedConfidenceScale' | 'noiseThresholdK'>;

/** The rule (index into the group) the event is labelled with, and whether lateral timing decided it. */
export function chooseRule(rules: readonly CompiledAuRule[], acc: EventAccumulator, sides: SideTracker): { k: number; lateral: boolean } {
  const lateralRule = rules.find((r) => r.sides === 'unilateral' && Number.isFinite(r.lateralMinLagMs));
  if (lateralRule) {
    const lag = sides.onset[1]! - sides.onset[0]!;
    const offLag = sides.offset[1]! - sides.offset[0]!;
    const minLag = lateralRule.lateralMinLagMs;
    if (Math.abs(lag) >= minLag && Math.abs(offLag) >= minLag && Math.sign(lag) === Math.sign(offLag)) {
      return { k: rules.indexOf(lateralRule), lateral: true };
    }
  }
  // Only a rule that was met (reached its `on`) during the event may name it: one held between
  // `off` and `on` all along (disgust's nose and lip with the lids not narrowed enough) adds
  // evidence while it is near, but a pattern that was never there is not the expression.
  let best = -1;
  for (let k = 0; k < rules.length; k++) {
    if (acc.peakActivation[k]! < rules[k]!.on) continue;
    if (best < 0 || acc.integral[k]! > acc.integral[best]!) best = k;
  }
  if (best < 0) {
    best = 0;
    for (let k = 1; k < rules.length; k++) if (acc.integral[k]! > acc.integral[best]!) best = k;
  }
  return { k: best, lateral: false };
}

export interface EventState {
  id: number;
  onsetT: number;
  /** Talking or head motion overlapped the event. */
  disturbed: boolean;
  sigma: Float32Array | null;
}

export function buildGroupEvent(
  rule: CompiledAuRule,
  k: number,
  lateral: boolean,
  status: FlashEvent['status'],
  offsetMs: number,
  endedBy: FlashEndReason | null,
  ev: EventState,
  acc: EventAccumulator,
  sides: SideTracker,
  options: LabelOptions,
): FlashEvent {
  // The apex lies within the event: the interpolated peak of one rule can fall past the group's
  // offset (another rule carried the end), so it is held to [onset, offset].
  const apexMs = Math.min(Math.max(ev.onsetT, acc.apexT[k]!), status === 'complete' ? offsetMs : Infinity);
  const leftOn = Number.isFinite(sides.onset[0]!);
  const rightOn = Number.isFinite(sides.onset[1]!);
  const sideLagMs = rule.hasSided && leftOn && rightOn ? sides.onset[1]! - sides.onset[0]! : null;
  let side: FlashEvent['side'] = null;
  let view = VIEW_BOTH;
  if (rule.hasSided) {
    if (rule.sides === 'unilateral') {
      const s = lateral ? (sideLagMs! > 0 ? 0 : 1) : sides.peak[0]! >= sides.peak[1]! ? 0 : 1;
      side = SIDE_NAMES[s]!;
      view = s === 0 ? VIEW_LEFT : VIEW_RIGHT;
    } else if (leftOn && rightOn) side = 'both';
    else if (leftOn) side = 'left';
    else if (rightOn) side = 'right';
    else side = 'both';
  }
  return makeFlashEvent(
    {
      id: ev.id,
      kind: rule.kind,
      status,
      onsetMs: ev.onsetT,
      apexMs,
      offsetMs,
      peak: Math.min(AU_INTENSITY_MAX, Math.max(0, acc.peakIntensity[k]!)),
      aus: eventAus(rule, view, acc),
      side,
      sideLagMs,
      confidence: confidence(rule, k, ev, acc, options),
      endedBy,
    },
    options,
  );
}

function eventAus(rule: CompiledAuRule, view: number, acc: EventAccumulator): FlashEvent['aus'] {
  const list: FlashEvent['aus'] = [];
  const add = (term: CompiledAuRule['allOf'][number], always: boolean) => {
    const c = term.channels[view]!;
    const peak = acc.auPeak[c]!;
    if (!always && peak < term.min * rule.off) return;
    const name = view === VIEW_BOTH || !term.sided ? term.au : `${term.au}_${view === VIEW_LEFT ? 'L' : 'R'}`;
    list.push({ au: name, peak });
  };
  for (const t of rule.allOf) add(t, true);
  for (const g of rule.anyOf) for (const t of g) add(t, false);
  for (const t of rule.support) add(t, false);
  return list;
}

function confidence(rule: CompiledAuRule, k: number, ev: EventState, acc: EventAccumulator, options: LabelOptions): number {
  const w = rule.confidence;
  const activationTerm = clamp01((acc.peakActivation[k]! - rule.off) / (CONFIDENCE_SPANS.activationFullAtOnTimes * rule.on - rule.off));
  let supportSum = 0;
  let supportWeights = 0;
  for (const t of rule.support) {
    supportSum += t.weight * clamp01(acc.auPeak[t.channels[VIEW_BOTH]]! / t.min);
    supportWeights += t.weight;
  }
  let sigmaSum = 0;
  let sigmaCount = 0;
  if (ev.sigma) {
    for (const t of [...rule.allOf, ...rule.anyOf.flat()]) {
      sigmaSum += ev.sigma[t.channels[VIEW_BOTH]]!;
      sigmaCount++;
    }
  }
  const snr = sigmaCount > 0 ? Math.max(0, acc.peakIntensity[k]!) / (sigmaSum / sigmaCount) : 0;
  const K = options.noiseThresholdK;
  const snrTerm = clamp01((snr - K) / ((CONFIDENCE_SPANS.snrFullAtKTimes - 1) * K));
  const supportW = supportWeights > 0 ? w.support : 0;
  const total = w.activation + supportW + w.snr;
  let c =
    total > 0
      ? (w.activation * activationTerm + (supportWeights > 0 ? supportW * (supportSum / supportWeights) : 0) + w.snr * snrTerm) / total
      : 0;
  if (ev.disturbed) c *= options.gatedConfidenceScale;
  return clamp01(c);
}
