/**
 * The people evaluation in Node, in seconds: every planned METT clip and every held-expression
 * video of the people fixtures replayed from the recorded model output (replay.ts) through the AU
 * estimator and the flash engine, with the same tables as `npm run eval`. For iterating on the AU
 * stage and the rules; the browser run is the measurement.
 *
 *   npx tsx eval/people/preview.ts [--set nimstim,london] [--fps 30] [--frames 2,3] [--misses] [--rules file.json]
 */
import { readFileSync } from 'node:fs';
import { defaultRules, parseRules, type FlashEvent } from '../../src/shared/flash/index.ts';
import { FLASH_FRAMES, FPS } from '../cases.ts';
import { listPeople, type Person } from './catalog.ts';
import { planPeopleClip, type PeopleClipPlan } from './plan.ts';
import { replayStillsClip, replayWithNeutral, videoRecording } from './replay.ts';
import { peopleFigures, peopleTables, type HeldResult } from './report.ts';
import { clipName, heldVerdict, scorePeopleClip, type ScoredClip } from './score.ts';

function arg(name: string): string | null {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? null : process.argv[k + 1] ?? null;
}
const list = (name: string) => arg(name)?.split(',') ?? null;
const sets = list('set');
const fpsList = list('fps')?.map(Number) ?? [...FPS];
const lengths = list('frames')?.map(Number) ?? [...FLASH_FRAMES];
const rulesPath = arg('rules');
const rules = rulesPath ? parseRules(JSON.parse(readFileSync(rulesPath, 'utf8'))) : defaultRules();

const people = listPeople().filter((p) => !sets || sets.includes(p.set));
const plans: PeopleClipPlan[] = [];
const clips: ScoredClip[] = [];
const eventsByClip = new Map<string, FlashEvent[]>();
const held: HeldResult[] = [];

function heldOf(p: Person): HeldResult[] {
  const neutral = videoRecording(p.neutral);
  const run = (path: string, label: string, kind: HeldResult['kind']): HeldResult => {
    const rec = videoRecording(path);
    const events = replayWithNeutral(neutral, rec, rules);
    return { person: p, label, kind, verdict: heldVerdict(events), durationS: (rec.frames.at(-1)?.timestampMs ?? 0) / 1000 };
  };
  return [run(p.neutral, 'neutral', null), ...p.posed.map((s) => run(s.path, s.label, s.kind))];
}

const t0 = performance.now();
for (const p of people) {
  if (p.media === 'video') {
    held.push(...heldOf(p));
    continue;
  }
  for (const fps of fpsList) {
    const plan = planPeopleClip(p, fps, lengths);
    const { events, frameMs } = replayStillsClip(plan, rules);
    plans.push(plan);
    clips.push(scorePeopleClip(plan, frameMs, events));
    eventsByClip.set(clipName(plan), events);
  }
}
const figures = peopleFigures(plans, clips, held);
console.log(peopleTables(figures, held, people));

if (process.argv.includes('--misses')) {
  console.log('Missed or mislabelled (bar lengths):');
  for (const c of clips) {
    for (const t of c.truths) {
      if (!(t.fps >= 60 ? t.frames >= 2 : t.frames >= 3)) continue;
      const ev = eventsByClip.get(t.clip)!.filter((e) => e.onsetMs >= t.onsetMs - t.frameMs && e.onsetMs <= t.onsetMs + (t.frames + 2) * t.frameMs);
      if (!ev.some((e) => e.kind === t.kind)) console.log(`  ${t.source} ${t.fps}fps x${t.frames}: ${ev.map((e) => e.kind).join('+') || 'none'} (${t.kind})`);
    }
    for (const w of c.controls) {
      const ev = eventsByClip.get(w.clip)!.filter((e) => e.onsetMs >= w.startMs && e.onsetMs <= w.endMs);
      if (ev.length) console.log(`  control ${w.clip} ${w.label}: ${ev.map((e) => e.kind).join('+')}`);
    }
  }
  for (const h of held) if (h.verdict.dominant !== h.kind) console.log(`  held ${h.person.id} ${h.label}: ${JSON.stringify(h.verdict.msByKind)} (${h.kind ?? 'neutral'})`);
}
console.log(`Preview over ${people.length} people in ${((performance.now() - t0) / 1000).toFixed(1)} s (recorded model output, Node).`);
