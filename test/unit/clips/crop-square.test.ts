/** The square a clip shows: around the face, widened, inside the frame, steady from frame to frame. */
import { describe, expect, it } from 'vitest';
import { cropSquare } from '../../../src/shared/clips/index.ts';

const d = { faceMargin: 1.5, cropSmoothing: 0.5 };

describe('crop square', () => {
  it('centres a square 1.5 times the face box on the face', () => {
    // A 100 x 120 px face at (270, 180) in 640 x 480.
    const sq = cropSquare({ x: 270 / 640, y: 180 / 480, w: 100 / 640, h: 120 / 480 }, 640, 480, null, d);
    expect(sq.side).toBeCloseTo(180, 6);
    expect(sq.x + sq.side / 2).toBeCloseTo(320, 6);
    expect(sq.y + sq.side / 2).toBeCloseTo(240, 6);
  });

  it('stays inside the frame at its edge, and never exceeds its short side', () => {
    const edge = cropSquare({ x: 0, y: 0, w: 0.1, h: 0.1 }, 640, 480, null, d);
    expect([edge.x, edge.y]).toEqual([0, 0]);
    const huge = cropSquare({ x: 0, y: 0, w: 1, h: 1 }, 640, 480, null, d);
    expect(huge.side).toBe(480);
    expect(huge.x + huge.side).toBeLessThanOrEqual(640);
  });

  it('moves half way towards a new face position (smoothing 0.5) and holds when the face is lost', () => {
    const last = { x: 100, y: 100, side: 200 };
    const moved = cropSquare({ x: (400 - 200 / 3) / 640, y: 100 / 480, w: 200 / 640 / 1.5, h: 200 / 480 / 1.5 }, 640, 480, last, d);
    expect(moved.side).toBeCloseTo(200, 6);
    expect(moved.x).toBeCloseTo(200, 6);
    expect(cropSquare(null, 640, 480, moved, d)).toBe(moved);
    expect(cropSquare(null, 640, 480, null, d)).toEqual({ x: 80, y: 0, side: 480 });
  });
});
