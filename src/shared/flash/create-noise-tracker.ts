/**
 * A robust running noise estimate per AU channel, for this person: the time-weighted mean absolute
 * value of the quiet samples (those within `noiseClipK` sigmas of zero; the AUs are already
 * relative to the neutral face, so quiet means near 0), scaled to a Gaussian sigma. Slow (tens
 * of seconds), so brief expressions hardly move it; samples beyond the clip are activity and skipped.
 */
import type { FlashEngineOptions } from './defaults.ts';

/** Mean absolute deviation of a Gaussian is sigma * sqrt(2 / pi); this converts back. */
const MAD_TO_SIGMA = Math.sqrt(Math.PI / 2);

export interface NoiseTracker {
  /** Current sigma per channel, FACS units. */
  readonly sigma: Float32Array;
  /** Folds one frame in; `dtMs` since the previous frame; channels with skip[c] = 1 are left alone. */
  update(values: ArrayLike<number>, dtMs: number, skip?: Uint8Array): void;
  reset(): void;
}

export function createNoiseTracker(
  channelCount: number,
  options: Pick<FlashEngineOptions, 'noiseInitialSigma' | 'noiseFloorSigma' | 'noiseTimeConstantMs' | 'noiseClipK'>,
): NoiseTracker {
  const { noiseInitialSigma, noiseFloorSigma, noiseTimeConstantMs, noiseClipK } = options;
  const meanAbs = new Float64Array(channelCount);
  const sigma = new Float32Array(channelCount);
  const reset = () => {
    meanAbs.fill(noiseInitialSigma / MAD_TO_SIGMA);
    sigma.fill(noiseInitialSigma);
  };
  reset();
  return {
    sigma,
    update(values, dtMs, skip) {
      if (!(dtMs > 0)) return;
      const alpha = 1 - Math.exp(-dtMs / noiseTimeConstantMs);
      for (let c = 0; c < channelCount; c++) {
        if (skip?.[c]) continue;
        const x = Math.abs(values[c]!);
        if (!(x <= noiseClipK * sigma[c]!)) continue;
        const m = meanAbs[c]! + alpha * (x - meanAbs[c]!);
        meanAbs[c] = m;
        sigma[c] = Math.max(noiseFloorSigma, m * MAD_TO_SIGMA);
      }
    },
    reset,
  };
}
