/**
 * One frame's AU intensities from its measures and blendshapes, against the person's neutral, by
 * the compiled registry (registry.ts has the formulas). Pure; writes into `out`. Bilateral
 * channels of sided AUs are left for the presence stage (the larger of the sides).
 */
import { AU_INTENSITY_MAX } from '../contract/index.ts';
import type { AuConfig } from './defaults.ts';
import { BLEND_CONFIRM, BLEND_SUPPORT, type CompiledAu } from './registry.ts';

const clampIntensity = (x: number): number => (x < 0 ? 0 : x > AU_INTENSITY_MAX ? AU_INTENSITY_MAX : x);

export function computeIntensities(
  channels: readonly CompiledAu[],
  meas: Float64Array,
  neutral: Float64Array,
  bs: ArrayLike<number> | null,
  bsNeutral: Float64Array | null,
  cfg: AuConfig['blendshapes'],
  out: Float64Array,
): void {
  const useBs = bs !== null && bsNeutral !== null;
  for (let ci = 0; ci < channels.length; ci++) {
    const c = channels[ci]!;
    if (c.maxOfSides) continue;
    let sum = 0;
    for (let k = 0; k < c.measures.length; k++) {
      const mi = c.measures[k]!;
      const change = c.direction[k]! * (meas[mi]! - neutral[mi]!);
      // A one-way term counts only a change in its direction; the opposite change adds nothing.
      sum += c.weight[k]! * (c.oneWay[k] && change < 0 ? 0 : change);
    }
    const unit = c.scaleOf >= 0 ? Math.max(Math.abs(neutral[c.scaleOf]!), 1e-6) : 1;
    let g = clampIntensity((AU_INTENSITY_MAX * (sum - c.offset * unit)) / (c.scale * unit));
    if (useBs && c.blendIdx.length > 0) {
      let rise = 0;
      for (let k = 0; k < c.blendIdx.length; k++) {
        const bi = c.blendIdx[k]!;
        const b0 = bsNeutral[bi]!;
        rise += (bs[bi]! - b0) / Math.max(1 - b0, cfg.minHeadroom);
      }
      rise /= c.blendIdx.length;
      const b = clampIntensity((AU_INTENSITY_MAX * rise) / c.blendFullScale);
      if (c.blendMode === BLEND_CONFIRM) g = Math.min(g, b);
      else {
        const capped = c.blendMode === BLEND_SUPPORT ? Math.min(b, g + cfg.supportMargin) : b;
        if (capped > g) g += c.blendWeight * (capped - g);
      }
    }
    out[ci] = g;
  }
}
