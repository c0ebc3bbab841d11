import { describe, expect, it } from 'vitest';
import {
  figures,
  matchEvents,
  matchWindow,
  median,
  overallPrecision,
  perMinute,
  precisionByKind,
  type Detection,
  type TruthFlash,
} from '../../../eval/metrics.ts';

const F30 = 1000 / 30;
const truth = (onsetMs: number, kind = 'happiness', frames = 2, clip = 'a'): TruthFlash => ({
  clip,
  kind,
  onsetMs,
  frames,
  frameMs: F30,
  fps: 30,
  source: 'x#1',
});
const det = (onsetMs: number, kind = 'happiness', clip = 'a'): Detection => ({ clip, kind, onsetMs });

describe('matchWindow', () => {
  it('runs from one frame before the onset to two frames after the flash', () => {
    const [a, b] = matchWindow(truth(1000, 'happiness', 4));
    expect(a).toBeCloseTo(1000 - F30);
    expect(b).toBeCloseTo(1000 + 6 * F30);
  });
});

describe('matchEvents', () => {
  it('matches a detection inside the window, not one outside', () => {
    const t = [truth(1000), truth(3000)];
    const r = matchEvents(t, [det(970), det(3000 - 2 * F30)]);
    expect(r.matches[0]!.detection?.onsetMs).toBe(970);
    expect(r.matches[1]!.detection).toBeNull();
    expect(r.unmatched).toEqual([{ detection: det(3000 - 2 * F30), reason: 'spurious' }]);
  });

  it('accepts onsets up to length + 2 frames late', () => {
    const r = matchEvents([truth(1000, 'happiness', 2)], [det(1000 + 4 * F30 - 0.01)]);
    expect(r.matches[0]!.detection).not.toBeNull();
    expect(matchEvents([truth(1000, 'happiness', 2)], [det(1000 + 4 * F30 + 1)]).matches[0]!.detection).toBeNull();
  });

  it('never matches across clips', () => {
    const r = matchEvents([truth(1000, 'happiness', 2, 'a')], [det(1000, 'happiness', 'b')]);
    expect(r.matches[0]!.detection).toBeNull();
    expect(r.unmatched[0]!.reason).toBe('spurious');
  });

  it('prefers the right kind, then the closest onset; the other is concurrent', () => {
    const r = matchEvents([truth(1000, 'one_sided_smile')], [det(1000, 'disgust'), det(990, 'one_sided_smile')]);
    expect(r.matches[0]!.detection?.kind).toBe('one_sided_smile');
    expect(r.unmatched).toEqual([{ detection: det(1000, 'disgust'), reason: 'concurrent' }]);
    const r2 = matchEvents([truth(1000)], [det(1040), det(995)]);
    expect(r2.matches[0]!.detection?.onsetMs).toBe(995);
  });

  it('takes each detection once', () => {
    const r = matchEvents([truth(1000), truth(1010)], [det(1005)]);
    expect(r.matches.filter((m) => m.detection)).toHaveLength(1);
  });

  it('keeps a wrong-kind detection as the match when nothing better is there', () => {
    const r = matchEvents([truth(1000, 'surprise')], [det(1000, 'fear')]);
    expect(r.matches[0]!.detection?.kind).toBe('fear');
    expect(r.unmatched).toHaveLength(0);
  });
});

describe('figures', () => {
  it('computes recall, kind accuracy and onset error', () => {
    const t = [truth(1000), truth(2000), truth(3000), truth(4000)];
    const r = matchEvents(t, [det(970), det(2010, 'one_sided_smile'), det(3000)]);
    const f = figures(r.matches);
    expect(f).toMatchObject({ truths: 4, matched: 3, rightKind: 2 });
    expect(f.recall).toBeCloseTo(0.75);
    expect(f.kindAccuracy).toBeCloseTo(2 / 3);
    expect(f.onsetErrMedianMs).toBeCloseTo(10);
    expect(f.onsetErrMaxMs).toBeCloseTo(30);
    expect(f.onsetErrMaxFrames).toBeCloseTo(0.9);
  });

  it('gives NaN, not zero, where there is nothing to measure', () => {
    const f = figures(matchEvents([truth(1000)], []).matches);
    expect(f.recall).toBe(0);
    expect(f.kindAccuracy).toBeNaN();
    expect(f.onsetErrMedianMs).toBeNaN();
    expect(figures([]).recall).toBeNaN();
  });
});

describe('precision', () => {
  it('counts unmatched and wrong-kind detections against their kind', () => {
    const r = matchEvents([truth(1000), truth(3000, 'surprise')], [det(1000), det(1000, 'disgust'), det(3000, 'fear'), det(5000)]);
    const p = precisionByKind(r);
    expect(p.happiness).toEqual({ detected: 2, correct: 1, precision: 0.5 });
    expect(p.disgust).toEqual({ detected: 1, correct: 0, precision: 0 });
    expect(p.fear).toEqual({ detected: 1, correct: 0, precision: 0 });
    expect(overallPrecision(r)).toEqual({ detected: 4, correct: 2, precision: 0.5 });
  });
});

describe('helpers', () => {
  it('median and per-minute rates', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(perMinute(2, 30)).toBe(4);
    expect(perMinute(1, 0)).toBeNaN();
  });
});
