/**
 * `--shard i/n`: split one corpus across n machines (e.g. a cluster job array). Shard i (1-based)
 * takes the files at positions p (0-based, in the sorted input list) with p mod n = i - 1. Every file
 * lands in exactly one shard and shard sizes differ by at most one. It relies on every machine
 * seeing the same list: the same corpus and the same path arguments (the list is sorted by output
 * stem, so where the corpus is mounted does not matter).
 */
import { UsageError } from './usage-error.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 3/8`);
  }
  return { index, count };
}

/** The items of one shard, in their original order. */
export function selectShard<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}
