/**
 * Accuracy harness (`npm run eval`): builds spliced flash clips from the fixture videos at run time
 * (into .cache/eval/, never committed), runs them and untouched talking-head clips through the real
 * pipeline (headless Chromium, MediaPipe -> AU estimator -> flash engine, CPU delegate) and prints
 * recall, precision, kind accuracy, onset error and false flashes per minute. The same figures go
 * to .cache/eval/report.json. Cases and their reasons: eval/cases.ts; matching: eval/metrics.ts.
 *
 * Then the people fixtures (../shared/fixtures/people): every person's METT clips, the held
 * expressions of the video sets, and the AU check against the prototypes (eval/people/).
 *
 * Options: --fps 30,60  --frames 2,3  (subsets, for a quick look), --no-false-alarms,
 * --no-people, --people-only, --set nimstim,london (people sets), --jobs 2 (parallel pages for the people).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AnalyzedFrame } from '../src/shared/analyzed-frame.ts';
import { AU_CHANNEL_INDEX, AU_LIST, FLASH_KINDS, type FlashEvent } from '../src/shared/contract/index.ts';
import { fmt, lpad, pad, table } from './table.ts';
import { auCheckTable, checkAus } from './people/au-check.ts';
import { listPeople, SET_NOTES, type Person } from './people/catalog.ts';
import { runPeople, type PeopleRun } from './people/browser-run.ts';
import { personVideoStills } from './people/media.ts';
import { CONTROL_FRAMES, PEOPLE_CLIP_TIMING } from './people/plan.ts';
import { peopleFigures, peopleTables } from './people/report.ts';
import { VIDEO_STILL_POINTS } from './people/video-stills.ts';
import { launchAnalysisBrowser } from '../src/node/analysis-runner.ts';
import { AnalysisError } from '../src/node/analysis-types.ts';
import { PROJECT_ROOT } from '../src/node/paths.ts';
import { fixtureVideo, flashSequenceClip, framePtsSeconds, h264Copy } from '../scripts/lib/media.ts';
import {
  FLASH_FRAMES,
  FPS,
  GAP_S,
  LEAD_S,
  NEUTRAL_STRETCHES,
  NO_FIXTURE,
  SMILING_SPEECH_CLIPS,
  SPEECH_CLIPS,
  SPLICE_CASES,
  TAIL_S,
} from './cases.ts';
import { evaluatePersonalModels, PERSONAL_MODEL_TITLE } from './personal-model.ts';
import {
  figures,
  groupBy,
  matchEvents,
  overallPrecision,
  perMinute,
  precisionByKind,
  type Detection,
  type Figures,
  type TruthFlash,
} from './metrics.ts';

const EVAL_DIR = resolve(PROJECT_ROOT, '.cache', 'eval');
const CLIP_DIR = join(EVAL_DIR, 'clips');

function listArg(name: string): number[] | null {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? null : process.argv[k + 1]!.split(',').map(Number);
}
const fpsList = listArg('fps') ?? [...FPS];
const framesList = listArg('frames') ?? [...FLASH_FRAMES];
const peopleOnly = process.argv.includes('--people-only');
const withFalseAlarms = !process.argv.includes('--no-false-alarms') && !peopleOnly;
const withPeople = !process.argv.includes('--no-people');
const setArg = process.argv.indexOf('--set');
const peopleSets = setArg < 0 ? null : process.argv[setArg + 1]!.split(',');
const jobsArg = process.argv.indexOf('--jobs');
/** Pages analysing people in parallel: two on two cores analyse almost twice as many frames as one. */
const jobs = jobsArg < 0 ? 2 : Math.max(1, Number(process.argv[jobsArg + 1]));

interface ClipPlan {
  name: string;
  path: string;
  fps: number;
  flashes: { startFrame: number; frames: number; apexFrame: number; kind: string; source: string }[];
}

function planClips(): ClipPlan[] {
  const plans: ClipPlan[] = [];
  for (const c of SPLICE_CASES) {
    for (const fps of fpsList) {
      const flashes = framesList.flatMap((frames) => c.apexes.map((a) => ({ apexFrame: a.apexFrame, frames, kind: a.kind })));
      const clip = flashSequenceClip({
        video: c.video,
        neutralFrame: c.neutralFrame,
        flashes,
        fps,
        leadFrames: Math.round(LEAD_S * fps),
        gapFrames: Math.round(GAP_S * fps),
        tailFrames: Math.round(TAIL_S * fps),
        dir: CLIP_DIR,
      });
      plans.push({
        name: `${c.video.replace(/\.[^.]+$/, '')}@${fps}`,
        path: clip.path,
        fps,
        flashes: flashes.map((f, i) => ({ ...f, startFrame: clip.startFrames[i]!, source: `${c.video}#${f.apexFrame}` })),
      });
    }
  }
  return plans;
}

const r = fmt;

function figureRow(label: string, f: Figures): string[] {
  return [
    label,
    String(f.truths),
    String(f.matched),
    r(f.recall),
    r(f.kindAccuracy),
    r(f.onsetErrMedianMs, 1),
    r(f.onsetErrMaxMs, 1),
    r(f.onsetErrMaxFrames, 2),
  ];
}
const FIG_HEAD = ['', 'flashes', 'detected', 'recall', 'kind acc', 'onset err med ms', 'max ms', 'max frames'];

function topAus(f: AnalyzedFrame | undefined): string {
  if (!f?.aus.length || f.aus[0] === null) return 'no face';
  return AU_LIST.map((a) => [a.id, f.aus[AU_CHANNEL_INDEX[a.id]] ?? 0] as const)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1])
    .map(([id, v]) => `${id.replace('AU0', 'AU')}=${v.toFixed(1)}`)
    .join(' ');
}

function poseJumpDeg(a: AnalyzedFrame | undefined, b: AnalyzedFrame | undefined): number {
  if (!a || !b || a.pose[0] === null || b.pose[0] === null) return NaN;
  return (Math.hypot(...a.pose.map((v, i) => (v as number) - b.pose[i]!)) * 180) / Math.PI;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  mkdirSync(CLIP_DIR, { recursive: true });
  console.log('Building spliced clips into .cache/eval/clips ...');
  const plans = peopleOnly ? [] : planClips();
  const speech = withFalseAlarms ? SPEECH_CLIPS.map((v) => ({ video: v, path: h264Copy(fixtureVideo(v), v.replace(/\.[^.]+$/, '')) })) : [];
  const smiling = withFalseAlarms ? SMILING_SPEECH_CLIPS.map((v) => ({ video: v, path: fixtureVideo(v) })) : [];
  const stretches = withFalseAlarms ? NEUTRAL_STRETCHES.map((s) => ({ ...s, path: fixtureVideo(s.video) })) : [];
  const totalFrames = plans.reduce((a, p) => a + framePtsSeconds(p.path).length, 0);
  console.log(
    `${plans.length} spliced clips, ${totalFrames} frames; ${speech.length + smiling.length + stretches.length} untouched clips.`,
  );

  const browser = await launchAnalysisBrowser({ delegate: 'CPU' });
  const truths: TruthFlash[] = [];
  const detections: Detection[] = [];
  const events: Record<string, FlashEvent[]> = {};
  const diag = new Map<TruthFlash, { poseJumpDeg: number; apexAus: string }>();
  const analyze = async (name: string, path: string) => {
    const frames: AnalyzedFrame[] = [];
    const started = performance.now();
    const res = await browser.analyze(path, { onFrames: (fs) => void frames.push(...fs) });
    events[name] = res.events;
    const s = (performance.now() - started) / 1000;
    console.log(`  ${pad(name, 40)} ${lpad(String(frames.length), 5)} frames ${lpad(s.toFixed(1), 6)} s  ${res.events.length} events`);
    return { frames, res };
  };
  let peopleRun: { people: Person[]; run: PeopleRun } | null = null;
  const speechRuns: { video: string; durationS: number; events: number; kinds: string[] }[] = [];
  const smilingRuns: typeof speechRuns = [];
  const stretchRuns: ((typeof speechRuns)[number] & { fromS: number; toS: number })[] = [];
  try {
    console.log('Analysing (headless Chromium, CPU delegate):');
    for (const p of plans) {
      const { frames, res } = await analyze(p.name, p.path);
      const pts = framePtsSeconds(p.path);
      const byIndex = new Map(frames.map((f) => [f.frameIndex, f]));
      for (const f of p.flashes) {
        const first = byIndex.get(f.startFrame);
        const onsetMs = first?.timestampMs ?? pts[f.startFrame]! * 1000;
        if (Math.abs(onsetMs - pts[f.startFrame]! * 1000) > 1)
          console.warn(`  warning: ${p.name} frame ${f.startFrame}: pipeline time ${onsetMs} ms, file pts ${pts[f.startFrame]! * 1000} ms`);
        const t: TruthFlash = {
          clip: p.name,
          kind: f.kind,
          onsetMs,
          frames: f.frames,
          frameMs: 1000 / p.fps,
          fps: p.fps,
          source: f.source,
        };
        truths.push(t);
        diag.set(t, { poseJumpDeg: poseJumpDeg(byIndex.get(f.startFrame - 1), first), apexAus: topAus(first) });
      }
      for (const e of res.events) detections.push({ clip: p.name, kind: e.kind, onsetMs: e.onsetMs });
    }
    for (const s of speech) {
      const { res } = await analyze(s.video, s.path);
      speechRuns.push({
        video: s.video,
        durationS: res.video.durationS,
        events: res.events.length,
        kinds: res.events.map((e) => `${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`),
      });
    }
    for (const s of smiling) {
      const { res } = await analyze(s.video, s.path);
      smilingRuns.push({
        video: s.video,
        durationS: res.video.durationS,
        events: res.events.length,
        kinds: res.events.map((e) => `${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`),
      });
    }
    for (const s of stretches) {
      const { frames, res } = await analyze(s.video, s.path);
      const firstFace = frames.find((f) => f.aus.length > 0 && f.aus[0] !== null);
      const fromS = firstFace ? firstFace.timestampMs / 1000 : s.endS;
      const inside = res.events.filter((e) => e.onsetMs < s.endS * 1000);
      stretchRuns.push({
        video: s.video,
        fromS,
        toS: s.endS,
        durationS: Math.max(0, s.endS - fromS),
        events: inside.length,
        kinds: inside.map((e) => `${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`),
      });
    }
    if (withPeople) {
      console.log('People (../shared/fixtures/people):');
      const people = listPeople().filter((p) => !peopleSets || peopleSets.includes(p.set));
      // The video sets' frames are picked from the recorded model output: cut them now, so that a
      // missing recording stops the run before the analysis rather than half-way through it.
      for (const p of people) if (p.media === 'video') personVideoStills(p);
      const extra = await Promise.all(Array.from({ length: jobs - 1 }, () => launchAnalysisBrowser({ delegate: 'CPU' })));
      try {
        peopleRun = { people, run: await runPeople([browser, ...extra], people, fpsList, framesList, (l) => console.log(l)) };
      } finally {
        await Promise.all(extra.map((b) => b.close()));
      }
    }
  } catch (err) {
    if (err instanceof AnalysisError) {
      console.error(`Analysis failed (${err.code}): ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await browser.close();
  }

  // Figures.
  const result = matchEvents(truths, detections);
  const byKind = groupBy(result.matches, (m) => m.truth.kind);
  const kindRows = FLASH_KINDS.map((k) => {
    const ms = byKind.get(k);
    if (!ms) return [k, '0', '-', '-', '-', '-', '-', NO_FIXTURE[k] ? 'no fixture' : '-'];
    return figureRow(k, figures(ms));
  });
  const all = figures(result.matches);
  kindRows.push(figureRow('all', all));
  const byCond = groupBy(result.matches, (m) => `${m.truth.fps} fps x${m.truth.frames}`);
  const condKeys = fpsList.flatMap((fps) => framesList.map((n) => `${fps} fps x${n}`));
  const condRows = condKeys
    .filter((k) => byCond.has(k))
    .map((k) => {
      const ms = byCond.get(k)!;
      return [...figureRow(k, figures(ms)), r(ms[0]!.truth.frameMs * ms[0]!.truth.frames, 0)];
    });
  const bySource = groupBy(result.matches, (m) => `${m.truth.source} (${m.truth.kind})`);
  const sourceRows = [...bySource].map(([k, ms]) => figureRow(k, figures(ms)));
  const prec = precisionByKind(result);
  const overall = overallPrecision(result);
  const precRows = Object.entries(prec).map(([k, p]) => [k, String(p.detected), String(p.correct), r(p.precision)]);
  precRows.push(['all (matched / detected)', String(overall.detected), String(overall.correct), r(overall.precision)]);
  const spurious = result.unmatched.filter((u) => u.reason === 'spurious');
  const concurrent = result.unmatched.filter((u) => u.reason === 'concurrent');
  const splicedNeutralS = plans.reduce(
    (a, p) => a + (framePtsSeconds(p.path).length - p.flashes.reduce((b, f) => b + f.frames, 0)) / p.fps - 1,
    0,
  );

  const speechS = speechRuns.reduce((a, s) => a + s.durationS, 0);
  const speechEvents = speechRuns.reduce((a, s) => a + s.events, 0);
  const stretchS = stretchRuns.reduce((a, s) => a + s.durationS, 0);
  const stretchEvents = stretchRuns.reduce((a, s) => a + s.events, 0);
  const faRows = [
    ...speechRuns.map((s) => [
      s.video,
      'speech',
      r(s.durationS, 1),
      String(s.events),
      r(perMinute(s.events, s.durationS), 1),
      s.kinds.join(' '),
    ]),
    ['all speech', 'speech', r(speechS, 1), String(speechEvents), r(perMinute(speechEvents, speechS), 1), ''],
    ...stretchRuns.map((s) => [
      `${s.video} ${r(s.fromS, 1)}-${s.toS} s`,
      'neutral',
      r(s.durationS, 1),
      String(s.events),
      r(perMinute(s.events, s.durationS), 1),
      s.kinds.join(' '),
    ]),
    [
      'spliced clips outside flashes',
      'neutral',
      r(splicedNeutralS, 1),
      String(spurious.length),
      r(perMinute(spurious.length, splicedNeutralS), 1),
      spurious.map((u) => `${u.detection.kind}@${u.detection.clip}`).join(' '),
    ],
    ...smilingRuns.map((s) => [s.video, 'real smiles (not counted)', r(s.durationS, 1), String(s.events), '-', s.kinds.join(' ')]),
  ];

  const misses = result.matches
    .filter((m) => !m.detection || m.detection.kind !== m.truth.kind)
    .map((m) => {
      const d = diag.get(m.truth)!;
      return {
        clip: m.truth.clip,
        source: m.truth.source,
        fps: m.truth.fps,
        frames: m.truth.frames,
        expected: m.truth.kind,
        got: m.detection?.kind ?? null,
        poseJumpDeg: Number(r(d.poseJumpDeg, 1)),
        apexAus: d.apexAus,
      };
    });

  const out: string[] = [];
  out.push(`Microflash accuracy, ${new Date().toISOString().slice(0, 10)}: real pipeline (headless Chromium, MediaPipe, CPU delegate).`);
  out.push('');
  out.push(
    `Flashes: apex frames of posed expressions spliced into the same person's neutral frame (hard cuts, ${LEAD_S} s lead, ${GAP_S} s gaps, ${TAIL_S} s tail), ${fpsList.join(' and ')} fps, ${framesList.join('/')} frames; sources: ${SPLICE_CASES.map((c) => `${c.video} (n${c.neutralFrame}; ${c.apexes.map((a) => `#${a.apexFrame} ${a.kind}`).join(', ')})`).join('; ')}.`,
  );
  out.push('A detection matches when its onset is within [-1 frame, +length+2 frames] of the first apex frame.');
  out.push('');
  out.push('Per expected kind (recall = detected/flashes; kind acc = right kind/detected; onset error of detected flashes):');
  out.push(table(FIG_HEAD, kindRows));
  out.push('');
  out.push('Per frame rate and flash length (all kinds):');
  out.push(table([...FIG_HEAD, 'flash ms'], condRows));
  out.push('');
  out.push('Per apex frame:');
  out.push(table(FIG_HEAD, sourceRows));
  out.push('');
  out.push(
    `Precision on the spliced clips, per detected kind (unmatched = ${concurrent.length} concurrent with a flash + ${spurious.length} on the neutral face):`,
  );
  out.push(table(['detected kind', 'detections', 'right', 'precision'], precRows));
  out.push('');
  if (withFalseAlarms) {
    out.push('False flashes (every event counts, except on the smiling clip):');
    out.push(table(['clip', 'what', 'seconds', 'events', 'per minute', 'events (kind@onset)'], faRows));
    out.push('');
  }
  out.push('Missed or mislabelled flashes (pose jump = head pose change at the cut, degrees):');
  out.push(
    table(
      ['clip', 'apex', 'fps', 'frames', 'expected', 'got', 'pose jump', 'AUs >= 1 at apex'],
      misses.map((m) => [m.clip, m.source, String(m.fps), String(m.frames), m.expected, m.got ?? 'none', r(m.poseJumpDeg, 1), m.apexAus]),
    ),
  );
  out.push('');
  out.push(
    `No fixture (no recall reported): ${Object.entries(NO_FIXTURE)
      .map(([k, why]) => `${k}: ${why}`)
      .join('; ')}.`,
  );
  let peopleReport: object | null = null;
  if (peopleRun) {
    const { people, run } = peopleRun;
    const pf = peopleFigures(run.plans, run.clips, run.held);
    const check = checkAus(run.auSamples);
    out.push('');
    out.push(
      `People: ${people.length} (${[...new Set(people.map((p) => p.set))].map((set) => `${SET_NOTES[set]}`).join('; ')}). Each posed still spliced into the same person's neutral still, ${PEOPLE_CLIP_TIMING.leadS} s lead, ${PEOPLE_CLIP_TIMING.gapS} s gaps; controls: ${CONTROL_FRAMES} frames of a relaxed or open-mouthed neutral.`,
    );
    out.push(peopleTables(pf, run.held, people));
    const videoPeople = people.filter((p) => p.media === 'video');
    const vf = run.videoPlans.length ? peopleFigures(run.videoPlans, run.videoClips, []) : null;
    if (vf) {
      out.push(
        `The video sets' frames as flashes (eval/people/video-stills.ts): frames at ${VIDEO_STILL_POINTS.map((x) => `${x * 100}%`).join(', ')} of each expression clip, picked by position, spliced into the middle frame of the neutral clip like the stills; the speakers talk, so a frame may catch a word. Scored apart from the still sets; the one-sided smile (MEAD's contempt) has its flashes here:`,
      );
      out.push(peopleTables(vf, [], videoPeople));
    }
    const talkS = speechS + pf.held.neutralS;
    const talkEvents = speechEvents + pf.held.neutralEvents;
    out.push(
      `False flashes on ordinary speech, all speakers (the talking heads above and the video sets' neutral clips): ${talkEvents} in ${r(talkS, 0)} s = ${r(perMinute(talkEvents, talkS))} per minute.`,
    );
    out.push('');
    out.push(
      'AU check against the prototypes (mean intensity / share present; + = the prototype has it, x = present too often where no prototype has it):',
    );
    out.push(auCheckTable(check));
    for (const v of check.violations) out.push(`  - ${v}`);
    const personal = await evaluatePersonalModels().catch((e: Error) => {
      out.push(`Personal model not evaluated: ${e.message}`);
      return null;
    });
    if (personal) {
      out.push('');
      out.push(PERSONAL_MODEL_TITLE);
      out.push(personal.table);
    }
    peopleReport = {
      figures: pf,
      videoFrames: vf,
      auCheck: check,
      events: run.events,
      held: run.held.map((h) => ({ ...h, person: h.person.id })),
      personalModel: personal?.results ?? null,
    };
  }
  out.push(`Total wall time ${((performance.now() - t0) / 1000).toFixed(0)} s.`);
  console.log('\n' + out.join('\n'));

  writeFileSync(
    join(EVAL_DIR, 'report.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        setup: {
          delegate: 'CPU',
          browser: 'headless Chromium',
          fps: fpsList,
          flashFrames: framesList,
          leadS: LEAD_S,
          gapS: GAP_S,
          tailS: TAIL_S,
        },
        data: {
          flashes: SPLICE_CASES,
          speech: SPEECH_CLIPS,
          neutralStretches: NEUTRAL_STRETCHES,
          smilingSpeech: SMILING_SPEECH_CLIPS,
          noFixture: NO_FIXTURE,
        },
        byKind: Object.fromEntries([...byKind].map(([k, ms]) => [k, figures(ms)])),
        all,
        byCondition: Object.fromEntries([...byCond].map(([k, ms]) => [k, figures(ms)])),
        bySource: Object.fromEntries([...bySource].map(([k, ms]) => [k, figures(ms)])),
        precision: { byKind: prec, overall, concurrent: concurrent.length, spurious: spurious.length },
        falseFlashes: {
          speech: { clips: speechRuns, seconds: speechS, events: speechEvents, perMinute: perMinute(speechEvents, speechS) },
          neutralStretches: { clips: stretchRuns, seconds: stretchS, events: stretchEvents, perMinute: perMinute(stretchEvents, stretchS) },
          splicedNeutral: { seconds: splicedNeutralS, events: spurious.length, perMinute: perMinute(spurious.length, splicedNeutralS) },
          smilingSpeech: smilingRuns,
        },
        misses,
        flashes: result.matches.map((m) => ({ ...m.truth, detection: m.detection })),
        unmatched: result.unmatched,
        events,
        people: peopleReport,
      },
      (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    ) + '\n',
  );
  console.log('Report: .cache/eval/report.json');
}

await main();
