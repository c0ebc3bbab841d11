/** Small numeric helpers shared by the pure stages. */

/** x clamped into [0, 1]; NaN reads as 0. */
export function clamp01(x: number): number {
  return x < 0 || Number.isNaN(x) ? 0 : x > 1 ? 1 : x;
}
