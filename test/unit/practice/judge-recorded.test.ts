/**
 * Judging tries on real recorded faces (the model's output on the fixture videos, through the AU
 * stage and the flash engine as the page runs them): the man of smile.mov smiles after 2 s; the
 * man of contempt.mov smiles on one side from about 1.3 s.
 */
import { describe, expect, it } from 'vitest';
import type { FlashEvent } from '../../../src/shared/contract/index.ts';
import { createAuEstimator } from '../../../src/shared/au/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf } from '../../../src/shared/flash/index.ts';
import { judgeTry, type TraceFrame } from '../../../src/shared/practice/index.ts';
import { auInputOf, loadRecording } from '../../../scripts/lib/recordings.ts';

const rules = defaultRules();

function replay(stem: string): { events: FlashEvent[]; trace: TraceFrame[] } {
  const rec = loadRecording(stem);
  const est = createAuEstimator();
  const engine = createFlashEngine(rules);
  const events: FlashEvent[] = [];
  const trace: TraceFrame[] = [];
  for (const f of rec.frames) {
    const out = est.step(auInputOf(f, rec));
    if (f.landmarks) trace.push({ timestampMs: f.timestampMs, aus: Float32Array.from(out.aus) });
    events.push(...engine.step(flashFrameOf(f.timestampMs, f.landmarks !== null, out)));
  }
  events.push(...engine.flush(rec.frames.at(-1)!.timestampMs));
  return { events: events.filter((e) => e.status === 'complete'), trace };
}

describe('judging tries on recorded faces', () => {
  it('a smile asked for and shown is caught as happiness, with its AU12 and AU6', () => {
    const { events, trace } = replay('smile');
    const v = judgeTry({ kind: 'happiness', maxMs: 10_000 }, { goMs: 1900, endMs: 5900 }, events, trace, rules);
    expect(v).toMatchObject({ caught: true, read: 'happiness', right: true });
    expect(v.present).toEqual(['AU12', 'AU06']);
    expect(v.onsetAfterGoMs!).toBeGreaterThanOrEqual(0);
  });

  it('a one-sided smile asked for happiness is read as one-sided, and its missing cheek raise is said', () => {
    const { events, trace } = replay('contempt');
    const asked = judgeTry({ kind: 'one_sided_smile', maxMs: 10_000 }, { goMs: 1100, endMs: 5100 }, events, trace, rules);
    expect(asked).toMatchObject({ caught: true, read: 'one_sided_smile', right: true });
    const wrong = judgeTry({ kind: 'happiness', maxMs: 10_000 }, { goMs: 1100, endMs: 5100 }, events, trace, rules);
    expect(wrong).toMatchObject({ caught: true, read: 'one_sided_smile', right: false });
  });
});
