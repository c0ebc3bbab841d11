/**
 * The next drill target: the kind of the lesson the learner gets wrong most (the lowest smoothed
 * share of right tries), at the flash length the learner has reached for that kind. Pure: the
 * history is passed in, nothing is random.
 */
import type { FlashKind } from '../contract/index.ts';
import { PRACTICE_DEFAULTS } from './defaults.ts';
import type { DrillTarget } from './judge-try.ts';
import type { Lesson } from './lessons.ts';

/** What target choice needs of a past try. */
export interface PastTry {
  target: DrillTarget;
  right: boolean;
  brief: boolean;
}

export interface KindScore {
  kind: FlashKind;
  tries: number;
  right: number;
  brief: number;
}

export function scoreByKind(kinds: readonly FlashKind[], history: readonly PastTry[]): KindScore[] {
  return kinds.map((kind) => {
    const own = history.filter((t) => t.target.kind === kind);
    return { kind, tries: own.length, right: own.filter((t) => t.right).length, brief: own.filter((t) => t.brief).length };
  });
}

/** The flash length to ask for: the next briefer one after `masteredAfter` right, brief tries in a row at the current one. */
export function maxMsFor(kind: FlashKind, history: readonly PastTry[], options = PRACTICE_DEFAULTS): number {
  if (kind === 'dissociation') return options.dissociationMaxMs;
  const lengths = options.briefMs;
  let level = 0;
  let streak = 0;
  for (const t of history) {
    if (t.target.kind !== kind || t.target.maxMs !== lengths[level]) continue;
    streak = t.brief ? streak + 1 : 0;
    if (streak >= options.masteredAfter && level < lengths.length - 1) {
      level++;
      streak = 0;
    }
  }
  return lengths[level]!;
}

/**
 * The kind with the lowest (right + 1) / (tries + 2); ties go to the kind tried least, then to one
 * other than the last try's, then to lesson order.
 */
export function chooseTarget(lesson: Lesson, history: readonly PastTry[], options = PRACTICE_DEFAULTS): DrillTarget {
  const last = history.at(-1)?.target.kind;
  const scores = scoreByKind(lesson.kinds, history);
  const rate = (s: KindScore) => (s.right + 1) / (s.tries + 2);
  const best = [...scores].sort(
    (a, b) => rate(a) - rate(b) || a.tries - b.tries || Number(a.kind === last) - Number(b.kind === last) || 0,
  )[0]!;
  return { kind: best.kind, maxMs: maxMsFor(best.kind, history, options) };
}

/** What the page asks: "Make a flash of disgust, under 1/5 s." (`label`: the kind's name). */
export function describeTarget(target: DrillTarget, label: string): string {
  if (target.kind === 'dissociation') return 'Let your eyes defocus and rest on nothing for a few seconds, then look back.';
  const s = target.maxMs / 1000;
  const frac = Number.isInteger(1 / s) ? `1/${1 / s} s` : `${s} s`;
  return `Make a flash of ${label.toLowerCase()}, under ${frac}.`;
}
