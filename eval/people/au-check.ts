/**
 * The AU check across people: for each posed kind, each AU's mean intensity and the share of
 * samples where it is present, against the prototypes (prototypes.ts). A sample is one posed still
 * against the same person's neutral still, or one held-expression video (its median frame) against
 * the person's neutral clip. Computed from the recorded model output with the real AU estimator.
 */
import { AU_CHANNEL_INDEX, AU_DEFAULTS, AU_LIST, type AuId, createAuEstimator } from '../../src/shared/au/index.ts';
import { fmt, table } from '../table.ts';
import { POSED_KINDS, type Person, type PosedKind } from './catalog.ts';
import { PROTOTYPES } from './prototypes.ts';
import { calibratedEstimator, stillFrames, stillSize, videoRecording } from './replay.ts';
import { auInputOf, type RecordedFrame } from '../../scripts/lib/recordings.ts';

export interface AuSample {
  person: string;
  label: string;
  kind: PosedKind;
  /** Bilateral AU intensities (AU_LIST order). */
  aus: number[];
}

/** A present AU: at the AU stage's own presence threshold. */
export const PRESENT_MIN = AU_DEFAULTS.presence.on;

/** Bounds the check holds the AUs to (shares of a kind's samples). */
export const AU_CHECK_BOUNDS = {
  /** An AU no prototype of the kind has may be clearly present on at most this share of its samples (or on one sample, where a kind has few). */
  maxShareUnexpected: 0.25,
  /** An AU the prototype has (or the best of an OR group) must be present on at least this share. */
  minShareExpected: 0.5,
  /**
   * Intensity either side of the presence threshold within which a sample is not held against
   * either bound: the same browser build gives landmarks that differ in their last bits on
   * different CPUs, and a still at 1.1 on one machine reads 1.25 on another.
   */
  machineNoise: 0.2,
};

const BILATERAL = AU_LIST.map((a) => AU_CHANNEL_INDEX[a.id]);

function stillSamples(p: Person): AuSample[] {
  const frames = stillFrames(p);
  const { width, height } = stillSize(p);
  const neutral = frames.get('neutral');
  if (!neutral?.landmarks) return [];
  const out: AuSample[] = [];
  for (const s of p.posed) {
    const f = frames.get(s.label);
    if (!f?.landmarks) continue;
    const est = createAuEstimator();
    const step = (g: RecordedFrame, t: number) => est.step(auInputOf(g, { width, height }, t));
    est.startCalibration(100);
    for (let i = 0; i < 12; i++) step(neutral, i * 10);
    const o = step(f, 200);
    out.push({ person: p.id, label: s.label, kind: s.kind, aus: BILATERAL.map((c) => o.aus[c]!) });
  }
  return out;
}

function videoSamples(p: Person): AuSample[] {
  const neutral = videoRecording(p.neutral);
  const baseline = calibratedEstimator(neutral).getBaseline()!;
  return p.posed.map((s) => {
    const rec = videoRecording(s.path);
    const est = createAuEstimator();
    est.setBaseline(baseline);
    const rows = rec.frames.filter((f) => f.landmarks).map((f) => est.step(auInputOf(f, rec)).aus);
    const aus = BILATERAL.map((c) => {
      const col = rows.map((r) => r[c]!).sort((a, b) => a - b);
      return col[col.length >> 1] ?? NaN;
    });
    return { person: p.id, label: s.label, kind: s.kind, aus };
  });
}

export function auSamples(people: readonly Person[]): AuSample[] {
  return people.flatMap((p) => (p.media === 'still' ? stillSamples(p) : videoSamples(p)));
}

export interface AuStat {
  mean: number;
  share: number;
  /** Samples where it is present. */
  present: number;
  /** Share present beyond the machine noise above the threshold (held to maxShareUnexpected). */
  clearShare: number;
  /** Samples counted in clearShare. */
  clear: number;
  /** Share present within the machine noise below the threshold (held to minShareExpected). */
  nearShare: number;
}

export interface AuCheck {
  /** kind -> AU -> mean and share present. */
  stats: Record<string, Record<string, AuStat>>;
  samples: Record<string, number>;
  /** Each AU that breaks the prototype, in words. */
  violations: string[];
}

/** An AU no prototype of the kind has, clearly present on too many of its samples (and on more than one). */
function tooOften(allowed: readonly string[], id: string, st: AuStat, bounds: typeof AU_CHECK_BOUNDS): boolean {
  return !allowed.includes(id) && st.clearShare > bounds.maxShareUnexpected && st.clear > 1;
}

export function checkAus(samples: readonly AuSample[], bounds = AU_CHECK_BOUNDS): AuCheck {
  const stats: AuCheck['stats'] = {};
  const counts: Record<string, number> = {};
  const violations: string[] = [];
  for (const kind of POSED_KINDS) {
    const ss = samples.filter((s) => s.kind === kind);
    if (!ss.length) continue;
    counts[kind] = ss.length;
    const row: Record<string, AuStat> = {};
    AU_LIST.forEach((a, i) => {
      const xs = ss.map((s) => s.aus[i]!).filter(Number.isFinite);
      const n = Math.max(1, xs.length);
      const count = (min: number) => xs.filter((x) => x >= min).length;
      const present = count(PRESENT_MIN);
      const clear = count(PRESENT_MIN + bounds.machineNoise);
      const nearShare = count(PRESENT_MIN - bounds.machineNoise) / n;
      row[a.id] = { mean: xs.reduce((x, y) => x + y, 0) / n, share: present / n, present, clearShare: clear / n, clear, nearShare };
    });
    stats[kind] = row;
    const proto = PROTOTYPES[kind];
    for (const a of AU_LIST) {
      const st = row[a.id]!;
      if (tooOften(proto.allowed, a.id, st, bounds)) {
        violations.push(
          `${a.id} is clearly present on ${fmt(st.clearShare * 100, 0)}% of ${kind} (mean ${fmt(st.mean, 1)}), which no ${kind} prototype has (at most ${bounds.maxShareUnexpected * 100}%)`,
        );
      }
    }
    for (const group of proto.rise) {
      const best = Math.max(...group.map((id) => row[id]!.nearShare));
      if (best < bounds.minShareExpected) {
        violations.push(
          `${group.join(' or ')} is present on only ${fmt(best * 100, 0)}% of ${kind}, which its prototype has (at least ${bounds.minShareExpected * 100}%)`,
        );
      }
    }
  }
  return { stats, samples: counts, violations };
}

/** The check as a table: mean / % present per kind; `+` marks an AU the prototype has, `x` one it lacks that is too often present. */
export function auCheckTable(check: AuCheck, bounds = AU_CHECK_BOUNDS): string {
  const kinds = POSED_KINDS.filter((k) => check.stats[k]);
  const rows = AU_LIST.map((a) => [
    a.id,
    ...kinds.map((k) => {
      const st = check.stats[k]![a.id]!;
      const proto = PROTOTYPES[k];
      const mark = proto.rise.some((g) => g.includes(a.id as AuId)) ? '+' : tooOften(proto.allowed, a.id, st, bounds) ? 'x' : ' ';
      return `${fmt(st.mean, 1)} / ${fmt(st.share * 100, 0).padStart(3)}%${mark}`;
    }),
  ]);
  return table(['AU', ...kinds.map((k) => `${k} (${check.samples[k]})`)], rows);
}
