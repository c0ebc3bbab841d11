/** Dissociation: defocused staring against the person's own gaze baseline. */
import { describe, expect, it } from 'vitest';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import type { FlashFrame } from '../../../src/shared/flash/flash-frame.ts';
import { build, completed, gaussian, lostFrame, run, setEye, times } from './frames.ts';

/**
 * Ordinary looking around: fixations of 300-900 ms at random places (iris units), with landmark
 * jitter; between `stareFrom` and `stareTo` ms the gaze holds still (and vergence drifts apart).
 */
function gazeScript(seed: number, stareFrom = Infinity, stareTo = Infinity) {
  const next = gaussian(seed);
  let fixUntil = 0;
  let x = 0;
  let y = 0;
  return (f: FlashFrame, t: number) => {
    const staring = t >= stareFrom && t < stareTo;
    if (!staring && t >= fixUntil) {
      fixUntil = t + 300 + 600 * Math.abs(Math.sin(next() * 10));
      x = 0.4 * Math.sin(next() * 3);
      y = 0.3 * Math.sin(next() * 3);
    }
    const jitter = () => 0.01 * next();
    setEye(f, 'irisX_L', x + jitter());
    setEye(f, 'irisX_R', x + jitter());
    setEye(f, 'irisY_L', y + jitter());
    setEye(f, 'irisY_R', y + jitter());
    setEye(f, 'vergence', (staring ? 0.06 : 0) + jitter());
  };
}

const engine = () => createFlashEngine(defaultRules());

describe('dissociation', () => {
  it('ordinary looking around for a minute gives no event', () => {
    expect(run(engine(), build(times(30, 60_000), gazeScript(1)))).toEqual([]);
  });

  it('eight seconds of staring after a baseline is one dissociation state with its own onset and end', () => {
    const events = run(engine(), build(times(30, 60_000), gazeScript(2, 40_000, 48_000)));
    const onset = events.filter((e) => e.status === 'onset');
    const done = completed(events);
    expect(onset).toHaveLength(1);
    expect(done).toHaveLength(1);
    const d = done[0]!;
    expect(d.kind).toBe('dissociation');
    // The stare starts at the first fixation that outlasts the script's last look (within a fixation).
    expect(d.onsetMs).toBeGreaterThan(39_000);
    expect(d.onsetMs).toBeLessThanOrEqual(40_000 + 1);
    expect(Math.abs(d.offsetMs - 48_000)).toBeLessThanOrEqual(100);
    expect(d.durationMs).toBeGreaterThan(7_000);
    expect(d.macro).toBe(true);
    expect(d.micro).toBe(false);
    expect(d.fastOnset).toBe(false);
    expect(d.aus).toEqual([]);
    expect(d.side).toBeNull();
    // Shown once it had lasted the rule's minimum (seconds), not before.
    expect(onset[0]!.apexMs - onset[0]!.onsetMs).toBeGreaterThanOrEqual(3000);
    expect(d.confidence).toBeGreaterThan(0.5);
  });

  it('a short stare (under the minimum) is no event', () => {
    expect(run(engine(), build(times(30, 50_000), gazeScript(3, 40_000, 42_000)))).toEqual([]);
  });

  it('needs the person to have been seen moving their eyes first', () => {
    expect(run(engine(), build(times(30, 30_000), gazeScript(4, 0, 30_000)))).toEqual([]);
  });

  it('ends at the last good frame when the face is lost', () => {
    const script = gazeScript(5, 40_000, 55_000);
    const frames = times(30, 50_000).map((t) => {
      if (t >= 47_000) return lostFrame(t);
      const f = build([t])[0]!;
      script(f, t);
      return f;
    });
    const done = completed(run(engine(), frames));
    expect(done).toHaveLength(1);
    expect(done[0]!.endedBy).toBe('face-lost');
    expect(done[0]!.offsetMs).toBeLessThan(47_000);
  });
});
