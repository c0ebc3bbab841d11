/**
 * When a straight line from (t0, y0) to (t1, y1) crosses `level`, ms. Used for onset and offset
 * times between two frames. Falls back to t1 when the two samples are equal (no slope); the
 * result is clamped into [t0, t1].
 */
export function crossingTime(t0: number, y0: number, t1: number, y1: number, level: number): number {
  const dy = y1 - y0;
  if (dy === 0 || !Number.isFinite(dy)) return t1;
  const f = (level - y0) / dy;
  if (f <= 0) return t0;
  if (f >= 1) return t1;
  return t0 + f * (t1 - t0);
}
