/**
 * Progress per kind over days, from the kept tries: tries, caught, right kind and the median
 * duration of the right ones. Days are the learner's local calendar days unless `dayOf` says otherwise.
 */
import type { FlashKind } from '../contract/index.ts';
import { median } from '../numbers.ts';

/** What progress needs of a kept try. */
export interface DatedTry {
  /** When the try was made, ms since the epoch. */
  at: number;
  kind: FlashKind;
  caught: boolean;
  right: boolean;
  durationMs: number | null;
}

export interface ProgressRow {
  /** YYYY-MM-DD */
  day: string;
  kind: FlashKind;
  tries: number;
  caught: number;
  right: number;
  /** Median duration of the right tries, ms; null without one. */
  medianDurationMs: number | null;
}

/** The local calendar day of a time, YYYY-MM-DD. */
export function localDay(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** One row per day and kind that has tries, by day then kind. */
export function progressByDay(tries: readonly DatedTry[], dayOf: (at: number) => string = localDay): ProgressRow[] {
  const groups = new Map<string, DatedTry[]>();
  for (const t of tries) {
    const key = `${dayOf(t.at)}\u0000${t.kind}`;
    const list = groups.get(key);
    if (list) list.push(t);
    else groups.set(key, [t]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const [day, kind] = key.split('\u0000') as [string, FlashKind];
      const durations = list.filter((t) => t.right && t.durationMs !== null).map((t) => t.durationMs!);
      return {
        day,
        kind,
        tries: list.length,
        caught: list.filter((t) => t.caught).length,
        right: list.filter((t) => t.right).length,
        medianDurationMs: durations.length ? median(durations) : null,
      };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.kind.localeCompare(b.kind));
}
