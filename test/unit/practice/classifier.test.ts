/** The personal model's wrapper on tfjs (CPU in Node): train on separable data, save, load, predict. */
import { describe, expect, it } from 'vitest';
import type { LabelledSample } from '../../../src/shared/contract/index.ts';
import { loadClassifier, trainable, trainClassifier } from '../../../src/shared/personal-model/classifier.ts';
import { FEATURE_NAMES, featuresOf } from '../../../src/shared/personal-model/features.ts';

/** Two kinds apart on two features (AU4 vs AU9 with AU7), seeded noise on all. */
function separable(n: number, seed = 3): LabelledSample[] {
  let a = seed;
  const rand = () => (a = (a * 16807) % 2147483647) / 2147483647;
  const at = (name: string) => FEATURE_NAMES.indexOf(name);
  const out: LabelledSample[] = [];
  for (let i = 0; i < n; i++) {
    const anger = FEATURE_NAMES.map(() => 0.05 * rand());
    anger[at('AU04')] = 0.5 + 0.3 * rand();
    anger[at('AU24')] = 0.3 + 0.3 * rand();
    out.push({ kind: 'anger', features: anger });
    const disgust = FEATURE_NAMES.map(() => 0.05 * rand());
    disgust[at('AU04')] = 0.3 + 0.3 * rand();
    disgust[at('AU09')] = 0.5 + 0.3 * rand();
    disgust[at('AU07')] = 0.5 + 0.3 * rand();
    out.push({ kind: 'disgust', features: disgust });
  }
  return out;
}

describe('personal model', () => {
  it('learns two separable kinds, survives a structured clone (IndexedDB), and labels new samples', async () => {
    const model = await trainClassifier(separable(4), { epochs: 60 });
    expect(model.kinds).toEqual(['anger', 'disgust']);
    expect(model.tries).toEqual({ anger: 4, disgust: 4 });
    expect(model.trainAccuracy).toBe(1);
    const clf = await loadClassifier(structuredClone(model));
    const test = separable(10, 99);
    const predicted = clf.predict(test.map((s) => s.features));
    clf.dispose();
    const right = predicted.filter((p, i) => p.kind === test[i]!.kind).length;
    expect(right).toBeGreaterThanOrEqual(18);
    for (const p of predicted) expect(p.p).toBeGreaterThan(0.5);
  });

  it('the same tries give the same model', async () => {
    const a = await trainClassifier(separable(3), { epochs: 20 });
    const b = await trainClassifier(separable(3), { epochs: 20 });
    expect(new Float32Array(a.weightData)).toEqual(new Float32Array(b.weightData));
  });

  it('says what is missing when the tries are too few, and refuses a foreign model', async () => {
    const one = separable(1);
    expect(trainable(one)).toMatch(/at least 2 caught tries of each of 2 kinds/);
    await expect(trainClassifier(one)).rejects.toThrow(/at least 2 caught tries/);
    await expect(trainClassifier(separable(2).map((s) => ({ ...s, features: s.features.slice(1) })))).rejects.toThrow(/finite features/);
    await expect(loadClassifier({ format: 'other' } as never)).rejects.toThrow(/train it again/);
  });

  it('features are peaks on 0-1, one per AU', () => {
    const f = featuresOf(FEATURE_NAMES.map((_, i) => (i === 0 ? 2.5 : i === 1 ? 7 : i === 2 ? Number.NaN : -1)));
    expect(f.slice(0, 4)).toEqual([0.5, 1, 0, 0]);
    expect(() => featuresOf([1, 2])).toThrow(/Expected/);
  });
});
