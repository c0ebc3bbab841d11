/** Each kind's prototype gives that kind, and the seed's confusable pairs stay apart. */
import { describe, expect, it } from 'vitest';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import { addAus, build, completed, PROTOTYPES, run, times, type AuValues } from './frames.ts';

const engine = () => createFlashEngine(defaultRules());

/** A 200 ms flash of `aus` at 1 s in 2 s of neutral face, 30 fps. */
function flash(aus: AuValues, fps = 30) {
  return run(
    engine(),
    build(times(fps, 2000), (f, t) => t >= 1000 - 1e-6 && t < 1200 && addAus(f, aus)),
  );
}

describe('prototypes', () => {
  for (const [kind, aus] of Object.entries(PROTOTYPES)) {
    it(`${kind} gives exactly one ${kind} event (onset and complete)`, () => {
      const events = flash(aus);
      expect(events.map((e) => `${e.status}:${e.kind}`)).toEqual([`onset:${kind}`, `complete:${kind}`]);
      const done = events[1]!;
      expect(done.peak).toBeGreaterThan(1);
      expect(done.confidence).toBeGreaterThan(0.5);
      expect(done.aus.length).toBeGreaterThan(0);
    });
  }
});

describe('brows down: anger vs disgust vs pain', () => {
  it('anger is brows alone; adding the nose or upper lip with the eyes narrowed from below makes it disgust', () => {
    expect(completed(flash({ AU04: 2.5 }))[0]!.kind).toBe('anger');
    expect(completed(flash({ AU04: 2.5, AU07: 3, AU09: 2 }))[0]!.kind).toBe('disgust');
    expect(completed(flash({ AU04: 2.5, AU07: 3, AU10: 2 }))[0]!.kind).toBe('disgust');
    // Bared teeth under glaring eyes (no lid narrowing) stay anger.
    expect(completed(flash({ AU04: 2.5, AU09: 2, AU10: 2, AU05: 1.5 }))[0]!.kind).toBe('anger');
  });

  it('a pattern never met does not name the event: the nose up with the lids narrowed short of disgust stays anger', () => {
    // AU7 at 70% of disgust's min holds that rule between its off and on for the whole flash, so it
    // gathers more evidence than anger's brows alone; it still never was disgust.
    const min = defaultRules().rules.find((r) => r.kind === 'disgust' && r.signal === 'aus')!;
    const au7 = 'allOf' in min ? min.allOf!.find((t) => t.au === 'AU07')!.min : NaN;
    expect(completed(flash({ AU04: 2.5, AU07: 0.7 * au7, AU09: 3, AU10: 3 }))[0]!.kind).toBe('anger');
    expect(completed(flash({ AU04: 2.5, AU07: 1.05 * au7, AU09: 3, AU10: 3 }))[0]!.kind).toBe('disgust');
  });

  it('brows down with the lips pressed is anger, also when the inner brows lift a little', () => {
    expect(completed(flash({ AU04: 2.5, AU24: 2.5 }))[0]!.kind).toBe('anger');
  });

  it('disgust with the mouth stretched wide and the eyes squeezed is pain', () => {
    expect(completed(flash({ AU04: 2.5, AU07: 4, AU09: 2, AU20: 2 }))[0]!.kind).toBe('pain');
    expect(completed(flash({ AU04: 2.5, AU09: 2, AU27: 2, AU06: 4 }))[0]!.kind).toBe('pain');
    // Without the squeeze the wide mouth is not enough: the nose and brows say disgust or anger.
    expect(completed(flash({ AU04: 2.5, AU09: 2, AU27: 2 }))[0]!.kind).not.toBe('pain');
  });

  it('a lip corner pulled back into the cheek, or a broad smile, is not a brows-down kind', () => {
    // A one-sided pull (AU14 on the right) bulges the cheek and nose wing on that side, which reads
    // as brows down and nose wrinkle; a broad smile lifts the upper lip and widens the mouth.
    const contempt = completed(flash({ AU14_R: 3, AU12_R: 1.4, AU04: 1.7, AU09: 1.1, AU06: 1.4 }));
    expect(contempt.map((e) => e.kind)).toEqual(['one_sided_smile']);
    const broad = completed(flash({ AU12: 4.5, AU06: 4, AU14: 4, AU04: 1.5, AU09: 4, AU10: 3, AU20: 2 }));
    expect(broad.map((e) => e.kind)).toEqual(['happiness']);
    // Without the corner pulled back, the same brows and nose are a brows-down kind.
    expect(completed(flash({ AU04: 1.7, AU09: 1.1, AU06: 1.4 })).map((e) => e.kind)).toEqual(['anger']);
  });

  it('reports the AUs that carried each one', () => {
    const aus = (x: AuValues) => completed(flash(x))[0]!.aus.map((a) => a.au);
    expect(aus(PROTOTYPES.disgust!)).toEqual(expect.arrayContaining(['AU04', 'AU09', 'AU10']));
    expect(aus(PROTOTYPES.pain!)).toEqual(expect.arrayContaining(['AU04', 'AU09', 'AU20']));
  });

  it('a disgust whose nose comes a frame after the brows is still one disgust event', () => {
    const events = run(
      engine(),
      build(times(30, 2000), (f, t) => {
        if (t >= 1000 - 1e-6 && t < 1300) addAus(f, { AU04: 2.5, AU07: 3 });
        if (t >= 1030 && t < 1300) addAus(f, { AU09: 2.5 });
      }),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    expect(done[0]!.kind).toBe('disgust');
    // The onset was shown as it happened (brows first), under the same id.
    expect(events[0]!.status).toBe('onset');
    expect(events[0]!.id).toBe(done[0]!.id);
  });
});

describe('brows up: fear vs surprise vs sadness', () => {
  it('brows up and together is fear; brows up without 4 and the jaw dropped is surprise', () => {
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU04: 2, AU20: 1.5 }))[0]!.kind).toBe('fear');
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU26: 2.5 }))[0]!.kind).toBe('surprise');
  });

  it('only the middle of the brows up (1+4 without 2) is sadness', () => {
    expect(completed(flash({ AU01: 2.5, AU04: 1.5, AU15: 1.5 }))[0]!.kind).toBe('sadness');
    // The inner brow up without the outer, with the corners down and no frown, is sadness too.
    expect(completed(flash({ AU01: 2.5, AU15: 2 }))[0]!.kind).toBe('sadness');
  });

  it('a frown with the lip corners pulled down, without nose or upper lip, is sadness; with them it is disgust', () => {
    expect(completed(flash({ AU04: 2, AU15: 2.5 }))[0]!.kind).toBe('sadness');
    expect(completed(flash({ AU04: 2, AU15: 2.5, AU07: 3, AU09: 2.5 }))[0]!.kind).toBe('disgust');
  });

  it('brows up with the lips parted and the eyes slightly widened but no jaw drop is surprise; with the mouth stretched it is fear', () => {
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU05: 1.0, AU25: 3 }))[0]!.kind).toBe('surprise');
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU05: 1.0, AU25: 3, AU20: 2 }))[0]!.kind).toBe('fear');
  });

  it('brows up with the lips parted and a wide-eyed stare (5 at 1.4 or more) is fear without a jaw drop, surprise with one', () => {
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU05: 2.0, AU25: 3 }))[0]!.kind).toBe('fear');
    expect(completed(flash({ AU01: 2.5, AU02: 2.5, AU05: 2.0, AU25: 3, AU26: 3 }))[0]!.kind).toBe('surprise');
  });

  it('raised brows without the mouth dropping open are not surprise (conversational brow flash)', () => {
    expect(flash({ AU01: 2.5, AU02: 2.5 })).toEqual([]);
  });
});

describe('one expression at a time', () => {
  it('a smile whose cheeks read as lowered brows is happiness only, not also anger', () => {
    expect(completed(flash({ AU12: 3.5, AU06: 3, AU04: 1.3 })).map((e) => e.kind)).toEqual(['happiness']);
  });

  it('a frown whose pressed lips push the corners up is anger only, not also happiness', () => {
    expect(completed(flash({ AU04: 3.5, AU24: 3, AU12: 1.6, AU06: 1 })).map((e) => e.kind)).toEqual(['anger']);
  });
});

describe('smiles: happiness vs one-sided smile', () => {
  it('a smile on one side only is a one-sided smile on that side', () => {
    const left = completed(flash({ AU12_L: 2.5 }))[0]!;
    expect(left.kind).toBe('one_sided_smile');
    expect(left.side).toBe('left');
    expect(left.aus[0]!.au).toBe('AU12_L');
    const right = completed(flash({ AU12_R: 2, AU14_R: 2 }))[0]!;
    expect(right.kind).toBe('one_sided_smile');
    expect(right.side).toBe('right');
  });

  it('a symmetric smile with the eyes is happiness, with both sides and about zero lag', () => {
    const done = completed(flash({ AU12: 2.5, AU06: 2 }))[0]!;
    expect(done.kind).toBe('happiness');
    expect(done.side).toBe('both');
    expect(Math.abs(done.sideLagMs!)).toBeLessThan(1);
  });

  it('a smile whose one side rises first and falls first is a one-sided smile with its lag', () => {
    // Both sides reach the same intensity, but the right side starts 100 ms later and ends 100 ms later.
    const events = run(
      engine(),
      build(times(60, 3000), (f, t) => {
        if (t >= 1000 && t < 1600) addAus(f, { AU12_L: 2.5, AU06_L: 2 });
        if (t >= 1100 && t < 1700) addAus(f, { AU12_R: 2.5, AU06_R: 2 });
      }),
    );
    const done = completed(events);
    expect(done).toHaveLength(1);
    expect(done[0]!.kind).toBe('one_sided_smile');
    expect(done[0]!.side).toBe('left');
    expect(done[0]!.sideLagMs!).toBeGreaterThan(100 - 1000 / 60);
    expect(done[0]!.sideLagMs!).toBeLessThan(100 + 1000 / 60);
  });

  it('a lag on the way up only (both sides fall together) stays happiness', () => {
    const events = run(
      engine(),
      build(times(60, 3000), (f, t) => {
        if (t >= 1000 && t < 1600) addAus(f, { AU12_L: 2.5, AU06_L: 2 });
        if (t >= 1100 && t < 1600) addAus(f, { AU12_R: 2.5, AU06_R: 2 });
      }),
    );
    expect(completed(events).map((e) => e.kind)).toEqual(['happiness']);
  });
});
