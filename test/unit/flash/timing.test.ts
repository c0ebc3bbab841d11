/** Event timing: steps, ramps, two-frame flashes, noise, uneven frame intervals, gaps, order. */
import { describe, expect, it } from 'vitest';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import { FLASH_ENGINE_DEFAULTS } from '../../../src/shared/flash/defaults.ts';
import { FlashEngineError } from '../../../src/shared/contract/index.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import { addAus, addNoise, build, completed, gaussian, lostFrame, neutralFrame, run, times } from './frames.ts';

const engine = () => createFlashEngine(defaultRules());
/** Brows down and together: anger on its own. */
const BROWS_DOWN = { AU04: 3 };

describe('step', () => {
  it('gives one event with onset within a frame of the step, shown on the step frame', () => {
    const e = engine();
    const frames = build(times(30, 2000), (f, t) => {
      if (t >= 1000 - 1e-6 && t < 1300) addAus(f, BROWS_DOWN);
    });
    const perFrame = frames.map((f) => ({ t: f.timestampMs, events: e.step(f) }));
    const onsets = perFrame.filter((p) => p.events.some((ev) => ev.status === 'onset'));
    expect(onsets).toHaveLength(1);
    expect(onsets[0]!.t).toBeCloseTo(1000, 3);
    const ends = perFrame.filter((p) => p.events.some((ev) => ev.status === 'complete'));
    expect(ends).toHaveLength(1);
    const done = ends[0]!.events[0]!;
    expect(done.kind).toBe('anger');
    expect(Math.abs(done.onsetMs - 1000)).toBeLessThanOrEqual(1000 / 30);
    expect(Math.abs(done.offsetMs - 1300)).toBeLessThanOrEqual(1000 / 30);
    // Shown on the first frame after the offset, within 100 ms of it.
    expect(ends[0]!.t).toBeGreaterThanOrEqual(done.offsetMs);
    expect(ends[0]!.t - done.offsetMs).toBeLessThanOrEqual(100);
    expect(done.id).toBe(onsets[0]!.events[0]!.id);
    expect(done.micro).toBe(true);
    expect(done.macro).toBe(false);
    expect(done.endedBy).toBe('offset');
    expect(done.durationMs).toBeCloseTo(done.offsetMs - done.onsetMs, 6);
    expect(done.onsetPhaseMs).toBeCloseTo(done.apexMs - done.onsetMs, 6);
    expect(done.peak).toBeCloseTo(3, 5);
    expect(done.aus[0]).toEqual({ au: 'AU04', peak: 3 });
  });
});

describe('ramp', () => {
  it('puts onset and offset at the interpolated crossings of the off level', () => {
    // AU04 0 -> 3 over 1000..1300 ms, held to 1600, back to 0 at 1900. Anger's off level is
    // 0.5 x 1.2 = 0.6 FACS: crossed at 1060 ms going up and 1840 ms going down.
    const ramp = (t: number) => (t < 1000 ? 0 : t < 1300 ? ((t - 1000) / 300) * 3 : t < 1600 ? 3 : t < 1900 ? ((1900 - t) / 300) * 3 : 0);
    const events = run(
      engine(),
      build(times(30, 2500), (f, t) => addAus(f, { AU04: ramp(t) })),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    expect(done[0]!.onsetMs).toBeCloseTo(1060, 1);
    expect(done[0]!.offsetMs).toBeCloseTo(1840, 1);
    expect(done[0]!.apexMs).toBeGreaterThanOrEqual(1300 - 1);
    expect(done[0]!.apexMs).toBeLessThanOrEqual(1600 + 1);
    expect(done[0]!.macro).toBe(true);
    expect(done[0]!.micro).toBe(false);
    expect(done[0]!.fastOnset).toBe(false);
  });
});

describe('two-frame flash', () => {
  for (const fps of [30, 60]) {
    it(`is caught at ${fps} fps with onset error <= 1 frame, micro and fast`, () => {
      const frameMs = 1000 / fps;
      const first = Math.round(1000 / frameMs);
      const frames = build(times(fps, 2000), (f, _t, i) => {
        if (i === first || i === first + 1) addAus(f, BROWS_DOWN);
      });
      const events = run(engine(), frames);
      const onset = events.filter((e) => e.status === 'onset');
      const done = completed(events);
      expect(onset).toHaveLength(1);
      expect(done).toHaveLength(1);
      const trueOnset = first * frameMs;
      expect(Math.abs(done[0]!.onsetMs - trueOnset)).toBeLessThanOrEqual(frameMs);
      expect(done[0]!.kind).toBe('anger');
      expect(done[0]!.micro).toBe(true);
      expect(done[0]!.fastOnset).toBe(true);
      expect(done[0]!.durationMs).toBeGreaterThan(0);
      // Measured at the off level between samples: under three frame intervals.
      expect(done[0]!.durationMs).toBeLessThan(3 * frameMs);
      // The apex lies between the two flash frames.
      expect(done[0]!.apexMs).toBeGreaterThanOrEqual(trueOnset - 1e-6);
      expect(done[0]!.apexMs).toBeLessThanOrEqual(trueOnset + frameMs + 1e-6);
    });
  }
});

describe('noise alone', () => {
  it('gives no events over a minute of per-channel Gaussian noise (sigma 0.15 FACS)', () => {
    const next = gaussian(42);
    const events = run(
      engine(),
      build(times(30, 60_000), (f) => addNoise(f, 0.15, next)),
    );
    expect(events).toEqual([]);
  });

  it('still catches a two-frame flash in that noise', () => {
    const next = gaussian(7);
    const frames = build(times(30, 20_000), (f, _t, i) => {
      addNoise(f, 0.15, next);
      if (i === 300 || i === 301) addAus(f, BROWS_DOWN);
    });
    const done = completed(run(engine(), frames));
    expect(done).toHaveLength(1);
    expect(Math.abs(done[0]!.onsetMs - 10_000)).toBeLessThanOrEqual(1000 / 30);
  });
});

describe('uneven frame intervals', () => {
  it('interpolates across a dropped frame', () => {
    // 30 fps with the frame just before the step missing: a 66.7 ms interval.
    const ts = times(30, 2000).filter((_t, i) => i !== 29);
    const events = run(
      engine(),
      build(ts, (f, t) => t >= 1000 - 1e-6 && t < 1200 && addAus(f, BROWS_DOWN)),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(ts[28]!);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(1000);
  });

  it('works on jittered timestamps (variable frame rate, 20-45 ms apart)', () => {
    const next = gaussian(3);
    const ts: number[] = [];
    for (let t = 0; t < 3000; t += 20 + ((25 * Math.abs(next())) % 25)) ts.push(t);
    const events = run(
      engine(),
      build(ts, (f, t) => t >= 1500 && t < 1570 && addAus(f, BROWS_DOWN)),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    const firstIn = ts.find((t) => t >= 1500)!;
    const before = ts[ts.indexOf(firstIn) - 1]!;
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(before);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(firstIn);
  });
});

describe('timestamp order', () => {
  it('rejects a timestamp going backwards with a clear error', () => {
    const e = engine();
    e.step(neutralFrame(1000));
    let error: unknown;
    try {
      e.step(neutralFrame(990));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FlashEngineError);
    expect((error as FlashEngineError).code).toBe('timestamp-order');
    expect((error as Error).message).toMatch(/strictly increase: got 990 ms after 1000 ms/);
  });

  it('rejects a repeated timestamp', () => {
    const e = engine();
    e.step(neutralFrame(1000));
    expect(() => e.step(neutralFrame(1000))).toThrow(FlashEngineError);
  });

  it('accepts earlier timestamps again after reset()', () => {
    const e = engine();
    e.step(neutralFrame(1000));
    e.reset();
    expect(e.step(neutralFrame(0))).toEqual([]);
  });
});

describe('tracking loss', () => {
  it('ends an event at the last good frame, emits nothing new until the face has settled', () => {
    const e = engine();
    const ts = times(30, 3000);
    const frames = ts.map((t) => {
      if (t >= 1200 && t < 1400) return lostFrame(t);
      const f = neutralFrame(t);
      // Anger from 1000 to 1600 (still on when the face comes back), another one at 2200.
      if ((t >= 1000 && t < 1600) || (t >= 2200 && t < 2400)) addAus(f, BROWS_DOWN);
      return f;
    });
    const perFrame = frames.map((f) => ({ t: f.timestampMs, events: e.step(f) }));
    const all = perFrame.flatMap((p) => p.events);
    const lastGood = ts.filter((t) => t < 1200).pop()!;
    const lostAt = perFrame.find((p) => p.events.some((ev) => ev.endedBy === 'face-lost'))!;
    expect(lostAt.t).toBeGreaterThanOrEqual(1200);
    const first = lostAt.events[0]!;
    expect(first.offsetMs).toBeCloseTo(lastGood, 6);
    expect(first.status).toBe('complete');
    // No onset while the face is back mid-expression (1400-1600): the next one is at 2200.
    const onsets = all.filter((ev) => ev.status === 'onset');
    expect(onsets.map((ev) => Math.round(ev.onsetMs / 100) * 100)).toEqual([1000, 2200]);
  });

  it('treats a long interval between face frames as a gap', () => {
    const ts = [...times(30, 1100), ...times(30, 2000, 1500)];
    const events = run(
      engine(),
      build(ts, (f, t) => t >= 1000 && t < 1700 && addAus(f, BROWS_DOWN)),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    expect(done[0]!.endedBy).toBe('face-lost');
    expect(done[0]!.offsetMs).toBeLessThan(1100);
  });

  it('treats NaN AUs as no face', () => {
    const e = engine();
    const frames = build(times(30, 1500), (f, t) => t >= 1000 && addAus(f, BROWS_DOWN));
    frames[frames.length - 1]!.aus[0] = NaN;
    const events = run(e, frames, false);
    expect(completed(events).map((ev) => ev.endedBy)).toEqual(['face-lost']);
  });
});

describe('flush', () => {
  it('completes an open event at the end of a file', () => {
    const e = engine();
    const frames = build(times(30, 1500), (f, t) => t >= 1000 && addAus(f, BROWS_DOWN));
    const events = run(e, frames, false);
    expect(completed(events)).toEqual([]);
    const flushed = e.flush(frames[frames.length - 1]!.timestampMs);
    expect(flushed).toHaveLength(1);
    expect(flushed[0]!.endedBy).toBe('flush');
    expect(flushed[0]!.offsetMs).toBeCloseTo(frames[frames.length - 1]!.timestampMs, 6);
  });
});

describe('longest duration', () => {
  it('ends an event at its rule maxMs and waits for a fresh rise', () => {
    const frames = build(times(30, 20_000), (f, t) => t >= 1000 && addAus(f, BROWS_DOWN));
    const done = completed(run(engine(), frames, false));
    expect(done).toHaveLength(1);
    expect(done[0]!.endedBy).toBe('max-duration');
    expect(done[0]!.durationMs).toBeCloseTo(15_000, 6);
  });
});

describe('defaults', () => {
  it('flags micro at <= 500 ms and fast onset under 1/15 s', () => {
    expect(FLASH_ENGINE_DEFAULTS.microMaxMs).toBe(500);
    expect(FLASH_ENGINE_DEFAULTS.fastOnsetMaxMs).toBeCloseTo(66.67, 2);
  });

  it('merges partial options', () => {
    const e = createFlashEngine(defaultRules(), { microMaxMs: 300 });
    expect(e.options.microMaxMs).toBe(300);
    expect(e.options.maxFrameGapMs).toBe(FLASH_ENGINE_DEFAULTS.maxFrameGapMs);
  });
});

describe('rise from the first frame', () => {
  it('an expression rising from the first face frame on has a finite onset (no trough seen yet)', () => {
    // First frame below off, then rising on every frame: the first frame is the trough.
    const frames = build(times(30, 1000), (f, t) => addAus(f, { AU04: Math.min(3, t / 15) }));
    const done = completed(run(engine(), frames));
    expect(done).toHaveLength(1);
    expect(Number.isFinite(done[0]!.onsetMs)).toBe(true);
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(0);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(1000 / 30);
  });
});

describe('onset after a wobble', () => {
  // Anger's AU04 min is 1.2: off at 0.6 FACS, on at 1.2, halfway at 0.9.
  const FRAME_MS = 1000 / 30;

  it('an expression that jumps to just under on and wobbles there before crossing is dated at the jump', () => {
    const wobble = [1.14, 1.12, 1.1, 1.08, 1.13];
    const au4 = (t: number) => {
      if (t < 1000 - 1e-6) return 0;
      const k = Math.round((t - 1000) / FRAME_MS);
      return k < wobble.length ? wobble[k]! : t < 1600 ? 2 : 0;
    };
    const done = completed(
      run(
        engine(),
        build(times(30, 2000), (f, t) => addAus(f, { AU04: au4(t) })),
      ),
    );
    expect(done).toHaveLength(1);
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(1000 - FRAME_MS);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(1000);
  });

  it('a low wobble before a flash (below halfway to on) does not stretch its onset back', () => {
    const low = [0.7, 0.8, 0.7, 0.8, 0.7, 0.8, 0.7, 0.8, 0.7];
    const au4 = (t: number) => {
      if (t < 1000 - 1e-6) return 0;
      const k = Math.round((t - 1000) / FRAME_MS);
      return k < low.length ? low[k]! : t < 1600 ? 3 : 0;
    };
    const flashAt = 1000 + low.length * FRAME_MS;
    const done = completed(
      run(
        engine(),
        build(times(30, 2000), (f, t) => addAus(f, { AU04: au4(t) })),
      ),
    );
    expect(done).toHaveLength(1);
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(flashAt - FRAME_MS - 1e-6);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(flashAt);
  });
});

describe('onset held back by an exclusion', () => {
  // Happiness excludes brows pulled down past AU04 2.5. A laugh whose brows read just over it on
  // its first frames began there; a frown held with the smile for longer was another expression.
  const LAUGH = { AU06: 3, AU12: 3 };
  const happiness = (events: ReturnType<typeof run>) => completed(events).filter((e) => e.kind === 'happiness');

  it('a flash whose first two frames are excluded is dated at its first frame (60 fps)', () => {
    const frameMs = 1000 / 60;
    const first = 60;
    const frames = build(times(60, 2000), (f, _t, i) => {
      if (i < first || i > first + 2) return;
      addAus(f, { ...LAUGH, AU04: i < first + 2 ? 2.6 : 2.4 });
    });
    const done = happiness(run(engine(), frames));
    expect(done).toHaveLength(1);
    const trueOnset = first * frameMs;
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(trueOnset - frameMs);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(trueOnset);
  });

  it('a smile held under a frown for longer starts where the frown lifted', () => {
    const frameMs = 1000 / 30;
    const frames = build(times(30, 3000), (f, t) => {
      if (t < 1000 - 1e-6 || t >= 2000) return;
      addAus(f, { ...LAUGH, AU04: t < 1400 - 1e-6 ? 3 : 0 });
    });
    const done = happiness(run(engine(), frames));
    expect(done).toHaveLength(1);
    expect(done[0]!.onsetMs).toBeGreaterThanOrEqual(1400 - frameMs);
    expect(done[0]!.onsetMs).toBeLessThanOrEqual(1400);
  });
});
