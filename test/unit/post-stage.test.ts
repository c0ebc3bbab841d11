/** The worker's post stage: the person's given neutral outlives a new source; a clip calibrates. */
import { describe, expect, it } from 'vitest';
import { createPostStage } from '../../workers/landmarker/post-stage.ts';
import { AU_CHANNEL_INDEX, AU_DEFAULTS } from '../../src/shared/au/index.ts';
import type { FlashEvent } from '../../src/shared/contract/index.ts';
import { FACE_LEFT, FACE_RIGHT } from '../../src/shared/landmarks.ts';
import { FIRST_FACE } from '../../src/shared/face-roster.ts';
import { movePoint, neutralFace, render } from '../../scripts/lib/synthetic-face.ts';

/** Another person's resting face: brows lower and closer together than the first person's. */
function otherPersonsFace(): Float64Array {
  const face = neutralFace();
  for (const i of FACE_LEFT.browInner) movePoint(face, i, -0.25, -0.25);
  for (const i of FACE_RIGHT.browInner) movePoint(face, i, 0.25, -0.25);
  return face;
}

function frame(t: number, face: Float64Array = neutralFace()) {
  const f = render(face);
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

  describe('each followed face has its own neutral', () => {
    const au04 = (out: { aus: Float32Array | Float64Array | ArrayLike<number> }) => out.aus[AU_CHANNEL_INDEX.AU04]!;

    it('a face picked in a gallery is not read against the first person’s neutral, learns its own, and each keeps it', () => {
      const first = calibrated();
      const post = createPostStage({ baseline: first });
      // Read against the first person's neutral, the other's resting brows look like a frown.
      expect(au04(post.step(frame(0, otherPersonsFace())))).toBeGreaterThan(2);

      post.followFace('face-2', 33);
      expect(post.getBaseline()).toBeNull();
      let t = 66;
      let out = post.step(frame(t, otherPersonsFace()));
      for (let i = 0; i < 60; i++) out = post.step(frame((t += 33), otherPersonsFace()));
      expect(post.getBaseline()?.source).toBe('auto');
      expect(au04(out)).toBeLessThan(AU_DEFAULTS.presence.on);
      const second = post.getBaseline();

      post.followFace(FIRST_FACE, (t += 33));
      expect(post.getBaseline()).toEqual(first);
      expect(au04(post.step(frame((t += 33))))).toBeLessThan(AU_DEFAULTS.presence.on);

      post.followFace('face-2', (t += 33));
      expect(post.getBaseline()).toEqual(second);
    });

    it('an expression open when the face changes is completed, not lost', () => {
      const post = createPostStage({ baseline: calibrated() });
      const frown = otherPersonsFace(); // on the first person, lowered brows are a frown
      const seen: FlashEvent[] = [];
      // Two quiet seconds first: until the engine has watched the mouth it treats the face as talking.
      for (let i = 0; i < 60; i++) seen.push(...post.step(frame(i * 33)).events);
      for (let i = 60; i < 66; i++) seen.push(...post.step(frame(i * 33, frown)).events);
      expect(seen.some((e) => e.status === 'onset')).toBe(true);
      const ended = post.followFace('face-2', 65 * 33);
      expect(ended.map((e) => e.status)).toEqual(['complete']);
      expect(ended[0]!.id).toBe(seen.find((e) => e.status === 'onset')!.id);
    });

    it('following the same face again changes nothing', () => {
      const first = calibrated();
      const post = createPostStage({ baseline: first });
      expect(post.followFace(FIRST_FACE, 0)).toEqual([]);
      expect(post.getBaseline()).toEqual(first);
    });
  });
});
