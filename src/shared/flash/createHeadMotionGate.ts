/**
 * Says, per frame, whether head motion makes new onsets untrustworthy: angular speed of the pose
 * above `headVelocityMaxRadPerS`, |yaw| above `headYawMaxRad` or |pitch| above `headPitchMaxRad`,
 * and for `headHoldMs` after. Landmark geometry bends during fast turns and at large angles and
 * reads as brow or mouth AUs; real expressions during the turn are the price.
 */
import type { FlashEngineOptions } from './defaults.ts';

export interface HeadMotionGate {
  /** `pose` = [pitch, yaw, roll] radians. True while onsets must be blocked. */
  step(timestampMs: number, pose: Float32Array): boolean;
  reset(): void;
}

type HeadOptions = Pick<FlashEngineOptions, 'headVelocityMaxRadPerS' | 'headYawMaxRad' | 'headPitchMaxRad' | 'headHoldMs'>;

export function createHeadMotionGate(options: HeadOptions): HeadMotionGate {
  const { headVelocityMaxRadPerS, headYawMaxRad, headPitchMaxRad, headHoldMs } = options;
  let prevT = NaN;
  let p0 = NaN;
  let p1 = NaN;
  let p2 = NaN;
  let blockedUntil = -Infinity;
  return {
    step(t, pose) {
      const pitch = pose[0]!;
      const yaw = pose[1]!;
      const roll = pose[2]!;
      if (!Number.isFinite(pitch) || !Number.isFinite(yaw) || !Number.isFinite(roll)) return t < blockedUntil;
      let moving = Math.abs(yaw) > headYawMaxRad || Math.abs(pitch) > headPitchMaxRad;
      if (Number.isFinite(prevT)) {
        const dtS = (t - prevT) / 1000;
        const speed = Math.hypot(pitch - p0, yaw - p1, roll - p2) / dtS;
        if (speed > headVelocityMaxRadPerS) moving = true;
      }
      prevT = t;
      p0 = pitch;
      p1 = yaw;
      p2 = roll;
      if (moving) blockedUntil = t + headHoldMs;
      return moving || t < blockedUntil;
    },
    reset() {
      prevT = NaN;
      blockedUntil = -Infinity;
    },
  };
}
