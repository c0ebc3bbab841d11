/**
 * The personal model against the rules, on held-out expressions of the same person (recorded model
 * output, Node, tfjs on the CPU). For each person of the people fixtures with more than one kind:
 *
 * - NimStim (stills): trained on the closed-mouth poses, tested on the open-mouth ones, and the
 *   other way round. The rules' kind for a test still is what the engine calls a 6-frame flash of
 *   it at 30 fps (the METT clip of `npm run eval`).
 * - MEAD, CREMA-D (videos): trained on windows of the first half of each expression clip, tested
 *   on windows of the second half. The rules' kind is the kind whose events cover most of that
 *   half (none when the rules see nothing), the neutral calibrated on the person's neutral clip.
 *
 * A sample is the per-AU peak over its frames relative to the person's neutral (a still is one
 * frame), as practice mode feeds the model a flash's peaks. London people pose one kind only: no
 * model to train.
 *
 * Part of `npm run eval` (from the recordings `npm test` makes); alone:
 *
 *   npx tsx eval/personal-model.ts
 */
import { pathToFileURL } from 'node:url';
import { AU_CHANNEL_INDEX, AU_LIST, createAuEstimator } from '../src/shared/au/index.ts';
import { featuresOf } from '../src/shared/personal-model/features.ts';
import type { LabelledSample } from '../src/shared/contract/index.ts';
import { loadClassifier, trainClassifier } from '../src/shared/personal-model/classifier.ts';
import { auInputOf } from '../scripts/lib/recordings.ts';
import { matchEvents } from './metrics.ts';
import { auSamples } from './people/au-check.ts';
import { listPeople, type Person } from './people/catalog.ts';
import { planPeopleClip } from './people/plan.ts';
import { calibratedEstimator, replayHeld, replayStillsClip, videoRecording } from './people/replay.ts';
import { scorePeopleClip, type EventLike } from './people/score.ts';
import { fmt, table } from './table.ts';

/** Windows each half of an expression clip is cut into (one sample each). */
const WINDOWS_PER_HALF = 4;
const STILL_FLASH = { fps: 30, frames: 6 };

interface TestSample extends LabelledSample {
  /** What the rules called it (null: nothing). */
  rules: string | null;
}

interface Split {
  person: string;
  split: string;
  train: LabelledSample[];
  test: TestSample[];
}

const BILATERAL = AU_LIST.map((a) => AU_CHANNEL_INDEX[a.id]);

function stillSplits(p: Person): Split[] {
  const samples = auSamples([p]);
  const plan = planPeopleClip(p, STILL_FLASH.fps, [STILL_FLASH.frames]);
  const { events, frameMs } = replayStillsClip(plan);
  const scored = scorePeopleClip(plan, frameMs, events);
  const { matches } = matchEvents(scored.truths, scored.detections);
  const rulesOf = (label: string) => matches.find((m) => m.truth.source === `${p.id} ${label}`)?.detection?.kind ?? null;
  const all = samples.map((s) => ({ kind: s.kind, features: featuresOf(s.aus), rules: rulesOf(s.label), mouth: s.label.slice(-1) }));
  const half = (m: string) => all.filter((s) => s.mouth === m);
  const split = (train: typeof all, test: typeof all, name: string): Split => {
    const kinds = new Set(train.map((s) => s.kind));
    return { person: p.id, split: name, train, test: test.filter((s) => kinds.has(s.kind)) };
  };
  return [split(half('C'), half('O'), 'closed -> open'), split(half('O'), half('C'), 'open -> closed')];
}

/** The kind whose events cover most of [fromMs, toMs], or null without any. */
function dominantIn(events: readonly EventLike[], fromMs: number, toMs: number): string | null {
  const ms = new Map<string, number>();
  for (const e of events) {
    const overlap = Math.min(toMs, e.offsetMs) - Math.max(fromMs, e.onsetMs);
    if (overlap > 0) ms.set(e.kind, (ms.get(e.kind) ?? 0) + overlap);
  }
  return [...ms.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function videoSplit(p: Person): Split {
  const neutral = videoRecording(p.neutral);
  const baseline = calibratedEstimator(neutral).getBaseline()!;
  const train: LabelledSample[] = [];
  const test: TestSample[] = [];
  for (const s of p.posed) {
    const rec = videoRecording(s.path);
    const est = createAuEstimator();
    est.setBaseline(baseline);
    const rows = rec.frames.filter((f) => f.landmarks).map((f) => est.step(auInputOf(f, rec)).aus);
    const half = rows.length >> 1;
    const windows = (from: number, to: number) => {
      const n = Math.max(1, Math.floor((to - from) / WINDOWS_PER_HALF));
      const out: number[][] = [];
      for (let w = 0; w < WINDOWS_PER_HALF; w++) {
        const part = rows.slice(from + w * n, Math.min(to, from + (w + 1) * n));
        if (part.length) out.push(BILATERAL.map((c) => Math.max(0, ...part.map((r) => (Number.isFinite(r[c]!) ? r[c]! : 0)))));
      }
      return out;
    };
    const r = replayHeld(neutral, rec);
    const halfMs = r.cutMs + (r.endMs - r.cutMs) / 2;
    const verdict = dominantIn(r.events, halfMs, r.endMs);
    for (const peaks of windows(0, half)) train.push({ kind: s.kind, features: featuresOf(peaks) });
    for (const peaks of windows(half, rows.length)) test.push({ kind: s.kind, features: featuresOf(peaks), rules: verdict });
  }
  return { person: p.id, split: 'first half -> second half', train, test };
}

export interface PersonalModelResult {
  person: string;
  split: string;
  tests: number;
  rulesRight: number;
  modelRight: number;
  trainMs: number;
}

function total(name: string, rs: readonly PersonalModelResult[]): string[] {
  const sum = (f: (r: PersonalModelResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  const tests = sum((r) => r.tests);
  return [
    name,
    '',
    '',
    String(tests),
    `${fmt(sum((r) => r.rulesRight) / tests)} (${sum((r) => r.rulesRight)})`,
    `${fmt(sum((r) => r.modelRight) / tests)} (${sum((r) => r.modelRight)})`,
    fmt(sum((r) => r.trainMs) / rs.length, 0),
  ];
}

/** Trains and tests a personal model per person and split; the table and the rows. */
export async function evaluatePersonalModels(): Promise<{ table: string; results: PersonalModelResult[] }> {
  const people = listPeople().filter((p) => p.set !== 'london');
  const rows: string[][] = [];
  const results: PersonalModelResult[] = [];
  for (const p of people) {
    const splits = p.media === 'still' ? stillSplits(p) : [videoSplit(p)];
    for (const s of splits) {
      // One pose per kind and split for the stills: each is one try (augmented like any other).
      const model = await trainClassifier(s.train, { minTriesPerKind: 1 });
      const c = await loadClassifier(model);
      const predicted = c.predict(s.test.map((t) => t.features));
      c.dispose();
      const modelRight = predicted.filter((q, i) => q.kind === s.test[i]!.kind).length;
      const rulesRight = s.test.filter((t) => t.rules === t.kind).length;
      results.push({ person: s.person, split: s.split, tests: s.test.length, rulesRight, modelRight, trainMs: model.trainMs });
      rows.push([
        s.person,
        s.split,
        String(s.train.length),
        String(s.test.length),
        fmt(rulesRight / s.test.length),
        fmt(modelRight / s.test.length),
        fmt(model.trainMs, 0),
      ]);
    }
  }
  rows.push(
    total(
      'NimStim (stills)',
      results.filter((r) => r.person.startsWith('nimstim')),
    ),
  );
  rows.push(
    total(
      'MEAD, CREMA-D (videos)',
      results.filter((r) => !r.person.startsWith('nimstim')),
    ),
  );
  rows.push(total('all', results));
  return {
    table: table(['person', 'train -> test', 'train samples', 'test samples', 'rules', 'personal model', 'train ms'], rows),
    results,
  };
}

export const PERSONAL_MODEL_TITLE =
  'Personal model: right kind on held-out expressions of the same person, the rules against a model trained on the rest (tfjs, CPU, Node).';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { table: t } = await evaluatePersonalModels();
  console.log(PERSONAL_MODEL_TITLE);
  console.log(t);
}
