/**
 * Time of the vertex of the parabola through three samples around a maximum (t1, y1 the largest),
 * clamped into [t0, t2]. Gives a sub-frame apex: two equal top samples put it half way between
 * them. Returns t1 where the three points are collinear or not a maximum.
 */
export function parabolicPeakTime(t0: number, y0: number, t1: number, y1: number, t2: number, y2: number): number {
  const d0 = t0 - t1;
  const d2 = t2 - t1;
  const a0 = y0 - y1;
  const a2 = y2 - y1;
  // y - y1 = a d^2 + b d through (d0, a0) and (d2, a2).
  const den = d0 * d2 * (d0 - d2);
  if (den === 0 || !Number.isFinite(den)) return t1;
  const a = (d2 * a0 - d0 * a2) / den;
  const b = (d0 * d0 * a2 - d2 * d2 * a0) / den;
  if (!(a < 0)) return t1;
  const vertex = t1 - b / (2 * a);
  return Math.min(t2, Math.max(t0, vertex));
}
