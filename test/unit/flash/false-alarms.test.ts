/** Talking, blinks and head turns must not produce events on their own. */
import { describe, expect, it } from 'vitest';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import type { FlashEngineOptions } from '../../../src/shared/flash/defaults.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import type { FlashFrame } from '../../../src/shared/flash/flash-frame.ts';
import { addAus, build, completed, gaussian, OPEN_APERTURE, run, setEye, times } from './frames.ts';

const engine = (options: Partial<FlashEngineOptions> = {}) => createFlashEngine(defaultRules(), options);

/** Talking: lips part, jaw, mouth stretch, upper lip and lip stretcher moving at syllable rate (4-5 Hz). */
function talk(f: FlashFrame, t: number, next: () => number, jaw = 1.8): void {
  const s = t / 1000;
  const phase = Math.sin(2 * Math.PI * 4.3 * s);
  const open = Math.max(0, phase);
  addAus(f, {
    AU25: 2 * open + 0.2 * next(),
    AU26: jaw * open,
    AU27: 1.5 * Math.max(0, Math.sin(2 * Math.PI * 2.1 * s)) * open,
    AU10: 1.2 * Math.max(0, Math.sin(2 * Math.PI * 3.1 * s + 1)),
    AU20: 1.4 * Math.max(0, Math.sin(2 * Math.PI * 2.7 * s + 2)),
    AU17: 0.8 * Math.max(0, -phase),
    AU23: 0.9 * Math.max(0, Math.sin(2 * Math.PI * 1.7 * s)),
  });
}

describe('speech', () => {
  it('ten seconds of talking mouth movements give no events', () => {
    const next = gaussian(11);
    expect(
      run(
        engine(),
        build(times(30, 10_000), (f, t) => talk(f, t, next)),
      ),
    ).toEqual([]);
  });

  it('a conversational brow raise while talking is not surprise; without the speech gate it would be', () => {
    const frames = () => {
      const next = gaussian(5);
      return build(times(30, 6000), (f, t) => {
        talk(f, t, next);
        if (t >= 3000 && t < 3400) addAus(f, { AU01: 2, AU02: 2 });
      });
    };
    expect(run(engine(), frames())).toEqual([]);
    const ungated = completed(run(engine({ speechMouthScale: 1, speechUpperFaceConfirm: 0, speechEnvelopeK: 0 }), frames()));
    expect(ungated.map((e) => e.kind)).toContain('surprise');
  });

  it('a surprise (brows, lids, jaw drop) while talking is caught: the raised upper lids confirm it', () => {
    const next = gaussian(5);
    const frames = build(times(30, 6000), (f, t) => {
      talk(f, t, next);
      if (t >= 3000 && t < 3400) addAus(f, { AU01: 3, AU02: 3, AU05: 2, AU26: 2.5 });
    });
    expect(completed(run(engine(), frames)).map((e) => e.kind)).toEqual(['surprise']);
  });

  it('a real expression with upper-face evidence is still caught while talking', () => {
    const next = gaussian(9);
    const frames = build(times(30, 6000), (f, t) => {
      talk(f, t, next);
      if (t >= 3000 && t < 3200) addAus(f, { AU04: 3, AU07: 2 });
    });
    const done = completed(run(engine(), frames));
    expect(done.map((e) => e.kind)).toEqual(['anger']);
    // Talking lowers confidence.
    expect(done[0]!.confidence).toBeLessThan(0.9);
  });
});

/** A blink: lids close over ~130 ms; the estimator's eye-region AUs jump (AU45/43, and spurious 6/7). */
function blink(f: FlashFrame, t: number, at: number): void {
  const d = t - at;
  if (d < 0 || d >= 170) return;
  const closing = d < 34 || d >= 135;
  setEye(f, 'aperture_L', closing ? OPEN_APERTURE * 0.5 : 0.03);
  setEye(f, 'aperture_R', closing ? OPEN_APERTURE * 0.5 : 0.03);
  if (!closing) setEye(f, 'blink', 1);
  addAus(f, { AU45: closing ? 1.5 : 4, AU43: closing ? 0.5 : 3, AU07: closing ? 1.5 : 3, AU06: closing ? 1 : 2.5 });
}

describe('blinks', () => {
  it('never count as AU6/AU7: a smile without the eyes stays no event through blinks', () => {
    // A weak social smile (12 without 6): not happiness. A blink's spurious AU6 must not make it one.
    const frames = build(times(30, 6000), (f, t) => {
      addAus(f, { AU12: 1.6 });
      for (const at of [1000, 2500, 4000]) blink(f, t, at);
    });
    expect(run(engine(), frames)).toEqual([]);
  });

  it('lids narrowed by a smile are not a blink: a Duchenne smile keeps its AU6 and is happiness', () => {
    // The cheeks push the lower lids up: the eye opening halves, but the upper lid stays (AU45 0).
    // A moderate smile (12 below the level at which 12 alone is happiness) needs its AU6.
    const frames = build(times(30, 3000), (f, t) => {
      if (t < 1500 || t >= 1800) return;
      setEye(f, 'aperture_L', OPEN_APERTURE * 0.45);
      setEye(f, 'aperture_R', OPEN_APERTURE * 0.45);
      addAus(f, { AU12: 1.3, AU06: 2.5, AU07: 1.5 });
    });
    expect(completed(run(engine(), frames)).map((e) => e.kind)).toEqual(['happiness']);
  });

  it('lids squeezed in disgust are not a blink: the upper lid partly down keeps its AU7 and the flash is disgust', () => {
    // A nose wrinkle under lowered brows with the lower lids pushed far up; the brows press the
    // upper lids down too, so the closure reads weakly present (and the estimator flags it).
    const squeeze = (f: FlashFrame, t: number, closure: number) => {
      if (t < 1500 || t >= 1700) return;
      setEye(f, 'blink', 1);
      addAus(f, { AU04: 3, AU07: 4.5, AU09: 3, AU06: 2, AU45: closure });
    };
    const kinds = (closure: number) =>
      completed(
        run(
          engine(),
          build(times(30, 3000), (f, t) => squeeze(f, t, closure)),
        ),
      ).map((e) => e.kind);
    expect(kinds(1.5)).toEqual(['disgust']);
    // The same lower lid under a lid that came most of the way down is a blink: AU7 is held, and
    // the brows alone are anger.
    expect(kinds(4)).toEqual(['anger']);
  });

  it('a blink on its own gives no event, nor does it during a frown below threshold', () => {
    const frames = build(times(60, 5000), (f, t) => {
      addAus(f, { AU04: 0.9 });
      for (const at of [1000, 3000]) blink(f, t, at);
    });
    expect(run(engine(), frames)).toEqual([]);
  });

  it('eyes kept closed for long (not a blink) let AU43 through', () => {
    const e = engine();
    const frames = build(times(30, 3000), (f, t) => {
      if (t >= 1000) {
        setEye(f, 'blink', 1);
        addAus(f, { AU43: 3, AU45: 3 });
      }
    });
    // No rule fires on closed eyes alone; this checks the gate opens (no throw, no event).
    expect(run(e, frames)).toEqual([]);
  });
});

describe('head turns', () => {
  /** A fast yaw turn (0 -> 0.45 rad in 150 ms, about 3 rad/s) and back, with the AU artefacts it causes. */
  const turn = (withPose: boolean) =>
    build(times(30, 4000), (f, t) => {
      const yaw = t < 1000 ? 0 : t < 1150 ? ((t - 1000) / 150) * 0.45 : t < 2500 ? 0.45 : t < 2650 ? ((2650 - t) / 150) * 0.45 : 0;
      if (withPose) f.pose[1] = yaw;
      // Geometry bends from the first moved frame on: brows and nose read as moving.
      if ((t > 1000 && t < 1250) || (t > 2500 && t < 2750)) addAus(f, { AU04: 2.5, AU09: 1.8, AU01: 0.4 });
    });

  it('a fast head turn gives no event', () => {
    expect(run(engine(), turn(true))).toEqual([]);
  });

  it('the same AU movement without the turn would have been events', () => {
    expect(completed(run(engine(), turn(false))).length).toBeGreaterThan(0);
  });

  it('a large yaw blocks onsets even when still', () => {
    const frames = build(times(30, 3000), (f, t) => {
      f.pose[1] = 0.8;
      if (t >= 1000 && t < 1200) addAus(f, { AU04: 3 });
    });
    expect(run(engine(), frames)).toEqual([]);
  });
});

describe('pose steps that come with the expression', () => {
  // MediaPipe's pose is fitted to every landmark, so an expression's onset shifts it by a few
  // degrees in one frame while the head stays still.
  const stepFlash = (fps: number, n: number, pitchStep: number) => {
    const frame = 1000 / fps;
    return build(times(fps, 3000), (f, t) => {
      const on = t >= 1000 - 1e-6 && t < 1000 + n * frame - 1e-6;
      if (on) {
        f.pose[0] = pitchStep;
        addAus(f, { AU04: 3 });
      }
    });
  };

  it('a two-frame flash at 60 fps with a 2 degree pose step is caught, shown one frame later', () => {
    const e = engine();
    const frames = stepFlash(60, 2, (2 * Math.PI) / 180);
    const perFrame = frames.map((f) => ({ t: f.timestampMs, events: e.step(f) }));
    const onsets = perFrame.filter((p) => p.events.some((ev) => ev.status === 'onset'));
    expect(onsets).toHaveLength(1);
    expect(onsets[0]!.t).toBeCloseTo(1000 + 1000 / 60, 3);
    const done = perFrame.flatMap((p) => p.events).filter((ev) => ev.status === 'complete');
    expect(done.map((ev) => ev.kind)).toEqual(['anger']);
    expect(Math.abs(done[0]!.onsetMs - 1000)).toBeLessThanOrEqual(1000 / 60);
  });

  it('an 8 degree pitch step held still (a surprise-sized shift) does not block the flash', () => {
    expect(completed(run(engine(), stepFlash(30, 3, (8 * Math.PI) / 180))).map((ev) => ev.kind)).toEqual(['anger']);
  });

  it('a fast turn at 60 fps with AU artefacts from its first frame gives no event', () => {
    const frames = build(times(60, 3000), (f, t) => {
      const yaw = t < 1000 ? 0 : t < 1150 ? ((t - 1000) / 150) * 0.45 : 0.45;
      f.pose[1] = yaw;
      if (t > 1000 && t < 1250) addAus(f, { AU04: 2.5, AU09: 1.8, AU01: 0.4 });
    });
    expect(run(engine(), frames)).toEqual([]);
  });
});
