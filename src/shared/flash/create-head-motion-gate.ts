/**
 * Says, per frame, whether head motion makes new onsets untrustworthy. Landmark geometry bends
 * during fast turns and at large angles and reads as brow or mouth AUs; real expressions during
 * the turn are the price.
 *
 * - 'blocked': |yaw| above `headYawMaxRad` or |pitch| above `headPitchMaxRad`, or the pose moved
 *   faster than `headVelocityMaxRadPerS` over two consecutive frame intervals (a turn: sustained
 *   rotation), and for `headHoldMs` after.
 * - 'step': the pose moved fast over this interval only (the previous one was slow). MediaPipe's
 *   pose is fitted to all 478 points, so an expression's own onset moves it by a few degrees in
 *   one frame (2-3 degrees for a smile, 7-9 degrees of pitch for a surprise, the head still): a
 *   one-interval step is what a fast expression looks like, while a turn keeps going. Onsets on a
 *   step are provisional: the next frame confirms them (the pose stopped) or withdraws them (it
 *   kept moving: 'blocked').
 * - 'clear': otherwise.
 */
import type { FlashEngineOptions } from './defaults.ts';

export const HEAD_CLEAR = 0;
export const HEAD_STEP = 1;
export const HEAD_BLOCKED = 2;
export type HeadState = typeof HEAD_CLEAR | typeof HEAD_STEP | typeof HEAD_BLOCKED;

export interface HeadMotionGate {
  /** `pose` = [pitch, yaw, roll] radians. */
  step(timestampMs: number, pose: Float32Array): HeadState;
  reset(): void;
}

type HeadOptions = Pick<FlashEngineOptions, 'headVelocityMaxRadPerS' | 'headYawMaxRad' | 'headPitchMaxRad' | 'headHoldMs'>;

export function createHeadMotionGate(options: HeadOptions): HeadMotionGate {
  const { headVelocityMaxRadPerS, headYawMaxRad, headPitchMaxRad, headHoldMs } = options;
  let prevT = NaN;
  let p0 = NaN;
  let p1 = NaN;
  let p2 = NaN;
  let prevFast = false;
  let blockedUntil = -Infinity;
  return {
    step(t, pose) {
      const pitch = pose[0]!;
      const yaw = pose[1]!;
      const roll = pose[2]!;
      if (!Number.isFinite(pitch) || !Number.isFinite(yaw) || !Number.isFinite(roll)) {
        return t < blockedUntil ? HEAD_BLOCKED : HEAD_CLEAR;
      }
      let fast = false;
      if (Number.isFinite(prevT)) {
        const dtS = (t - prevT) / 1000;
        fast = Math.hypot(pitch - p0, yaw - p1, roll - p2) / dtS > headVelocityMaxRadPerS;
      }
      const turning = (fast && prevFast) || Math.abs(yaw) > headYawMaxRad || Math.abs(pitch) > headPitchMaxRad;
      prevT = t;
      p0 = pitch;
      p1 = yaw;
      p2 = roll;
      prevFast = fast;
      if (turning) blockedUntil = t + headHoldMs;
      if (turning || t < blockedUntil) return HEAD_BLOCKED;
      return fast ? HEAD_STEP : HEAD_CLEAR;
    },
    reset() {
      prevT = NaN;
      prevFast = false;
      blockedUntil = -Infinity;
    },
  };
}
