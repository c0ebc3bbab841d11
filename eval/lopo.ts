/**
 * Leave-one-person-out check of the rule thresholds that were chosen by looking at the people
 * fixtures (the Node preview's replay of their recorded model output). For each held-out person,
 * each such threshold is chosen again from its candidates on the other people only (one at a time,
 * the others at their shipped values; by flashes detected with their kind less false detections),
 * and the rules so chosen are scored on the held-out person.
 * If the shipped figures were fitted to these people, the held-out figures come out lower.
 *
 *   npx tsx eval/lopo.ts [--fps 30] [--frames 3] [--stills-only]
 */
import { defaultRules, parseRules, type Rules } from '../src/shared/flash/index.ts';
import { FLASH_FRAMES, FPS } from './cases.ts';
import { figures, matchEvents } from './metrics.ts';
import { listPeople, type Person } from './people/catalog.ts';
import { planPeopleClip } from './people/plan.ts';
import { replayStillsClip, type StillSource } from './people/replay.ts';
import { inBar } from './people/report.ts';
import { scorePeopleClip } from './people/score.ts';
import { asStillPeople } from './people/video-stills.ts';
import { fmt, table } from './table.ts';

/** Where a threshold sits: which rule (kind and its n-th rule of that kind) and the path inside it to the number. */
interface KnobSite {
  kind: string;
  nth: number;
  path: (string | number)[];
}

/** A threshold of the shipped rules, its candidates, and any other place that must hold the same number (one boundary between two rules). */
interface Knob extends KnobSite {
  name: string;
  candidates: number[];
  also?: KnobSite[];
}

const KNOBS: Knob[] = [
  { name: 'disgust AU7 min', kind: 'disgust', nth: 0, path: ['allOf', 1, 'min'], candidates: [2.0, 2.5, 3.0] },
  { name: 'sadness AU1 min', kind: 'sadness', nth: 0, path: ['allOf', 0, 'min'], candidates: [0.8, 1.0, 1.2] },
  { name: 'sadness AU7 min', kind: 'sadness', nth: 0, path: ['anyOf', 0, 3, 'min'], candidates: [1.5, 2.0, 2.5] },
  { name: 'sadness (frown) AU15 min', kind: 'sadness', nth: 1, path: ['allOf', 1, 'min'], candidates: [1.0, 1.2, 1.5] },
  { name: 'sadness (crying) AU1 min', kind: 'sadness', nth: 2, path: ['allOf', 0, 'min'], candidates: [1.0, 1.2, 1.5] },
  { name: 'sadness (crying) AU4 max', kind: 'sadness', nth: 2, path: ['exclude', 1, 'max'], candidates: [0.3, 0.5, 0.8] },
  { name: 'fear AU20 min', kind: 'fear', nth: 0, path: ['anyOf', 0, 0, 'min'], candidates: [0.6, 0.8, 1.0] },
  { name: 'surprise (no jaw drop) AU20 max', kind: 'surprise', nth: 1, path: ['exclude', 1, 'max'], candidates: [0.4, 0.6, 1.0] },
  {
    name: 'fear (lips parted) AU5 min = surprise (no jaw drop) AU5 max',
    kind: 'fear',
    nth: 1,
    path: ['allOf', 2, 'min'],
    candidates: [1.2, 1.4, 1.7],
    also: [{ kind: 'surprise', nth: 1, path: ['exclude', 4, 'max'] }],
  },
  { name: 'happiness AU12 min', kind: 'happiness', nth: 0, path: ['allOf', 0, 'min'], candidates: [0.5, 0.6, 0.75] },
  { name: 'happiness AU6 min', kind: 'happiness', nth: 0, path: ['allOf', 1, 'min'], candidates: [0.4, 0.5, 0.7] },
  { name: 'happiness (12 alone) AU12 min', kind: 'happiness', nth: 1, path: ['allOf', 0, 'min'], candidates: [0.85, 1.0, 1.15] },
  { name: 'happiness AU4 max', kind: 'happiness', nth: 0, path: ['exclude', 0, 'max'], candidates: [2.5, 3.0, 3.5] },
  { name: 'one-sided smile AU14 min', kind: 'one_sided_smile', nth: 0, path: ['anyOf', 0, 1, 'min'], candidates: [1.5, 1.75, 2.0] },
];

function arg(name: string): number[] | null {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? null : process.argv[k + 1]!.split(',').map(Number);
}
const fpsList = arg('fps') ?? [...FPS];
const lengths = arg('frames') ?? [...FLASH_FRAMES];

type RulesDoc = { rules: Record<string, unknown>[] };

const shipped = JSON.parse(JSON.stringify(defaultRules())) as RulesDoc;

/** The object holding a site's number, and the number's key in it. */
function holder(doc: RulesDoc, site: KnobSite): [Record<string | number, unknown>, string | number] {
  let at = doc.rules.filter((r) => r.kind === site.kind)[site.nth]! as Record<string | number, unknown>;
  for (const key of site.path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  return [at, site.path.at(-1)!];
}

function setKnob(doc: RulesDoc, knob: Knob, value: number): void {
  for (const site of [knob, ...(knob.also ?? [])]) {
    const [at, key] = holder(doc, site);
    at[key] = value;
  }
}

function getKnob(doc: RulesDoc, knob: Knob): number {
  const [at, key] = holder(doc, knob);
  const value = at[key] as number;
  for (const site of knob.also ?? []) {
    const [other, k] = holder(doc, site);
    if (other[k] !== value)
      throw new Error(`${knob.name}: the shipped rules hold ${value} and ${String(other[k])}; they must be one number`);
  }
  return value;
}

function variant(values: Record<string, number>): Rules {
  const doc = JSON.parse(JSON.stringify(shipped)) as typeof shipped;
  for (const k of KNOBS) if (values[k.name] !== undefined) setKnob(doc, k, values[k.name]!);
  return parseRules(doc);
}

/** The still sets, and the video sets' frames as stills (eval/people/video-stills.ts: where the one-sided smile has flashes). */
const stillsOnly = process.argv.includes('--stills-only');
const asStills = asStillPeople(listPeople().filter((p) => !stillsOnly || p.media === 'still'));
const people: Person[] = asStills.map((s) => s.person);
const sources = new Map<string, StillSource>(asStills.flatMap((s) => (s.source ? [[s.person.id, s.source] as const] : [])));

/** Per person: bar-length flashes, those detected with the posed kind, and detections on no flash (controls, neutral face, beside a flash). */
type Score = Map<string, { truths: number; right: number; false: number }>;
const cache = new Map<string, Score>();

function score(values: Record<string, number>): Score {
  const key = JSON.stringify(values);
  const hit = cache.get(key);
  if (hit) return hit;
  const rules = variant(values);
  const out: Score = new Map();
  for (const p of people) {
    const clips = fpsList.map((fps) => {
      const plan = planPeopleClip(p, fps, lengths);
      const { events, frameMs } = replayStillsClip(plan, rules, sources.get(p.id));
      return scorePeopleClip(plan, frameMs, events);
    });
    const result = matchEvents(
      clips.flatMap((c) => c.truths),
      clips.flatMap((c) => c.detections),
      clips.flatMap((c) => c.controls),
    );
    const bar = result.matches.filter((m) => inBar(m.truth.fps, m.truth.frames));
    const f = figures(bar);
    out.set(p.id, { truths: f.truths, right: f.rightKind, false: result.unmatched.length });
  }
  cache.set(key, out);
  return out;
}

/** The selection objective: flashes detected with their kind, less the false detections, per flash. */
const total = (s: Score, keep: (p: Person) => boolean) => {
  let truths = 0;
  let right = 0;
  let falses = 0;
  for (const p of people) {
    if (!keep(p)) continue;
    const v = s.get(p.id)!;
    truths += v.truths;
    right += v.right;
    falses += v.false;
  }
  return { truths, right, falses, rate: truths ? right / truths : NaN, objective: truths ? (right - falses) / truths : NaN };
};

const t0 = performance.now();
const base: Record<string, number> = Object.fromEntries(KNOBS.map((k) => [k.name, getKnob(shipped, k)]));
const shippedScore = score(base);
let heldTruths = 0;
let heldRight = 0;
let heldFalse = 0;
const choices = new Map<string, number>();
for (const held of people) {
  const chosen: Record<string, number> = { ...base };
  for (const k of KNOBS) {
    // The shipped value is kept on a tie: a candidate must do better on the others to replace it.
    let best = base[k.name]!;
    let bestRate = total(shippedScore, (p) => p.id !== held.id).objective;
    for (const c of k.candidates) {
      const s = score({ ...base, [k.name]: c });
      const r = total(s, (p) => p.id !== held.id).objective;
      if (r > bestRate + 1e-9) {
        bestRate = r;
        best = c;
      }
    }
    chosen[k.name] = best;
    const tag = `${k.name} = ${best}`;
    choices.set(tag, (choices.get(tag) ?? 0) + 1);
  }
  const s = score(chosen).get(held.id)!;
  heldTruths += s.truths;
  heldRight += s.right;
  heldFalse += s.false;
}
const all = total(shippedScore, () => true);
const byKind = (rate: number) => fmt(rate);
console.log(
  `Leave-one-person-out over ${people.length} people (${stillsOnly ? 'stills' : "stills, and the video sets' frames as stills"}; ${fpsList.join('/')} fps, ${lengths.join('/')} frames, bar lengths), ${cache.size} rule variants replayed:`,
);
console.log(
  table(
    ['rules', 'flashes', 'detected with the posed kind', 'share', 'false detections'],
    [
      ['shipped thresholds, scored on everyone', String(all.truths), String(all.right), byKind(all.rate), String(all.falses)],
      [
        'each threshold chosen without the held-out person, scored on that person',
        String(heldTruths),
        String(heldRight),
        byKind(heldRight / heldTruths),
        String(heldFalse),
      ],
    ],
  ),
);
console.log('Thresholds chosen (times out of the held-out runs):');
for (const [tag, n] of [...choices].sort()) console.log(`  ${tag}: ${n}`);
console.log(`Shipped: ${KNOBS.map((k) => `${k.name} = ${base[k.name]}`).join('; ')}.`);
console.log(`${((performance.now() - t0) / 1000).toFixed(0)} s.`);
