import { describe, expect, it } from 'vitest';
import { followFace, initialFollowState, iou, landmarkBox } from '../../src/shared/face-select.ts';

const small = { x: 0.1, y: 0.1, w: 0.1, h: 0.1 };
const big = { x: 0.5, y: 0.5, w: 0.3, h: 0.3 };

describe('face selection', () => {
  it('follows the largest face by default', () => {
    expect(followFace([small, big], initialFollowState()).index).toBe(1);
    expect(followFace([big, small], initialFollowState()).index).toBe(0);
  });

  it('reports no face on an empty frame', () => {
    expect(followFace([], initialFollowState()).index).toBe(-1);
  });

  it('follows a picked face as it moves, even when another face is larger', () => {
    let state = initialFollowState({ mode: 'point', x: 0.15, y: 0.15 });
    let r = followFace([big, small], state);
    expect(r.index).toBe(1);
    state = r.state;
    const moved = { ...small, x: 0.12 };
    r = followFace([moved, big], state);
    expect(r.index).toBe(0);
  });

  it('reports no face while the picked face is out of the frame, then finds it again', () => {
    let r = followFace([small, big], initialFollowState({ mode: 'point', x: 0.15, y: 0.15 }));
    r = followFace([big], r.state);
    expect(r.index).toBe(-1);
    r = followFace([big, small], r.state);
    expect(r.index).toBe(1);
  });

  it('computes IoU and landmark boxes by hand', () => {
    expect(iou(small, small)).toBeCloseTo(1);
    expect(iou(small, big)).toBe(0);
    expect(iou({ x: 0, y: 0, w: 2, h: 1 }, { x: 1, y: 0, w: 2, h: 1 })).toBeCloseTo(1 / 3);
    const box = landmarkBox(new Float32Array([0.2, 0.3, 0, 0.4, 0.1, -0.1, 0.3, 0.5, 0.05]));
    for (const [k, v] of Object.entries({ x: 0.2, y: 0.1, w: 0.2, h: 0.4 })) expect(box[k as keyof typeof box]).toBeCloseTo(v, 6);
  });
});
