import { describe, expect, it } from 'vitest';
import { parseShard, selectShard } from '../../../src/cli/shard.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

describe('--shard', () => {
  it('parses i/n and rejects what is not', () => {
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/3', '1.5/3']) expect(() => parseShard(bad), bad).toThrow(UsageError);
  });

  it('covers every list without overlap or gaps, with shard sizes within one', () => {
    for (const length of [0, 1, 2, 7, 10, 101]) {
      const items = Array.from({ length }, (_, i) => `file${i}`);
      for (const count of [1, 2, 3, 4, 16]) {
        const shards = Array.from({ length: count }, (_, i) => selectShard(items, { index: i + 1, count }));
        const all = shards.flat();
        expect(all.length, `${length} in ${count}`).toBe(items.length);
        expect(new Set(all).size).toBe(items.length);
        expect([...all].sort()).toEqual([...items].sort());
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is round-robin over the sorted list (hand-checked)', () => {
    expect(selectShard(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 })).toEqual(['b', 'd']);
    expect(selectShard(['a', 'b', 'c', 'd', 'e'], { index: 1, count: 3 })).toEqual(['a', 'd']);
  });
});
