/**
 * Per-eye features for blink handling and the gaze (dissociation / staring) detector, from pose-free
 * points (pose-free-points.ts), in EYE_FEATURES order (src/shared/eyes.ts).
 *
 * - irisX: iris centre relative to the midpoint of the eye corners, in eye half-widths, + toward the
 *   person's left (so both eyes read + when the person looks to their left).
 * - irisY: iris centre relative to the eye-corner line, in half-heights of the current lid opening
 *   (floored, see AU_DEFAULTS.eyes.minHalfApertureRatio), + downward.
 * - aperture: mean lid gap over eye width (dimensionless, ~0.25-0.35 open, ~0.05 closed).
 * - vergence: irisX_L - irisX_R; + = eyes turned apart, - = converged (near focus).
 * Positions are relative to the head (the pose-free frame), not gaze in the world.
 */
import { EYE_INDEX } from '../eyes.ts';
import { FACE_LEFT, FACE_RIGHT, type FaceSideLandmarks } from '../landmarks.ts';

/** Every landmark index the eye features read. */
export const EYE_FEATURE_POINTS: readonly number[] = [FACE_LEFT, FACE_RIGHT].flatMap((s) => [
  s.eyeInner,
  s.eyeOuter,
  s.irisCentre,
  ...s.upperLid,
  ...s.lowerLid,
]);

function meanAxis(p: Float64Array, idx: readonly number[], axis: number): number {
  let a = 0;
  for (let i = 0; i < idx.length; i++) a += p[idx[i]! * 3 + axis]!;
  return a / idx.length;
}

function oneEye(
  p: Float64Array,
  lm: FaceSideLandmarks,
  minHalfApertureRatio: number,
  out: Float32Array,
  ix: number,
  iy: number,
  ia: number,
): void {
  const a = lm.eyeInner * 3,
    b = lm.eyeOuter * 3,
    c = lm.irisCentre * 3;
  const ax = p[a]!,
    ay = p[a + 1]!,
    az = p[a + 2]!;
  const bx = p[b]!,
    by = p[b + 1]!,
    bz = p[b + 2]!;
  const width = Math.sqrt((bx - ax) ** 2 + (by - ay) ** 2 + (bz - az) ** 2);
  const half = width / 2;
  const gap = meanAxis(p, lm.upperLid, 1) - meanAxis(p, lm.lowerLid, 1);
  const halfHeight = Math.max(gap / 2, half * minHalfApertureRatio);
  out[ix] = (p[c]! - (ax + bx) / 2) / half;
  out[iy] = -(p[c + 1]! - (ay + by) / 2) / halfHeight;
  out[ia] = gap / width;
}

/** Fills `out` (EYE_FEATURES layout) except `blink`, which the estimator sets from AU43/45. */
export function computeEyeFeatures(p: Float64Array, minHalfApertureRatio: number, out: Float32Array): void {
  oneEye(p, FACE_LEFT, minHalfApertureRatio, out, EYE_INDEX.irisX_L, EYE_INDEX.irisY_L, EYE_INDEX.aperture_L);
  oneEye(p, FACE_RIGHT, minHalfApertureRatio, out, EYE_INDEX.irisX_R, EYE_INDEX.irisY_R, EYE_INDEX.aperture_R);
  out[EYE_INDEX.vergence] = out[EYE_INDEX.irisX_L]! - out[EYE_INDEX.irisX_R]!;
}
