/**
 * What an open event has gathered, per rule of its group: peak activation, the time integral of
 * its evidence (what decides the event's kind), peak intensity and the apex (refined to a
 * sub-frame vertex once the next sample is in), the view (both sides or one) its peak was read
 * from; and each AU channel's peak, for the event's AU list.
 */
import { type CompiledAuRule, VIEW_BOTH } from '../compile-rules.ts';
import type { RuleFrame } from '../evaluate-au-rule.ts';
import { parabolicPeakTime } from '../parabolic-peak-time.ts';

export interface EventAccumulator {
  /** A new event at `t` (its onset time `onsetT`). */
  start(t: number, onsetT: number): void;
  /** One frame of the open event; `prevT` is the previous frame's time. */
  add(t: number, prevT: number, frames: readonly RuleFrame[], values: Float32Array): void;
  /** The event ends on this frame: an apex waiting for its next sample is refined with it. */
  refineApex(t: number, frames: readonly RuleFrame[]): void;
  /** Every frame, event or not: the intensities the next apex refinement starts from. */
  commit(frames: readonly RuleFrame[]): void;
  readonly peakActivation: Float64Array;
  readonly integral: Float64Array;
  readonly peakIntensity: Float64Array;
  readonly apexT: Float64Array;
  readonly strongView: Uint8Array;
  /** Peak per AU channel (index = channel). */
  readonly auPeak: Float32Array;
}

export function createEventAccumulator(rules: readonly CompiledAuRule[]): EventAccumulator {
  const n = rules.length;
  const channels = [...new Set(rules.flatMap((r) => [...r.allOf, ...r.anyOf.flat(), ...r.support].flatMap((t) => [...t.channels])))];
  const peakActivation = new Float64Array(n);
  const integral = new Float64Array(n);
  const peakIntensity = new Float64Array(n);
  const apexT = new Float64Array(n);
  const apexPrevT = new Float64Array(n);
  const apexPrevI = new Float64Array(n);
  const pendingApex = new Uint8Array(n);
  const strongView = new Uint8Array(n);
  const lastI = new Float64Array(n);
  const auPeak = new Float32Array(channels.length === 0 ? 0 : Math.max(...channels) + 1);
  let lastSampleT = NaN;

  const refine = (k: number, t: number, intensity: number) => {
    apexT[k] = parabolicPeakTime(apexPrevT[k]!, apexPrevI[k]!, apexT[k]!, peakIntensity[k]!, t, intensity);
    pendingApex[k] = 0;
  };

  return {
    peakActivation,
    integral,
    peakIntensity,
    apexT,
    strongView,
    auPeak,
    start(t, onsetT) {
      lastSampleT = onsetT;
      peakActivation.fill(0);
      integral.fill(0);
      peakIntensity.fill(-Infinity);
      apexT.fill(t);
      pendingApex.fill(0);
      strongView.fill(VIEW_BOTH);
      auPeak.fill(0);
    },
    add(t, prevT, frames, values) {
      const dt = t - lastSampleT;
      lastSampleT = t;
      for (let k = 0; k < n; k++) {
        const f = frames[rules[k]!.index]!;
        const a = f.activation;
        if (a > peakActivation[k]!) peakActivation[k] = a;
        integral[k] = integral[k]! + f.evidence * dt;
        if (pendingApex[k]) refine(k, t, f.intensity);
        if (f.intensity > peakIntensity[k]!) {
          peakIntensity[k] = f.intensity;
          apexT[k] = t;
          apexPrevT[k] = prevT;
          apexPrevI[k] = lastI[k]!;
          pendingApex[k] = Number.isFinite(prevT) ? 1 : 0;
          if (a > 0) strongView[k] = f.view;
        }
      }
      for (const c of channels) if (values[c]! > auPeak[c]!) auPeak[c] = values[c]!;
    },
    refineApex(t, frames) {
      for (let k = 0; k < n; k++) if (pendingApex[k]) refine(k, t, frames[rules[k]!.index]!.intensity);
    },
    commit(frames) {
      for (let k = 0; k < n; k++) lastI[k] = frames[rules[k]!.index]!.intensity;
    },
  };
}
