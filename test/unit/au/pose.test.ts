import { describe, expect, it } from 'vitest';
import { poseFromMatrix, rotationFromEuler } from '../../../src/shared/au/pose.ts';
import { FACE_MIDLINE } from '../../../src/shared/landmarks.ts';
import { neutralFace, render } from '../../../scripts/lib/synthetic-face.ts';

function matrixOf(pitch: number, yaw: number, roll: number, scale = 1): Float32Array {
  const r = rotationFromEuler(pitch, yaw, roll);
  const m = new Float32Array(16);
  for (let c = 0; c < 3; c++) for (let rr = 0; rr < 3; rr++) m[c * 4 + rr] = r[rr * 3 + c]! * scale;
  m[14] = -50;
  m[15] = 1;
  return m;
}

describe('poseFromMatrix', () => {
  it('recovers pitch, yaw and roll from a column-major matrix', () => {
    for (const [p, y, r] of [
      [0.1, -0.3, 0.2],
      [-0.35, 0.35, -0.35],
      [0, 0, 0],
      [0.5, 0.2, 1.2],
    ] as const) {
      const pose = poseFromMatrix(matrixOf(p, y, r));
      expect(pose[0]).toBeCloseTo(p, 5);
      expect(pose[1]).toBeCloseTo(y, 5);
      expect(pose[2]).toBeCloseTo(r, 5);
    }
  });

  it('ignores a uniform scale in the matrix', () => {
    const pose = poseFromMatrix(matrixOf(0.2, -0.1, 0.05, 3.7));
    expect(pose[0]).toBeCloseTo(0.2, 5);
    expect(pose[1]).toBeCloseTo(-0.1, 5);
    expect(pose[2]).toBeCloseTo(0.05, 5);
  });

  it('gives NaN without a matrix or for a degenerate one', () => {
    expect(Array.from(poseFromMatrix(null)).every(Number.isNaN)).toBe(true);
    expect(Array.from(poseFromMatrix(new Float32Array(16))).every(Number.isNaN)).toBe(true);
  });

  it('positive yaw turns the nose toward the image right, positive pitch lowers it', () => {
    const face = neutralFace();
    const tip = FACE_MIDLINE.noseTip * 3;
    const front = render(face);
    const yawed = render(face, { yaw: 0.3 });
    const pitched = render(face, { pitch: 0.3 });
    expect(yawed.landmarks[tip]!).toBeGreaterThan(front.landmarks[tip]!);
    expect(pitched.landmarks[tip + 1]!).toBeGreaterThan(front.landmarks[tip + 1]!); // image y is down
    expect(poseFromMatrix(yawed.matrix)[1]).toBeCloseTo(0.3, 5);
  });
});
