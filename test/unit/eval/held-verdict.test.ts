/** Which part of a held-expression replay (neutral clip, then the expression clip) an event belongs to. */
import { describe, expect, it } from 'vitest';
import { heldVerdict, neutralPartEvents } from '../../../eval/people/score.ts';

const cut = 2000;
const ev = (kind: string, onsetMs: number, apexMs: number, offsetMs: number) => ({ kind, onsetMs, apexMs, offsetMs });

describe('held-expression verdicts', () => {
  it('an event that rises before the cut and peaks after it is the expression clip’s, counted from the cut', () => {
    const events = [ev('anger', 1900, 2700, 3500)];
    expect(neutralPartEvents(events, cut)).toBe(0);
    expect(heldVerdict(events, cut)).toEqual({ events: 1, dominant: 'anger', msByKind: { anger: 1500 } });
  });

  it('an event that peaks in the neutral clip is a false flash there, not the expression', () => {
    const events = [ev('sadness', 800, 1000, 1300), ev('happiness', 2100, 2400, 4000)];
    expect(neutralPartEvents(events, cut)).toBe(1);
    expect(heldVerdict(events, cut)).toEqual({ events: 1, dominant: 'happiness', msByKind: { happiness: 1900 } });
  });

  it('the longest kind in the expression part wins; none without events', () => {
    const events = [ev('anger', 2100, 2200, 2600), ev('disgust', 2700, 3000, 4000)];
    expect(heldVerdict(events, cut).dominant).toBe('disgust');
    expect(heldVerdict([], cut)).toEqual({ events: 0, dominant: null, msByKind: {} });
  });
});
