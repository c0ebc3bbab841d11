/** The worker's post stage: the person's given neutral outlives a new source; a clip calibrates. */
import { describe, expect, it } from 'vitest';
import { createPostStage } from '../../workers/landmarker/post-stage.ts';
import { neutralFace, render } from '../../scripts/lib/synthetic-face.ts';

function frame(t: number) {
  const f = render(neutralFace());
  return {
    timestampMs: t,
    width: f.width,
    height: f.height,
    face: { landmarks: Float32Array.from(f.landmarks), blendshapes: new Float32Array(52), matrix: Float32Array.from(f.matrix) },
  };
}

/** A neutral calibrated over 40 frames of the synthetic face. */
function calibrated() {
  const post = createPostStage({});
  post.calibrate(Number.MAX_SAFE_INTEGER);
  for (let i = 0; i < 40; i++) post.step(frame(i * 33));
  expect(post.finishCalibration()).toBe(true);
  return post.getBaseline()!;
}

describe('post stage', () => {
  it('keeps a saved neutral through a reset (the person starting again), instead of learning a new one', () => {
    const saved = calibrated();
    const post = createPostStage({ baseline: saved });
    post.reset();
    expect(post.getBaseline()).toEqual(saved);
    // The first frame of the new source is read against it at once: AUs, not NaN.
    expect(Number.isNaN(post.step(frame(0)).aus[0]!)).toBe(false);
  });

  it('a neutral set later is the one a reset returns to', () => {
    const saved = calibrated();
    const post = createPostStage({});
    post.setBaseline(saved);
    post.reset();
    expect(post.getBaseline()?.source).toBe('calibrated');
  });

  it('forgetting the given neutral (null) lets the next source learn its own', () => {
    const post = createPostStage({ baseline: calibrated() });
    post.setBaseline(null);
    expect(post.getBaseline()).toBeNull();
    post.reset();
    expect(post.getBaseline()).toBeNull();
  });

  it('without a given neutral a reset forgets the learnt one', () => {
    const post = createPostStage({});
    for (let i = 0; i < 40; i++) post.step(frame(i * 33));
    expect(post.getBaseline()?.source).toBe('auto');
    post.reset();
    expect(post.getBaseline()).toBeNull();
  });

  it('calibrating over a whole clip needs enough face frames', () => {
    const post = createPostStage({});
    post.calibrate(Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < 3; i++) post.step(frame(i * 33));
    expect(post.finishCalibration()).toBe(false);
  });

  it('refuses a neutral saved by another version, saying what to do', () => {
    const old = { ...calibrated(), version: 1 };
    expect(() => createPostStage({ baseline: old })).toThrow(/calibrate again/);
  });
});
