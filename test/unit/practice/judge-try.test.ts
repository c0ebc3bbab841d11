/** Judging drill tries from recorded AU sequences, and choosing the next target. */
import { describe, expect, it } from 'vitest';
import { AU_CHANNEL_INDEX, AU_CHANNELS, type FlashEvent } from '../../../src/shared/contract/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf } from '../../../src/shared/flash/index.ts';
import { chooseTarget, describeTarget, maxMsFor, type PastTry } from '../../../src/shared/practice/choose-target.ts';
import { PRACTICE_DEFAULTS } from '../../../src/shared/practice/defaults.ts';
import { judgeTry, type TraceFrame } from '../../../src/shared/practice/judge-try.ts';
import { LESSONS, lessonOf } from '../../../src/shared/practice/lessons.ts';
import { progressByDay } from '../../../src/shared/practice/progress.ts';

const rules = defaultRules();

/** A 30 fps AU trace of `ms`, the AUs of `flash` held over [at, at + forMs). */
function trace(ms: number, flash: Record<string, number>, at: number, forMs: number): TraceFrame[] {
  const out: TraceFrame[] = [];
  for (let t = 0; t < ms; t += 1000 / 30) {
    const aus = new Float32Array(AU_CHANNELS.length);
    if (t >= at && t < at + forMs)
      for (const [au, v] of Object.entries(flash)) aus[AU_CHANNEL_INDEX[au as keyof typeof AU_CHANNEL_INDEX]] = v;
    out.push({ timestampMs: t, aus });
  }
  return out;
}

/** The real engine's completed events on a trace (eyes open, head still). */
function detect(frames: readonly TraceFrame[]): FlashEvent[] {
  const engine = createFlashEngine(rules);
  const events: FlashEvent[] = [];
  for (const f of frames) {
    const out = {
      aus: Float32Array.from(f.aus),
      eyes: Float32Array.from([0, 0, 0.3, 0, 0, 0.3, 0, 0]),
      pose: new Float32Array(3),
      mouthOpen: 0,
    };
    events.push(...engine.step(flashFrameOf(f.timestampMs, true, out)));
  }
  events.push(...engine.flush(frames.at(-1)!.timestampMs));
  return events.filter((e) => e.status === 'complete');
}

const window = { goMs: 1000, endMs: 1000 + PRACTICE_DEFAULTS.windowMs };

describe('judging a try', () => {
  it('a brief disgust when disgust was asked: caught, right, brief, its needs present', () => {
    const frames = trace(4000, { AU04: 3, AU07: 3.5, AU09: 3 }, 1500, 150);
    const v = judgeTry({ kind: 'disgust', maxMs: 200 }, window, detect(frames), frames, rules);
    expect(v).toMatchObject({ caught: true, read: 'disgust', right: true, brief: true });
    expect(v.onsetAfterGoMs!).toBeGreaterThan(450);
    expect(v.onsetAfterGoMs!).toBeLessThan(550);
    expect(v.durationMs!).toBeLessThan(200);
    expect(v.present).toEqual(['AU04', 'AU07', 'AU09']);
    expect(v.missing).toEqual([]);
  });

  it('disgust asked, anger shown: read as anger, with the nose and lid narrowing missing', () => {
    const frames = trace(4000, { AU04: 3, AU24: 2.5 }, 1500, 300);
    const v = judgeTry({ kind: 'disgust', maxMs: 500 }, window, detect(frames), frames, rules);
    expect(v).toMatchObject({ caught: true, read: 'anger', right: false, brief: false });
    expect(v.present).toEqual(['AU04']);
    expect(v.missing).toEqual([['AU07'], ['AU09', 'AU10']]);
  });

  it('a flash longer than asked is right but not brief', () => {
    const frames = trace(4000, { AU04: 3 }, 1500, 700);
    const v = judgeTry({ kind: 'anger', maxMs: 500 }, window, detect(frames), frames, rules);
    expect(v).toMatchObject({ right: true, brief: false });
    expect(v.durationMs!).toBeGreaterThan(500);
  });

  it('surprise asked, fear shown: the tension AUs argue for fear', () => {
    const frames = trace(4000, { AU01: 3, AU02: 3, AU04: 2, AU20: 2 }, 1500, 200);
    const v = judgeTry({ kind: 'surprise', maxMs: 500 }, window, detect(frames), frames, rules);
    expect(v.read).toBe('fear');
    expect(v.missing).toEqual([['AU26', 'AU27']]);
    expect(v.against.map((a) => a.au)).toEqual(expect.arrayContaining(['AU04', 'AU20']));
  });

  it('nothing shown: not caught, every need missing; a flash before "now" does not count', () => {
    const quiet = trace(4000, {}, 0, 0);
    const v = judgeTry({ kind: 'anger', maxMs: 500 }, window, detect(quiet), quiet, rules);
    expect(v).toMatchObject({ caught: false, read: null, right: false, durationMs: null, onsetAfterGoMs: null });
    expect(v.missing).toEqual([['AU04']]);
    const early = trace(4000, { AU04: 3 }, 400, 200);
    expect(judgeTry({ kind: 'anger', maxMs: 500 }, window, detect(early), early, rules).caught).toBe(false);
  });
});

describe('choosing the next target', () => {
  const brows = lessonOf('disgust');
  const tries = (kind: 'anger' | 'disgust' | 'pain', right: boolean, n: number, maxMs = 500): PastTry[] =>
    Array.from({ length: n }, () => ({ target: { kind, maxMs }, right, brief: right }));

  it('starts with the lesson order, then goes to the kind got wrong most', () => {
    expect(chooseTarget(brows, []).kind).toBe('anger');
    const history = [...tries('anger', true, 3), ...tries('disgust', false, 3), ...tries('pain', true, 1)];
    expect(chooseTarget(brows, history).kind).toBe('disgust');
  });

  it('ties go to the kind tried least, then away from the last one', () => {
    expect(chooseTarget(brows, tries('anger', true, 1)).kind).toBe('disgust');
    const allWrongOnce = [...tries('pain', false, 1), ...tries('disgust', false, 1), ...tries('anger', false, 1)];
    expect(chooseTarget(brows, allWrongOnce).kind).toBe('disgust');
  });

  it('asks for briefer flashes once a kind is mastered at the current length', () => {
    expect(maxMsFor('anger', tries('anger', true, 2))).toBe(500);
    expect(maxMsFor('anger', tries('anger', true, 3))).toBe(200);
    expect(maxMsFor('anger', [...tries('anger', true, 2), ...tries('anger', false, 1), ...tries('anger', true, 2)])).toBe(500);
    expect(maxMsFor('dissociation', [])).toBe(PRACTICE_DEFAULTS.dissociationMaxMs);
    expect(describeTarget({ kind: 'disgust', maxMs: 200 }, 'Disgust')).toBe('Make a flash of disgust, under 1/5 s.');
    expect(describeTarget({ kind: 'anger', maxMs: 500 }, 'Anger')).toBe('Make a flash of anger, under 1/2 s.');
    expect(describeTarget({ kind: 'dissociation', maxMs: 10_000 }, 'Dissociation')).toMatch(/^Let your eyes defocus/);
  });

  it('the three lessons teach all nine kinds once', () => {
    expect(LESSONS.flatMap((l) => l.kinds).sort()).toEqual(
      ['anger', 'disgust', 'dissociation', 'fear', 'happiness', 'one_sided_smile', 'pain', 'sadness', 'surprise'].sort(),
    );
  });
});

describe('progress', () => {
  it('one row per day and kind: tries, caught, right, median duration of the right ones', () => {
    const day = (d: number, h: number) => Date.UTC(2026, 11, d, h);
    const rows = progressByDay(
      [
        { at: day(1, 9), kind: 'anger', caught: true, right: true, durationMs: 200 },
        { at: day(1, 10), kind: 'anger', caught: true, right: false, durationMs: 900 },
        { at: day(1, 11), kind: 'anger', caught: true, right: true, durationMs: 400 },
        { at: day(2, 9), kind: 'anger', caught: false, right: false, durationMs: null },
        { at: day(1, 9), kind: 'disgust', caught: false, right: false, durationMs: null },
      ],
      (at) => new Date(at).toISOString().slice(0, 10),
    );
    expect(rows).toEqual([
      { day: '2026-12-01', kind: 'anger', tries: 3, caught: 3, right: 2, medianDurationMs: 300 },
      { day: '2026-12-01', kind: 'disgust', tries: 1, caught: 0, right: 0, medianDurationMs: null },
      { day: '2026-12-02', kind: 'anger', tries: 1, caught: 0, right: 0, medianDurationMs: null },
    ]);
  });
});
