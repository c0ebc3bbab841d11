/**
 * The whole evaluation in Node, in seconds, from the recorded model output (scripts/record-landmarks.ts):
 * the fixture splice cases, every person's METT clips, the held-expression videos and the
 * talking heads, through the AU estimator and the flash engine, with the tables `npm run eval`
 * prints, and the AU check against the prototypes. For iterating on the AU stage and the rules;
 * recorded stills are the model's output on the original stills, so re-encoding effects are not
 * in it: the browser run (`npm run eval`) remains the measurement.
 *
 *   npx tsx eval/preview.ts [--set nimstim,london] [--fps 30] [--frames 2,3] [--misses] [--rules file.json]
 */
import { readFileSync } from 'node:fs';
import { defaultRules, parseRules, type FlashEvent } from '../src/shared/flash/index.ts';
import { FLASH_FRAMES, FPS } from './cases.ts';
import { replaySpeech, replaySpliceCases } from './fixture-replay.ts';
import { figures, groupBy, matchEvents, perMinute } from './metrics.ts';
import { auCheckTable, auSamples, checkAus } from './people/au-check.ts';
import { listPeople } from './people/catalog.ts';
import { planPeopleClip, type PeopleClipPlan } from './people/plan.ts';
import { replayHeld, replayStillsClip, videoRecording } from './people/replay.ts';
import { inBar, peopleFigures, peopleTables, type HeldResult } from './people/report.ts';
import { VIDEO_STILL_POINTS, videoStills } from './people/video-stills.ts';
import { clipName, heldVerdict, neutralPartEvents, scorePeopleClip, type ScoredClip } from './people/score.ts';
import { fmt, table } from './table.ts';

function arg(name: string): string | null {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? null : (process.argv[k + 1] ?? null);
}
const list = (name: string) => arg(name)?.split(',') ?? null;
const sets = list('set');
const fpsList = list('fps')?.map(Number) ?? [...FPS];
const lengths = list('frames')?.map(Number) ?? [...FLASH_FRAMES];
const rulesPath = arg('rules');
const rules = rulesPath ? parseRules(JSON.parse(readFileSync(rulesPath, 'utf8'))) : defaultRules();
const t0 = performance.now();

// Fixture videos (the two men the engine was first built on).
const fixture = replaySpliceCases(fpsList, lengths, rules);
const fixtureMatch = matchEvents(fixture.truths, fixture.detections);
const fixtureRows = [...groupBy(fixtureMatch.matches, (m) => m.truth.kind)].map(([k, ms]) => {
  const f = figures(ms);
  return [k, String(f.truths), String(f.matched), fmt(f.recall), fmt(f.kindAccuracy), fmt(f.onsetErrMaxFrames)];
});
console.log('Fixture videos, spliced apex frames (every length):');
console.log(table(['kind', 'flashes', 'detected', 'recall', 'right kind', 'max onset err frames'], fixtureRows));
console.log(`${fixtureMatch.unmatched.length} detections matched no flash.\n`);

// People.
const people = listPeople().filter((p) => !sets || sets.includes(p.set));
const plans: PeopleClipPlan[] = [];
const clips: ScoredClip[] = [];
const eventsByClip = new Map<string, FlashEvent[]>();
const held: HeldResult[] = [];
for (const p of people) {
  if (p.media === 'video') {
    const neutral = videoRecording(p.neutral);
    for (const s of p.posed) {
      const r = replayHeld(neutral, videoRecording(s.path), rules);
      const interval = r.cutMs / Math.max(1, neutral.frames.length);
      held.push({
        person: p,
        label: s.label,
        kind: s.kind,
        verdict: heldVerdict(r.events, r.cutMs - interval),
        neutralEvents: neutralPartEvents(r.events, r.cutMs - interval),
        neutralS: r.cutMs / 1000,
      });
    }
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
console.log(peopleTables(peopleFigures(plans, clips, held), held, people));

// The video sets' frames as flashes (eval/people/video-stills.ts).
const videoPlans: PeopleClipPlan[] = [];
const videoClips: ScoredClip[] = [];
const videoPeople: typeof people = [];
for (const p of people.filter((q) => q.media === 'video')) {
  const { person, source } = videoStills(p);
  videoPeople.push(person);
  for (const fps of fpsList) {
    const plan = planPeopleClip(person, fps, lengths);
    const { events, frameMs } = replayStillsClip(plan, rules, source);
    videoPlans.push(plan);
    videoClips.push(scorePeopleClip(plan, frameMs, events));
  }
}
if (videoPlans.length) {
  console.log(
    `Video sets as flashes: frames at ${VIDEO_STILL_POINTS.map((x) => `${x * 100}%`).join(', ')} of each expression clip spliced into the middle frame of the neutral clip (${videoPlans.length} clips):`,
  );
  console.log(peopleTables(peopleFigures(videoPlans, videoClips, []), [], videoPeople));
}

// Speech.
const speech = replaySpeech(rules);
console.log(
  `Talking heads (3 speakers, each entered at 0-4 s, forward then backward): ${speech.events} events in ${fmt(speech.seconds, 0)} s = ${fmt(perMinute(speech.events, speech.seconds))} per minute.`,
);
for (const r of speech.runs) if (r.events.length) console.log(`  ${r.clip} from ${r.fromS} s: ${r.events.join(' ')}`);
console.log('');

console.log(
  'AU check against the prototypes (mean intensity / share present; + = the prototype has it, x = present too often where no prototype has it):',
);
const check = checkAus(auSamples(people));
console.log(auCheckTable(check));
for (const v of check.violations) console.log(`  - ${v}`);
console.log('');

if (process.argv.includes('--misses')) {
  console.log('Missed or mislabelled (bar lengths):');
  for (const c of clips) {
    for (const t of c.truths) {
      if (!inBar(t.fps, t.frames)) continue;
      const ev = eventsByClip
        .get(t.clip)!
        .filter((e) => e.onsetMs >= t.onsetMs - t.frameMs && e.onsetMs <= t.onsetMs + (t.frames + 2) * t.frameMs);
      if (!ev.some((e) => e.kind === t.kind))
        console.log(`  ${t.source} ${t.fps}fps x${t.frames}: ${ev.map((e) => e.kind).join('+') || 'none'} (${t.kind})`);
    }
    for (const w of c.controls) {
      const ev = eventsByClip.get(w.clip)!.filter((e) => e.onsetMs >= w.startMs && e.onsetMs <= w.endMs);
      if (ev.length) console.log(`  control ${w.clip} ${w.label}: ${ev.map((e) => e.kind).join('+')}`);
    }
  }
  for (const h of held)
    if (h.verdict.dominant !== h.kind) console.log(`  held ${h.person.id} ${h.label}: ${JSON.stringify(h.verdict.msByKind)} (${h.kind})`);
}
console.log(`Preview over ${people.length} people in ${((performance.now() - t0) / 1000).toFixed(1)} s (recorded model output, Node).`);
if (process.argv.includes('--spurious')) {
  const res = matchEvents(
    clips.flatMap((c) => c.truths),
    clips.flatMap((c) => c.detections),
    clips.flatMap((c) => c.controls),
  );
  for (const u of res.unmatched) {
    const c = clips.find((x) => x.truths[0]?.clip === u.detection.clip)!;
    const before = c.truths.filter((t) => t.onsetMs <= u.detection.onsetMs).at(-1);
    console.log(
      `  ${u.reason} ${u.detection.clip} ${u.detection.kind}@${u.detection.onsetMs.toFixed(0)} after ${before?.source} x${before?.frames} @${before?.onsetMs.toFixed(0)}`,
    );
  }
}
