/**
 * The person's own talking face, per AU channel: a time-weighted mean and standard deviation of
 * each channel over the frames where they talk. Talking people raise their brows for emphasis,
 * smile between words and stretch their lips on vowels, each person by their own amount; while
 * they talk, a rule's AU must stand out from that (mean + `speechEnvelopeK` sd) to count.
 *
 * Starts from a prior (mean 0, sd `speechEnvelopePriorSigma`, weighted as `speechEnvelopePriorMs`
 * of talking) so the first seconds of talk are not judged against nothing; the prior and old talk
 * fade with `speechEnvelopeTimeConstantMs`. Only frames the speech gate calls talking are learnt
 * from, so a still face keeps the envelope where it was.
 */
import type { FlashEngineOptions } from './defaults.ts';

export interface TalkingEnvelope {
  /** mean + k sd per channel, FACS units. */
  readonly floor: Float32Array;
  /** Folds in one talking frame; `dtMs` since the previous face frame. */
  update(values: ArrayLike<number>, dtMs: number): void;
  reset(): void;
}

type EnvelopeOptions = Pick<
  FlashEngineOptions,
  'speechEnvelopeK' | 'speechEnvelopePriorSigma' | 'speechEnvelopePriorMs' | 'speechEnvelopeTimeConstantMs' | 'maxFrameGapMs'
>;

export function createTalkingEnvelope(channelCount: number, options: EnvelopeOptions): TalkingEnvelope {
  const {
    speechEnvelopeK: k,
    speechEnvelopePriorSigma: s0,
    speechEnvelopePriorMs: w0,
    speechEnvelopeTimeConstantMs: tau,
    maxFrameGapMs,
  } = options;
  const floor = new Float32Array(channelCount);
  const sum = new Float64Array(channelCount);
  const sumSq = new Float64Array(channelCount);
  let weight = 0;
  const reset = () => {
    weight = w0;
    sum.fill(0);
    sumSq.fill(w0 * s0 * s0);
    floor.fill(k * s0);
  };
  reset();
  return {
    floor,
    update(values, dtMs) {
      // A frame with no interval before it (the first, or after a tracking gap) has no weight.
      const dt = dtMs > 0 && dtMs <= maxFrameGapMs ? dtMs : 0;
      if (dt === 0) return;
      const decay = Math.exp(-dt / tau);
      weight = weight * decay + dt;
      for (let c = 0; c < channelCount; c++) {
        const x = values[c]!;
        sum[c] = sum[c]! * decay + dt * x;
        sumSq[c] = sumSq[c]! * decay + dt * x * x;
        const mean = sum[c]! / weight;
        const variance = Math.max(0, sumSq[c]! / weight - mean * mean);
        floor[c] = mean + k * Math.sqrt(variance);
      }
    },
    reset,
  };
}
