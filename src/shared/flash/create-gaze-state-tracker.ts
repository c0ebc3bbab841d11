/**
 * Dissociation as a gaze state: defocused staring, against the person's own baseline. Not a
 * flash: it has its own onset (when the stare began) and end (the next saccade), and it is only
 * shown once it has lasted the rule's minMs (seconds).
 *
 * Gaze is the mean iris position of both eyes within the eye opening. A fixation holds while the
 * gaze stays within `fixationRadius` of its centre; a displacement that lasts `saccadeConfirmMs` is
 * a saccade and starts a new fixation. Staring = the current fixation has lasted minMs and the
 * saccade rate over `windowMs` is at most `saccadeRateRatioMax` of the person's baseline rate
 * (a slow running rate, seeded with a prior). Vergence drifting off the person's baseline and a
 * blink rate below baseline support it (confidence). Blinks do not break a fixation (the iris is
 * hidden), but they are counted.
 */
import { EYE_INDEX } from '../eyes.ts';
import type { CompiledGazeRule } from './compile-rules.ts';
import { CONFIDENCE_SPANS, type FlashEngineOptions } from './defaults.ts';
import { makeFlashEvent, type FlashEndReason, type FlashEvent } from './event.ts';
import { clamp01 } from '../numbers.ts';

export interface GazeStateTracker {
  /** `closed`: the lids are closing or closed this frame (the blink gate's reading). */
  step(t: number, eyes: Float32Array, closed: boolean, out: FlashEvent[]): void;
  end(atMs: number, reason: FlashEndReason, out: FlashEvent[]): void;
  /** After a gap: the fixation and the rate window restart; the person's baseline is kept. */
  reset(): void;
}

type GazeOptions = Pick<
  FlashEngineOptions,
  | 'saccadeConfirmMs'
  | 'gazePriorSaccadeRatePerS'
  | 'gazePriorBlinkRatePerS'
  | 'gazePriorMs'
  | 'gazeBaselineTimeConstantMs'
  | 'gazeBaselineMinMs'
  | 'gazeBaselineMinSaccades'
  | 'vergencePriorSigma'
  | 'microMaxMs'
  | 'fastOnsetMaxMs'
>;

/** Saccade times kept for the window count (more than any window sees at human saccade rates). */
const RING_SIZE = 256;

export function createGazeStateTracker(rule: CompiledGazeRule, options: GazeOptions, nextId: () => number): GazeStateTracker {
  const { fixationRadius, saccadeRateRatioMax, windowMs, vergenceShiftSigma, blinkRateRatioMax } = rule.gaze;
  const saccades = new Float64Array(RING_SIZE);
  let ringHead = 0;
  let ringCount = 0;

  // Person baseline (kept across gaps).
  let baseTime = 0;
  let baseSaccades = 0;
  let baseBlinks = 0;
  let vergenceMean = NaN;
  let vergenceVar = options.vergencePriorSigma ** 2;
  let faceTime = 0;

  // Current track.
  let prevT = NaN;
  let windowStart = NaN;
  let fixStart = NaN;
  let cx = 0;
  let cy = 0;
  let fixSamples = 0;
  let displacedSince = NaN;
  let wasClosed = false;

  // Open event.
  let active = false;
  let id = 0;
  let onsetT = NaN;
  let apexT = NaN;
  let eventBlinks = 0;
  let vergenceSum = 0;
  let vergenceSamples = 0;
  let minRateRatio = 1;

  const baseRate = (count: number, prior: number) =>
    (count + (prior * options.gazePriorMs) / 1000) / ((baseTime + options.gazePriorMs) / 1000);

  const windowRate = (t: number) => {
    let count = 0;
    for (let i = 0; i < ringCount; i++) {
      if (t - saccades[(ringHead - 1 - i + RING_SIZE) % RING_SIZE]! <= windowMs) count++;
      else break;
    }
    const spanS = Math.min(windowMs, t - windowStart) / 1000;
    return spanS > 0 ? count / spanS : Infinity;
  };

  const build = (status: FlashEvent['status'], offsetMs: number, endedBy: FlashEndReason | null): FlashEvent => {
    const complete = status === 'complete';
    const durationMs = offsetMs - onsetT;
    const rateTerm = clamp01(1 - minRateRatio);
    const vergenceShift = vergenceSamples > 0 ? Math.abs(vergenceSum / vergenceSamples - vergenceMean) / Math.sqrt(vergenceVar) : 0;
    const vergenceTerm = Number.isFinite(vergenceShiftSigma) ? clamp01(vergenceShift / vergenceShiftSigma) : 0;
    const spanS = ((complete ? offsetMs : apexT) - onsetT) / 1000;
    const blinkRatio = spanS > 0 ? eventBlinks / spanS / baseRate(baseBlinks, options.gazePriorBlinkRatePerS) : 1;
    const blinkTerm =
      blinkRateRatioMax > 0 ? (blinkRatio <= blinkRateRatioMax ? 1 : clamp01((1 - blinkRatio) / (1 - blinkRateRatioMax))) : 0;
    const supportTerm = (vergenceTerm + blinkTerm) / 2;
    const durationTerm = clamp01(
      ((complete ? durationMs : apexT - onsetT) - rule.minMs) / Math.max(rule.minMs, 1) + CONFIDENCE_SPANS.gazeDurationTermAtMin,
    );
    const baselineTerm = clamp01(faceTime / (CONFIDENCE_SPANS.gazeBaselineFullAtMinTimes * options.gazeBaselineMinMs));
    const w = rule.confidence;
    const total = w.activation + w.support + w.snr;
    const confidence =
      total > 0 ? ((w.activation * (rateTerm + durationTerm)) / 2 + w.support * supportTerm + w.snr * baselineTerm) / total : 0;
    return makeFlashEvent(
      {
        id,
        kind: rule.kind,
        status,
        onsetMs: onsetT,
        apexMs: apexT,
        offsetMs,
        peak: 5 * clamp01(0.6 * rateTerm + 0.2 * vergenceTerm + 0.2 * blinkTerm),
        aus: [],
        side: null,
        sideLagMs: null,
        confidence: clamp01(confidence),
        endedBy,
      },
      options,
    );
  };

  const finish = (offsetMs: number, reason: FlashEndReason, out: FlashEvent[]) => {
    if (!active) return;
    active = false;
    out.push(build('complete', Math.max(offsetMs, onsetT), reason));
  };

  const newFixation = (t: number, x: number, y: number) => {
    fixStart = t;
    cx = x;
    cy = y;
    fixSamples = 1;
    displacedSince = NaN;
  };

  return {
    step(t, eyes, closed, out) {
      const dt = Number.isFinite(prevT) ? t - prevT : 0;
      prevT = t;
      if (Number.isNaN(windowStart)) windowStart = t;
      faceTime += dt;
      const decay = Math.exp(-dt / options.gazeBaselineTimeConstantMs);
      const blinkStarted = closed && !wasClosed;
      wasClosed = closed;
      if (!active) {
        baseTime = baseTime * decay + dt;
        baseSaccades *= decay;
        baseBlinks = baseBlinks * decay + (blinkStarted ? 1 : 0);
      } else if (blinkStarted) eventBlinks++;

      const x = (eyes[EYE_INDEX.irisX_L]! + eyes[EYE_INDEX.irisX_R]!) / 2;
      const y = (eyes[EYE_INDEX.irisY_L]! + eyes[EYE_INDEX.irisY_R]!) / 2;
      const vergence = eyes[EYE_INDEX.vergence]!;
      if (closed || !Number.isFinite(x) || !Number.isFinite(y)) return;

      if (Number.isFinite(vergence)) {
        if (active) {
          vergenceSum += vergence;
          vergenceSamples++;
        } else if (Number.isNaN(vergenceMean)) vergenceMean = vergence;
        else {
          const alpha = 1 - decay;
          const d = vergence - vergenceMean;
          vergenceMean += alpha * d;
          vergenceVar = Math.max(options.vergencePriorSigma ** 2 / 100, (1 - alpha) * (vergenceVar + alpha * d * d));
        }
      }

      if (Number.isNaN(fixStart)) {
        newFixation(t, x, y);
        return;
      }
      if (Math.hypot(x - cx, y - cy) > fixationRadius) {
        if (Number.isNaN(displacedSince)) displacedSince = t;
        if (t - displacedSince >= options.saccadeConfirmMs) {
          const saccadeT = displacedSince;
          saccades[ringHead] = saccadeT;
          ringHead = (ringHead + 1) % RING_SIZE;
          ringCount = Math.min(ringCount + 1, RING_SIZE);
          if (active) finish(saccadeT, 'offset', out);
          else baseSaccades += 1;
          newFixation(t, x, y);
        }
        return;
      }
      displacedSince = NaN;
      // Running centre, following slow drift (at most the last ~30 samples).
      fixSamples = Math.min(fixSamples + 1, 30);
      cx += (x - cx) / fixSamples;
      cy += (y - cy) / fixSamples;

      const rateRatio = windowRate(t) / baseRate(baseSaccades, options.gazePriorSaccadeRatePerS);
      if (active) {
        if (rateRatio < minRateRatio) minRateRatio = rateRatio;
        if (t - onsetT >= rule.maxMs) {
          finish(onsetT + rule.maxMs, 'max-duration', out);
          newFixation(t, x, y);
        }
        return;
      }
      const baselineReady =
        faceTime >= options.gazeBaselineMinMs && baseSaccades >= options.gazeBaselineMinSaccades && t - windowStart >= windowMs / 2;
      if (baselineReady && t - fixStart >= rule.minMs && rateRatio <= saccadeRateRatioMax) {
        active = true;
        id = nextId();
        onsetT = fixStart;
        apexT = t;
        eventBlinks = 0;
        vergenceSum = 0;
        vergenceSamples = 0;
        minRateRatio = rateRatio;
        out.push(build('onset', NaN, null));
      }
    },
    end(atMs, reason, out) {
      finish(atMs, reason, out);
    },
    reset() {
      prevT = NaN;
      windowStart = NaN;
      fixStart = NaN;
      displacedSince = NaN;
      ringCount = 0;
      wasClosed = false;
      active = false;
    },
  };
}
