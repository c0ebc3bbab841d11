/**
 * Figures and tables for the people fixtures, from scored clips and held-expression verdicts:
 * per kind, per person, per frame rate and length, a confusion matrix, precision, false flashes on
 * controls and on the neutral face, and the held-expression videos. Shared by the browser
 * evaluation and the Node preview, so both print the same tables. Pure.
 */
import { figures, groupBy, matchEvents, precisionByKind, type Figures, type Match, type MatchResult } from '../metrics.ts';
import { fmt, table } from '../table.ts';
import { POSED_KINDS, type Person, type PosedKind } from './catalog.ts';
import type { PeopleClipPlan } from './plan.ts';
import type { HeldVerdict, ScoredClip } from './score.ts';

export interface HeldResult {
  person: Person;
  label: string;
  kind: PosedKind;
  /** Events from the cut on (the expression clip). */
  verdict: HeldVerdict;
  /** Events in the neutral clip before the cut (each one a false flash), and its length. */
  neutralEvents: number;
  neutralS: number;
}

export interface PeopleFigures {
  /** Flashes of the bar's lengths (>= 3 frames at 30 fps, >= 2 at 60 fps). */
  bar: {
    byKind: Record<string, Figures>;
    all: Figures;
    byPerson: Record<string, Figures>;
    /** Each set's people on their own (`london`, `london anger`...): the bars measured again on people of one source. */
    bySet: Record<string, Figures>;
  };
  allLengths: { byKind: Record<string, Figures>; all: Figures; byCondition: Record<string, Figures> };
  /** Posed kind -> detected kind (or 'missed') -> count, bar lengths. */
  confusion: Record<string, Record<string, number>>;
  precision: {
    detections: number;
    matched: number;
    rightKind: number;
    overall: number;
    rightKindOverall: number;
    byKind: Record<string, { detected: number; correct: number; precision: number }>;
  };
  falseFlashes: { onControls: number; controls: number; onNeutral: number; neutralS: number; concurrent: number; gazeOnStills: number };
  held: { detected: number; rightKind: number; clips: number; neutralEvents: number; neutralS: number };
}

/** The lengths the accuracy bars are set for: a flash of >= 3 frames at 30 fps, >= 2 frames at 60 fps. */
export function inBar(fps: number, frames: number): boolean {
  return fps >= 60 ? frames >= 2 : frames >= 3;
}

const byKey = (ms: Match[], key: (m: Match) => string): Record<string, Figures> =>
  Object.fromEntries([...groupBy(ms, key)].map(([k, v]) => [k, figures(v)]));

export function peopleFigures(plans: readonly PeopleClipPlan[], clips: readonly ScoredClip[], held: readonly HeldResult[]): PeopleFigures {
  const result: MatchResult = matchEvents(
    clips.flatMap((c) => c.truths),
    clips.flatMap((c) => c.detections),
    clips.flatMap((c) => c.controls),
  );
  const bar = result.matches.filter((m) => inBar(m.truth.fps, m.truth.frames));
  const setOf = new Map(plans.map((p) => [p.person.id, p.person.set]));
  const set = (m: Match) => setOf.get(m.truth.person ?? '') ?? '?';
  const confusion: Record<string, Record<string, number>> = {};
  for (const m of bar) {
    const row = (confusion[m.truth.kind] ??= {});
    const got = m.detection?.kind ?? 'missed';
    row[got] = (row[got] ?? 0) + 1;
  }
  const matched = result.matches.filter((m) => m.detection);
  const detections = matched.length + result.unmatched.length;
  const rightKind = matched.filter((m) => m.detection!.kind === m.truth.kind).length;
  const neutralS = plans.reduce((a, p) => a + (p.sequence.filter((l) => l === 'neutral').length - p.fps) / p.fps, 0);
  return {
    bar: {
      byKind: byKey(bar, (m) => m.truth.kind),
      all: figures(bar),
      byPerson: byKey(bar, (m) => m.truth.person ?? '?'),
      bySet: { ...byKey(bar, set), ...byKey(bar, (m) => `${set(m)} ${m.truth.kind}`) },
    },
    allLengths: {
      byKind: byKey(result.matches, (m) => m.truth.kind),
      all: figures(result.matches),
      byCondition: byKey(result.matches, (m) => `${m.truth.fps} fps x${m.truth.frames}`),
    },
    confusion,
    precision: {
      detections,
      matched: matched.length,
      rightKind,
      overall: detections ? matched.length / detections : NaN,
      rightKindOverall: detections ? rightKind / detections : NaN,
      byKind: precisionByKind(result),
    },
    falseFlashes: {
      onControls: result.unmatched.filter((u) => u.reason === 'control').length,
      controls: clips.reduce((a, c) => a + c.controls.length, 0),
      onNeutral: result.unmatched.filter((u) => u.reason === 'spurious').length,
      neutralS,
      concurrent: result.unmatched.filter((u) => u.reason === 'concurrent').length,
      gazeOnStills: clips.reduce((a, c) => a + c.gazeEvents, 0),
    },
    held: {
      detected: held.filter((h) => h.verdict.events > 0).length,
      rightKind: held.filter((h) => h.verdict.dominant === h.kind).length,
      clips: held.length,
      neutralEvents: held.reduce((a, h) => a + h.neutralEvents, 0),
      neutralS: held.reduce((a, h) => a + h.neutralS, 0),
    },
  };
}

const FIG_HEAD = ['', 'flashes', 'detected', 'recall', 'right kind', 'onset err med ms', 'max frames'];
const figRow = (label: string, f: Figures | undefined): string[] =>
  f
    ? [
        label,
        String(f.truths),
        String(f.matched),
        fmt(f.recall),
        fmt(f.kindAccuracy),
        fmt(f.onsetErrMedianMs, 1),
        fmt(f.onsetErrMaxFrames, 2),
      ]
    : [label, '0', '-', '-', '-', '-', '-'];

export function peopleTables(f: PeopleFigures, held: readonly HeldResult[], people: readonly Person[]): string {
  const out: string[] = [];
  out.push('Per posed kind, flashes of >= 3 frames at 30 fps and >= 2 frames at 60 fps (the bars):');
  out.push(table(FIG_HEAD, [...POSED_KINDS.map((k) => figRow(k, f.bar.byKind[k])), figRow('all', f.bar.all)]));
  out.push('');
  const sets = [...new Set(people.map((q) => q.set))].filter((x) => f.bar.bySet[x]);
  if (sets.length > 1) {
    out.push('Per set, bar lengths (each set on its own):');
    out.push(
      table(
        FIG_HEAD,
        sets.flatMap((x) => [
          ...POSED_KINDS.filter((k) => f.bar.bySet[`${x} ${k}`]).map((k) => figRow(`${x} ${k}`, f.bar.bySet[`${x} ${k}`])),
          figRow(`${x} all`, f.bar.bySet[x]),
        ]),
      ),
    );
    out.push('');
  }
  out.push('Per posed kind, every length (2-12 frames):');
  out.push(table(FIG_HEAD, [...POSED_KINDS.map((k) => figRow(k, f.allLengths.byKind[k])), figRow('all', f.allLengths.all)]));
  out.push('');
  out.push('Per frame rate and flash length:');
  out.push(
    table(
      FIG_HEAD,
      Object.entries(f.allLengths.byCondition)
        .sort(([a], [b]) => condOrder(a) - condOrder(b))
        .map(([k, v]) => figRow(k, v)),
    ),
  );
  out.push('');
  const detectedKinds = [...new Set(Object.values(f.confusion).flatMap((r) => Object.keys(r)))].filter((k) => k !== 'missed').sort();
  out.push('Confusion, bar lengths (rows: posed kind; columns: detected kind):');
  out.push(
    table(
      ['posed \\ detected', ...detectedKinds, 'missed'],
      POSED_KINDS.filter((k) => f.confusion[k]).map((k) => [
        k,
        ...[...detectedKinds, 'missed'].map((d) => String(f.confusion[k]![d] ?? 0)),
      ]),
    ),
  );
  out.push('');
  const p = f.precision;
  out.push(
    `Precision: ${p.matched} of ${p.detections} detections lie on a flash (${fmt(p.overall)}); ${p.rightKind} of them with the posed kind (${fmt(p.rightKindOverall)} of all detections).`,
  );
  out.push(
    table(
      ['detected kind', 'detections', 'right', 'precision'],
      Object.entries(p.byKind).map(([k, v]) => [k, String(v.detected), String(v.correct), fmt(v.precision)]),
    ),
  );
  out.push('');
  const ff = f.falseFlashes;
  out.push(
    `False flashes: ${ff.onControls} on ${ff.controls} controls (a relaxed or open-mouthed neutral spliced in like a flash); ${ff.onNeutral} on ${fmt(ff.neutralS, 0)} s of neutral face; ${ff.concurrent} beside a flash. Not counted: ${ff.gazeOnStills} dissociation events (on a clip of photos the gaze never moves, which is the staring it detects).`,
  );
  out.push('');
  out.push('Per person, bar lengths:');
  out.push(
    table(
      ['person', 'flashes', 'detected', 'recall', 'right kind'],
      people
        .filter((q) => f.bar.byPerson[q.id])
        .map((q) => {
          const v = f.bar.byPerson[q.id]!;
          return [q.id, String(v.truths), String(v.matched), fmt(v.recall), fmt(v.kindAccuracy)];
        }),
    ),
  );
  out.push('');
  if (held.length) {
    const h = f.held;
    out.push(
      `Held expressions (videos: the person's neutral clip, then the expression clip, speech going on; neutral calibrated on the neutral clip): ${h.detected} of ${h.clips} expression clips gave an event, ${h.rightKind} with the posed kind as the longest; ${h.neutralEvents} events in ${fmt(h.neutralS, 0)} s of neutral clips.`,
    );
    const persons = [...new Set(held.map((x) => x.person.id))];
    const kinds = POSED_KINDS.filter((k) => held.some((x) => x.kind === k));
    out.push(
      table(
        ['person', ...kinds, 'neutral part'],
        persons.map((id) => [
          id,
          ...kinds.map((k) => {
            const x = held.find((y) => y.person.id === id && y.kind === k);
            if (!x) return '';
            return x.verdict.dominant === null ? 'none' : x.verdict.dominant === x.kind ? 'right' : x.verdict.dominant;
          }),
          String(held.filter((y) => y.person.id === id).reduce((a, y) => a + y.neutralEvents, 0)),
        ]),
      ),
    );
    out.push('');
  }
  return out.join('\n');
}

function condOrder(k: string): number {
  const m = /^(\d+) fps x(\d+)$/.exec(k);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : 0;
}
