/**
 * Pure matching of detected events to ground-truth flashes and the accuracy figures. No I/O.
 *
 * A detection matches a flash when its onset lies in [onset - 1 frame, onset + duration + 2 frames]
 * (the engine interpolates onsets between frames, so a hard cut reads up to a frame early; a slow
 * rise may cross the threshold a frame or two after the cut). Each flash takes at most one
 * detection: one of the right kind if any is in the window, otherwise the closest onset. Every
 * other detection is unmatched: `concurrent` when it lies in some flash's window (a second group
 * firing on the same frames), `spurious` otherwise (on the neutral face).
 */
import { median } from '../src/shared/numbers.ts';

export interface TruthFlash {
  /** Clip it belongs to (matching never crosses clips). */
  clip: string;
  kind: string;
  /** Presentation time of the first apex frame, ms. */
  onsetMs: number;
  /** Flash length in frames, and the clip's frame interval (ms). */
  frames: number;
  frameMs: number;
  fps: number;
  /** Free-form label of the source (video and apex frame). */
  source: string;
  /** Whose face it is (people fixtures), for per-person figures. */
  person?: string;
}

export interface Detection {
  clip: string;
  kind: string;
  onsetMs: number;
}

export interface Match {
  truth: TruthFlash;
  detection: Detection | null;
}

export interface MatchResult {
  matches: Match[];
  /** Detections not matched to any flash. */
  unmatched: { detection: Detection; reason: UnmatchedReason }[];
}

/** Why a detection matched no flash: beside a flash, on a control (a still that is no expression), or on the neutral face. */
export type UnmatchedReason = 'concurrent' | 'control' | 'spurious';

/** A stretch of a clip that shows no expression (a control still spliced in like a flash). */
export interface ControlWindow {
  clip: string;
  startMs: number;
  endMs: number;
  label: string;
}

export function matchWindow(t: TruthFlash): [number, number] {
  return [t.onsetMs - t.frameMs, t.onsetMs + (t.frames + 2) * t.frameMs];
}

const inWindow = (t: TruthFlash, d: Detection): boolean => {
  const [a, b] = matchWindow(t);
  return d.clip === t.clip && d.onsetMs >= a && d.onsetMs <= b;
};

export function matchEvents(truths: TruthFlash[], detections: Detection[], controls: readonly ControlWindow[] = []): MatchResult {
  const used = new Set<Detection>();
  const order = [...truths].sort((a, b) => a.onsetMs - b.onsetMs);
  const byTruth = new Map<TruthFlash, Detection | null>();
  for (const t of order) {
    const candidates = detections.filter((d) => !used.has(d) && inWindow(t, d));
    const pool = candidates.some((d) => d.kind === t.kind) ? candidates.filter((d) => d.kind === t.kind) : candidates;
    let best: Detection | null = null;
    for (const d of pool) if (!best || Math.abs(d.onsetMs - t.onsetMs) < Math.abs(best.onsetMs - t.onsetMs)) best = d;
    if (best) used.add(best);
    byTruth.set(t, best);
  }
  return {
    matches: truths.map((t) => ({ truth: t, detection: byTruth.get(t) ?? null })),
    unmatched: detections.filter((d) => !used.has(d)).map((d) => ({ detection: d, reason: unmatchedReason(d, truths, controls) })),
  };
}

function unmatchedReason(d: Detection, truths: TruthFlash[], controls: readonly ControlWindow[]): UnmatchedReason {
  if (truths.some((t) => inWindow(t, d))) return 'concurrent';
  if (controls.some((c) => c.clip === d.clip && d.onsetMs >= c.startMs && d.onsetMs <= c.endMs)) return 'control';
  return 'spurious';
}

export { median };

export interface Figures {
  /** Flashes, and how many were matched / matched with the right kind. */
  truths: number;
  matched: number;
  rightKind: number;
  /** matched / truths (NaN without flashes). */
  recall: number;
  /** rightKind / matched. */
  kindAccuracy: number;
  /** |detected onset - true onset| of matched flashes, ms. */
  onsetErrMedianMs: number;
  onsetErrMaxMs: number;
  /** The same in frames of the flash's clip. */
  onsetErrMaxFrames: number;
}

export function figures(matches: Match[]): Figures {
  const hit = matches.filter((m) => m.detection);
  const errs = hit.map((m) => Math.abs(m.detection!.onsetMs - m.truth.onsetMs));
  const errFrames = hit.map((m) => Math.abs(m.detection!.onsetMs - m.truth.onsetMs) / m.truth.frameMs);
  const rightKind = hit.filter((m) => m.detection!.kind === m.truth.kind).length;
  return {
    truths: matches.length,
    matched: hit.length,
    rightKind,
    recall: matches.length ? hit.length / matches.length : NaN,
    kindAccuracy: hit.length ? rightKind / hit.length : NaN,
    onsetErrMedianMs: median(errs),
    onsetErrMaxMs: errs.length ? Math.max(...errs) : NaN,
    onsetErrMaxFrames: errFrames.length ? Math.max(...errFrames) : NaN,
  };
}

export interface Precision {
  detected: number;
  /** Detections of this kind matched to a flash of this kind. */
  correct: number;
  precision: number;
}

/** Per detected kind: correct / all detections of that kind (over the spliced clips). */
export function precisionByKind(result: MatchResult): Record<string, Precision> {
  const out: Record<string, Precision> = {};
  const add = (kind: string, correct: boolean) => {
    const p = (out[kind] ??= { detected: 0, correct: 0, precision: NaN });
    p.detected++;
    if (correct) p.correct++;
  };
  for (const m of result.matches) if (m.detection) add(m.detection.kind, m.detection.kind === m.truth.kind);
  for (const u of result.unmatched) add(u.detection.kind, false);
  for (const p of Object.values(out)) p.precision = p.correct / p.detected;
  return out;
}

/** Overall precision: matched detections / all detections. */
export function overallPrecision(result: MatchResult): Precision {
  const matched = result.matches.filter((m) => m.detection).length;
  const detected = matched + result.unmatched.length;
  return { detected, correct: matched, precision: detected ? matched / detected : NaN };
}

/** Events per minute of video. */
export function perMinute(events: number, durationS: number): number {
  return durationS > 0 ? (events * 60) / durationS : NaN;
}

export function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
