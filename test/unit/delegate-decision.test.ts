import { describe, expect, it } from 'vitest';
import { decideDelegate } from '../../src/shared/delegate-decision.ts';

describe('decideDelegate', () => {
  it('keeps GPU only when it is faster, and says both timings', () => {
    expect(decideDelegate(12.7, 6.8)).toEqual({
      delegate: 'GPU',
      measuredMs: { CPU: 12.7, GPU: 6.8 },
      reason: 'GPU 6.8 ms/frame vs CPU 12.7 ms/frame: GPU is faster here.',
    });
    const slower = decideDelegate(29, 500);
    expect(slower.delegate).toBe('CPU');
    expect(slower.reason).toMatch(/slower here/);
  });

  it('names why GPU was not used, with the CPU timing', () => {
    const r = decideDelegate(26.3, new Error('WebGL is software here (SwiftShader)'));
    expect(r).toEqual({
      delegate: 'CPU',
      measuredMs: { CPU: 26.3 },
      reason: 'GPU delegate not used: WebGL is software here (SwiftShader). CPU runs at 26.3 ms/frame.',
    });
  });

  it('says the cause once when neither delegate can start for the same reason', () => {
    const why = 'WebGL2 is not available in this browser.';
    const r = decideDelegate(new Error(why), new Error(why));
    expect(r.delegate).toBe('CPU');
    expect(r.reason).toBe(`Neither delegate could be started: ${why}`);
    expect(decideDelegate(new Error('a'), new Error('b')).reason).toBe('Neither delegate could be timed (CPU: a; GPU: b); trying CPU.');
    expect(decideDelegate(new Error('no result within 20 s'), 7).delegate).toBe('GPU');
  });
});
