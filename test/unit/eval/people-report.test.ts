/** The people report's per-set figures: each set's people measured on their own. */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../eval/people/catalog.ts';
import { planPeopleClip } from '../../../eval/people/plan.ts';
import { peopleFigures, peopleTables } from '../../../eval/people/report.ts';
import { scorePeopleClip } from '../../../eval/people/score.ts';

const person = (set: Person['set'], id: string, kind: 'happiness' | 'anger'): Person => ({
  set,
  id,
  media: 'still',
  neutral: `${id}/neutral.jpg`,
  posed: [{ path: `${id}/posed.jpg`, label: 'posed', kind }],
  controls: [],
});

/** A clip of one person at 30 fps whose flashes are all detected (with `kind`) or none is. */
function clip(p: Person, detectedAs: string | null) {
  const plan = planPeopleClip(p, 30, [3, 4]);
  const frameMs = (i: number) => (i * 1000) / 30;
  const events = detectedAs
    ? plan.flashes.map((f) => ({
        kind: detectedAs,
        onsetMs: frameMs(f.startFrame),
        apexMs: frameMs(f.startFrame + 1),
        offsetMs: frameMs(f.startFrame + f.frames),
      }))
    : [];
  return { plan, scored: scorePeopleClip(plan, frameMs, events) };
}

describe('people report per set', () => {
  const people = [
    person('nimstim', 'nimstim-01F', 'anger'),
    person('london', 'london-001', 'happiness'),
    person('london', 'london-003', 'happiness'),
  ];
  const clips = [clip(people[0]!, 'disgust'), clip(people[1]!, 'happiness'), clip(people[2]!, null)];
  const f = peopleFigures(
    clips.map((c) => c.plan),
    clips.map((c) => c.scored),
    [],
  );

  it('measures each set apart, per kind and over all its kinds', () => {
    expect(f.bar.bySet.london).toMatchObject({ truths: 4, matched: 2, recall: 0.5, kindAccuracy: 1 });
    expect(f.bar.bySet['london happiness']?.recall).toBe(0.5);
    expect(f.bar.bySet.nimstim).toMatchObject({ truths: 2, matched: 2, recall: 1, kindAccuracy: 0 });
    expect(f.bar.all.recall).toBeCloseTo(4 / 6);
  });

  it('prints a per-set table when there is more than one set, none for one set', () => {
    const text = peopleTables(f, [], people);
    expect(text).toContain('Per set, bar lengths');
    expect(text).toMatch(/\| london all\s+\|\s+4 \|\s+2 \|\s+0\.50 \|/);
    const one = clips.slice(1);
    const single = peopleFigures(
      one.map((c) => c.plan),
      one.map((c) => c.scored),
      [],
    );
    expect(peopleTables(single, [], people.slice(1))).not.toContain('Per set');
  });
});
