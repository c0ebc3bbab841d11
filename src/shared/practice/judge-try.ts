/**
 * Judges one drill try from what the detector saw: the flashes that started in the try's window
 * and the AU trace. Caught or not, the kind read, its duration and onset after "now", and the AUs
 * that carried it against what the target kind needs: which were there, which were missing, and
 * which argued for another kind of the lesson (or ruled the target out). Pure.
 */
import { AU_CHANNEL_INDEX, AU_LIST, type AuId, type FlashEvent, type FlashKind, type Rules } from '../contract/index.ts';
import { PRACTICE_DEFAULTS } from './defaults.ts';
import { kindNeeds, needAus, type KindNeeds } from './kind-needs.ts';
import { lessonOf } from './lessons.ts';

/** What a try asks for: a flash of `kind` lasting at most `maxMs`. */
export interface DrillTarget {
  kind: FlashKind;
  maxMs: number;
}

/** One frame of the AU trace (AU_CHANNELS order, FACS 0-5; NaN without a face). */
export interface TraceFrame {
  timestampMs: number;
  aus: ArrayLike<number>;
}

export interface AgainstAu {
  au: AuId;
  peak: number;
  /** The other kind of the lesson this AU argues for, or null when it rules the target out (an exclusion). */
  kind: FlashKind | null;
}

export interface TryVerdict {
  target: DrillTarget;
  /** The detector saw a flash (of any kind) start in the window. */
  caught: boolean;
  /** The judged flash's event id (FlashEvent.id), or null. */
  eventId: number | null;
  /** The kind of the flash judged (the target's kind when one of it started), or null. */
  read: FlashKind | null;
  right: boolean;
  /** Right, and no longer than the target's maxMs. */
  brief: boolean;
  durationMs: number | null;
  /** ms from "now" to the flash's onset. */
  onsetAfterGoMs: number | null;
  /** Target needs met: the AU that met each. */
  present: AuId[];
  /** Target needs not met: each as its alternatives. */
  missing: AuId[][];
  against: AgainstAu[];
  /** Peak of every AU (AU_LIST order, bilateral channel) over the flash, or the window without one. */
  peaks: number[];
}

export interface TryWindow {
  /** Stream time of "now", ms. */
  goMs: number;
  /** Stream time the window closes, ms: flashes starting later do not count. */
  endMs: number;
}

const BILATERAL = AU_LIST.map((a) => AU_CHANNEL_INDEX[a.id]);

/** Per-AU peaks (AU_LIST order) over [fromMs, toMs]; 0 where no face frame had a value. */
export function auPeaks(trace: readonly TraceFrame[], fromMs: number, toMs: number): number[] {
  const peaks = new Array<number>(BILATERAL.length).fill(0);
  for (const f of trace) {
    if (f.timestampMs < fromMs || f.timestampMs > toMs) continue;
    BILATERAL.forEach((c, i) => {
      const v = f.aus[c]!;
      if (Number.isFinite(v) && v > peaks[i]!) peaks[i] = v;
    });
  }
  return peaks;
}

const peakOf = (peaks: readonly number[], au: AuId) => peaks[AU_LIST.findIndex((a) => a.id === au)] ?? 0;

/** The flash a try is judged by: the target's kind if one started in the window, else the strongest. */
function pickFlash(target: DrillTarget, window: TryWindow, events: readonly FlashEvent[]): FlashEvent | null {
  const inWindow = events.filter((e) => e.status === 'complete' && e.onsetMs >= window.goMs && e.onsetMs <= window.endMs);
  const own = inWindow.filter((e) => e.kind === target.kind);
  const pool = own.length ? own : inWindow;
  return pool.reduce<FlashEvent | null>((best, e) => (!best || e.peak > best.peak ? e : best), null);
}

function compare(needs: KindNeeds | null, peaks: readonly number[], rules: Rules, target: FlashKind, presentMin: number) {
  const present: AuId[] = [];
  const missing: AuId[][] = [];
  const against: AgainstAu[] = [];
  if (!needs) return { present, missing, against };
  for (const need of needs.needs) {
    const met = need.filter((t) => peakOf(peaks, t.au) >= t.min).sort((a, b) => peakOf(peaks, b.au) - peakOf(peaks, a.au));
    if (met.length) present.push(met[0]!.au);
    else missing.push(need.map((t) => t.au));
  }
  for (const x of needs.excludes) {
    const peak = peakOf(peaks, x.au);
    if (peak > x.max && peak >= presentMin) against.push({ au: x.au, peak, kind: null });
  }
  const own = new Set(needAus(needs));
  for (const other of lessonOf(target).kinds) {
    if (other === target) continue;
    const theirs = kindNeeds(rules, other);
    if (!theirs) continue;
    for (const t of theirs.needs.flat()) {
      const peak = peakOf(peaks, t.au);
      if (own.has(t.au) || peak < Math.max(t.min, presentMin) || against.some((a) => a.au === t.au)) continue;
      against.push({ au: t.au, peak, kind: other });
    }
  }
  return { present, missing, against };
}

export function judgeTry(
  target: DrillTarget,
  window: TryWindow,
  events: readonly FlashEvent[],
  trace: readonly TraceFrame[],
  rules: Rules,
  presentMin: number = PRACTICE_DEFAULTS.presentMin,
): TryVerdict {
  const flash = pickFlash(target, window, events);
  const peaks = flash ? auPeaks(trace, flash.onsetMs, flash.offsetMs) : auPeaks(trace, window.goMs, window.endMs);
  const right = flash?.kind === target.kind;
  return {
    target,
    caught: flash !== null,
    eventId: flash?.id ?? null,
    read: flash?.kind ?? null,
    right,
    brief: right && flash!.durationMs <= target.maxMs,
    durationMs: flash ? flash.durationMs : null,
    onsetAfterGoMs: flash ? flash.onsetMs - window.goMs : null,
    ...compare(kindNeeds(rules, target.kind), peaks, rules, target.kind, presentMin),
    peaks,
  };
}
