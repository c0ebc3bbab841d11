/**
 * The event state of one group of competing AU rules (e.g. anger / disgust / pain): at most one
 * event at a time. The group's level is the largest activation / off over its rules; an event
 * starts when some rule's onset activation reaches its `on` (and onsets are not blocked, and the
 * group has been seen below `off` since the last reset or block: "armed"), and ends when the
 * level falls below 1 (every rule below its `off`). Onset and offset are the interpolated
 * crossings of that level (onset no earlier than the last trough, so a slow drift before a flash
 * does not stretch it).
 *
 * The event is shown ('onset') as soon as it has lasted its rule's minMs (0 for flashes: on the
 * frame it is detected) with the rule leading on that frame; at the end ('complete') it takes the
 * kind of the rule that carried most of it (largest time integral of activation), or the
 * one-sided kind when one side rose first and fell first by the rule's lateral lag.
 */
import { VIEW_BOTH, VIEW_LEFT, VIEW_RIGHT, type AuGroup, type CompiledAuRule } from './compile-rules.ts';
import { crossingTime } from './crossing-time.ts';
import type { FlashEngineOptions } from './defaults.ts';
import type { FlashEndReason, FlashEvent } from './event.ts';
import type { RuleFrame } from './evaluate-au-rule.ts';
import { parabolicPeakTime } from './parabolic-peak-time.ts';

export interface GroupFrameFlags {
  /** New onsets are not trusted this frame (head turning). */
  onsetBlocked: boolean;
  /** The pose stepped this frame: an onset now waits for the next frame, which confirms it
   * (the head stopped) or withdraws it (onsetBlocked: the head kept moving). */
  onsetProvisional: boolean;
  /** Something that lowers confidence is going on (talking, head motion). */
  disturbed: boolean;
}

export interface GroupTrack {
  step(t: number, frames: readonly RuleFrame[], values: Float32Array, sigma: Float32Array, flags: GroupFrameFlags, out: FlashEvent[]): void;
  /** Ends an open event at `atMs` (tracking loss, end of file). */
  end(atMs: number, reason: FlashEndReason, out: FlashEvent[]): void;
  /** Forgets the previous samples (after a gap): the next onset needs a fresh rise. */
  reset(): void;
}

type TrackOptions = Pick<FlashEngineOptions, 'microMaxMs' | 'fastOnsetMaxMs' | 'gatedConfidenceScale' | 'noiseThresholdK'>;

const SIDE_NAMES = ['left', 'right'] as const;

export function createGroupTrack(group: AuGroup, options: TrackOptions, nextId: () => number): GroupTrack {
  const rules = group.rules;
  const n = rules.length;
  const lateralRule = rules.find((r) => r.sides === 'unilateral' && Number.isFinite(r.lateralMinLagMs)) ?? null;
  const channels = [
    ...new Set(rules.flatMap((r) => [...r.allOf, ...r.anyOf.flat(), ...r.support].flatMap((t) => [...t.channels]))),
  ];

  // Signal history (kept between events).
  let prevT = NaN;
  let prevLevel = NaN;
  let troughT = NaN;
  let candidateT = NaN;
  let armed = false;
  const prevSide = [NaN, NaN];
  const sideCandidate = [NaN, NaN];
  const lastI = new Float64Array(n);

  // The open event.
  let active = false;
  let id = 0;
  let onsetT = NaN;
  let emitted = false;
  let provisional = false;
  let disturbed = false;
  let lastSampleT = NaN;
  const peakA = new Float64Array(n);
  const integral = new Float64Array(n);
  const peakI = new Float64Array(n);
  const apexT = new Float64Array(n);
  const apexPrevT = new Float64Array(n);
  const apexPrevI = new Float64Array(n);
  const pendingApex = new Uint8Array(n);
  const strongView = new Uint8Array(n);
  const auPeak = new Float32Array(channels.length === 0 ? 0 : Math.max(...channels) + 1);
  const sideOnset = [NaN, NaN];
  const sideOffset = [NaN, NaN];
  const sidePeak = [0, 0];
  let lastSigma: Float32Array | null = null;

  const start = (t: number) => {
    active = true;
    id = nextId();
    onsetT = Math.max(candidateT, troughT);
    emitted = false;
    provisional = false;
    disturbed = false;
    lastSampleT = onsetT;
    peakA.fill(0);
    integral.fill(0);
    peakI.fill(-Infinity);
    apexT.fill(t);
    pendingApex.fill(0);
    strongView.fill(VIEW_BOTH);
    auPeak.fill(0);
    for (let s = 0; s < 2; s++) {
      sideOnset[s] = prevSide[s]! >= 1 ? sideCandidate[s]! : NaN;
      sideOffset[s] = NaN;
      sidePeak[s] = 0;
    }
  };

  const accumulate = (t: number, frames: readonly RuleFrame[], values: Float32Array) => {
    const dt = t - lastSampleT;
    lastSampleT = t;
    for (let k = 0; k < n; k++) {
      const f = frames[rules[k]!.index]!;
      const a = f.activation;
      if (a > peakA[k]!) peakA[k] = a;
      integral[k] = integral[k]! + a * dt;
      if (pendingApex[k]) {
        apexT[k] = parabolicPeakTime(apexPrevT[k]!, apexPrevI[k]!, apexT[k]!, peakI[k]!, t, f.intensity);
        pendingApex[k] = 0;
      }
      if (f.intensity > peakI[k]!) {
        peakI[k] = f.intensity;
        apexT[k] = t;
        apexPrevT[k] = prevT;
        apexPrevI[k] = lastI[k]!;
        pendingApex[k] = Number.isFinite(prevT) ? 1 : 0;
        if (a > 0) strongView[k] = f.view;
      }
    }
    for (const c of channels) if (values[c]! > auPeak[c]!) auPeak[c] = values[c]!;
  };

  const updateSides = (t: number, sides: readonly number[]) => {
    for (let s = 0; s < 2; s++) {
      const x = sides[s]!;
      if (!Number.isFinite(x)) continue;
      const before = prevSide[s]!;
      if (active) {
        if (x >= 1 && Number.isNaN(sideOnset[s]!)) {
          sideOnset[s] = before < 1 && Number.isFinite(before) ? crossingTime(prevT, before, t, x, 1) : t;
        }
        if (x >= 1) sideOffset[s] = NaN;
        else if (before >= 1) sideOffset[s] = crossingTime(prevT, before, t, x, 1);
        if (x > sidePeak[s]!) sidePeak[s] = x;
      }
    }
  };

  /** The rule the finished (or running) event is labelled with, and whether lateral timing decided it. */
  const finalRule = (): { k: number; lateral: boolean } => {
    if (lateralRule) {
      const lag = sideOnset[1]! - sideOnset[0]!;
      const offLag = sideOffset[1]! - sideOffset[0]!;
      const minLag = lateralRule.lateralMinLagMs;
      if (Math.abs(lag) >= minLag && Math.abs(offLag) >= minLag && Math.sign(lag) === Math.sign(offLag)) {
        return { k: rules.indexOf(lateralRule), lateral: true };
      }
    }
    let best = 0;
    for (let k = 1; k < n; k++) if (integral[k]! > integral[best]!) best = k;
    return { k: best, lateral: false };
  };

  const build = (k: number, lateral: boolean, status: FlashEvent['status'], offsetMs: number, endedBy: FlashEndReason | null): FlashEvent => {
    const rule = rules[k]!;
    // The apex lies within the event: the interpolated peak of one rule can fall past the group's
    // offset (another rule carried the end), so it is held to [onset, offset].
    const apexMs = Math.min(Math.max(onsetT, apexT[k]!), status === 'complete' ? offsetMs : Infinity);
    const onsetPhaseMs = apexMs - onsetT;
    const durationMs = offsetMs - onsetT;
    const complete = status === 'complete';
    const leftOn = Number.isFinite(sideOnset[0]!);
    const rightOn = Number.isFinite(sideOnset[1]!);
    const sideLagMs = rule.hasSided && leftOn && rightOn ? sideOnset[1]! - sideOnset[0]! : null;
    let side: FlashEvent['side'] = null;
    let view = VIEW_BOTH;
    if (rule.hasSided) {
      if (rule.sides === 'unilateral') {
        const s = lateral ? (sideLagMs! > 0 ? 0 : 1) : sidePeak[0]! >= sidePeak[1]! ? 0 : 1;
        side = SIDE_NAMES[s]!;
        view = s === 0 ? VIEW_LEFT : VIEW_RIGHT;
      } else if (leftOn && rightOn) side = 'both';
      else if (leftOn) side = 'left';
      else if (rightOn) side = 'right';
      else side = 'both';
    }
    return {
      id,
      kind: rule.kind,
      status,
      onsetMs: onsetT,
      apexMs,
      offsetMs: complete ? offsetMs : NaN,
      onsetPhaseMs,
      durationMs: complete ? durationMs : NaN,
      peak: Math.min(5, Math.max(0, peakI[k]!)),
      aus: eventAus(rule, view),
      side,
      sideLagMs,
      confidence: confidence(rule, k),
      micro: complete && durationMs <= options.microMaxMs,
      fastOnset: onsetPhaseMs < options.fastOnsetMaxMs,
      macro: complete && durationMs > options.microMaxMs,
      endedBy: complete ? endedBy : null,
    };
  };

  const eventAus = (rule: CompiledAuRule, view: number): FlashEvent['aus'] => {
    const list: FlashEvent['aus'] = [];
    const add = (term: CompiledAuRule['allOf'][number], always: boolean) => {
      const c = term.channels[view]!;
      const peak = auPeak[c]!;
      if (!always && peak < term.min * rule.off) return;
      const name = view === VIEW_BOTH || !term.sided ? term.au : `${term.au}_${view === VIEW_LEFT ? 'L' : 'R'}`;
      list.push({ au: name, peak });
    };
    for (const t of rule.allOf) add(t, true);
    for (const g of rule.anyOf) for (const t of g) add(t, false);
    for (const t of rule.support) add(t, false);
    return list;
  };

  const confidence = (rule: CompiledAuRule, k: number): number => {
    const w = rule.confidence;
    const activationTerm = clamp01((peakA[k]! - rule.off) / (2 * rule.on - rule.off));
    let supportSum = 0;
    let supportWeights = 0;
    for (const t of rule.support) {
      supportSum += t.weight * clamp01(auPeak[t.channels[VIEW_BOTH]]! / t.min);
      supportWeights += t.weight;
    }
    let sigmaSum = 0;
    let sigmaCount = 0;
    if (lastSigma) {
      for (const t of [...rule.allOf, ...rule.anyOf.flat()]) {
        sigmaSum += lastSigma[t.channels[VIEW_BOTH]]!;
        sigmaCount++;
      }
    }
    const snr = sigmaCount > 0 ? Math.max(0, peakI[k]!) / (sigmaSum / sigmaCount) : 0;
    const K = options.noiseThresholdK;
    const snrTerm = clamp01((snr - K) / (2 * K));
    const supportW = supportWeights > 0 ? w.support : 0;
    const total = w.activation + supportW + w.snr;
    let c = total > 0 ? (w.activation * activationTerm + (supportWeights > 0 ? supportW * (supportSum / supportWeights) : 0) + w.snr * snrTerm) / total : 0;
    if (disturbed) c *= options.gatedConfidenceScale;
    return clamp01(c);
  };

  const finish = (offsetMs: number, reason: FlashEndReason, out: FlashEvent[]) => {
    if (!active) return;
    active = false;
    for (let k = 0; k < n; k++) pendingApex[k] = 0;
    for (let s = 0; s < 2; s++) {
      if (Number.isFinite(sideOnset[s]!) && Number.isNaN(sideOffset[s]!)) sideOffset[s] = offsetMs;
    }
    const { k, lateral } = finalRule();
    if (!emitted && offsetMs - onsetT < rules[k]!.minMs) return;
    out.push(build(k, lateral, 'complete', offsetMs, reason));
  };

  return {
    step(t, frames, values, sigma, flags, out) {
      lastSigma = sigma;
      let level = 0;
      let startLevel = 0;
      let lead = 0;
      const sides = [NaN, NaN];
      for (let k = 0; k < n; k++) {
        const rule = rules[k]!;
        const f = frames[rule.index]!;
        const held = f.activation / rule.off;
        if (held > level) level = held;
        const s = f.onsetActivation / rule.on;
        if (s > startLevel) {
          startLevel = s;
          lead = k;
        }
        if (rule.hasSided) {
          const l = f.left / rule.off;
          const r = f.right / rule.off;
          if (!(l <= sides[0]!)) sides[0] = l;
          if (!(r <= sides[1]!)) sides[1] = r;
        }
      }
      // Rising crossings of the held level (the onset candidates), troughs, arming.
      if (Number.isNaN(prevLevel)) {
        candidateT = NaN;
        // The first sample after a reset is the lowest seen so far: a rise from it starts there.
        troughT = t;
        armed = level < 1;
      } else {
        if (prevLevel < 1 && level >= 1) candidateT = crossingTime(prevT, prevLevel, t, level, 1);
        if (level <= prevLevel) troughT = t;
      }
      if (level < 1) {
        candidateT = NaN;
        armed = true;
      }
      for (let s = 0; s < 2; s++) {
        const x = sides[s]!;
        const before = prevSide[s]!;
        if (Number.isFinite(before) && before < 1 && x >= 1) sideCandidate[s] = crossingTime(prevT, before, t, x, 1);
        if (!(x >= 1)) sideCandidate[s] = NaN;
      }

      if (active && provisional) {
        if (flags.onsetBlocked) {
          // The head kept moving: the onset was a turn's geometry, not an expression. Withdrawn
          // unseen; a fresh rise is needed.
          active = false;
          provisional = false;
          armed = false;
        } else provisional = false;
      }
      if (!active && startLevel >= 1) {
        if (armed && !flags.onsetBlocked && Number.isFinite(candidateT)) {
          start(t);
          provisional = flags.onsetProvisional;
        } else armed = false;
      }
      if (active) {
        if (level >= 1) {
          if (flags.disturbed) disturbed = true;
          accumulate(t, frames, values);
          updateSides(t, sides);
          const rule = rules[lead]!;
          const { k } = finalRule();
          if (t - onsetT >= rules[k]!.maxMs) {
            finish(onsetT + rules[k]!.maxMs, 'max-duration', out);
            armed = false;
          } else if (!emitted && !provisional && t - onsetT >= rule.minMs) {
            emitted = true;
            out.push(build(startLevel >= 1 ? lead : k, false, 'onset', NaN, null));
          }
        } else {
          updateSides(t, sides);
          // The apex may still be waiting for this sample to be refined.
          for (let k = 0; k < n; k++) {
            if (pendingApex[k]) {
              const f = frames[rules[k]!.index]!;
              apexT[k] = parabolicPeakTime(apexPrevT[k]!, apexPrevI[k]!, apexT[k]!, peakI[k]!, t, f.intensity);
              pendingApex[k] = 0;
            }
          }
          finish(crossingTime(prevT, prevLevel, t, level, 1), 'offset', out);
        }
      }
      for (let k = 0; k < n; k++) lastI[k] = frames[rules[k]!.index]!.intensity;
      prevT = t;
      prevLevel = level;
      prevSide[0] = sides[0]!;
      prevSide[1] = sides[1]!;
    },
    end(atMs, reason, out) {
      finish(Math.max(atMs, onsetT), reason, out);
    },
    reset() {
      prevT = NaN;
      prevLevel = NaN;
      troughT = NaN;
      candidateT = NaN;
      armed = false;
      prevSide[0] = prevSide[1] = NaN;
      sideCandidate[0] = sideCandidate[1] = NaN;
      active = false;
    },
  };
}

function clamp01(x: number): number {
  return x < 0 || Number.isNaN(x) ? 0 : x > 1 ? 1 : x;
}
