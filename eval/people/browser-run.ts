/**
 * The people fixtures through the real pipeline (headless Chromium, the app's worker): each
 * person's METT clip per frame rate, encoded from their canvas stills (media.ts) as the plan says;
 * each video person's held expressions as their neutral clip followed by the expression clip, read
 * against a neutral calibrated on the neutral clip, and their frames spliced into METT clips like
 * the stills (media.ts personVideoStills; scored apart). Returns what the report needs, and the AU
 * samples of the check (the AUs the pipeline read on each posed still and held expression).
 */
import { join } from 'node:path';
import type { AnalysisBrowser, AnalyzedFrame } from '../../src/node/analysis-types.ts';
import { AU_CHANNEL_INDEX, AU_LIST, type FlashEvent } from '../../src/shared/contract/index.ts';
import { encodeFrames, h264Args, produce, run } from '../../scripts/lib/media.ts';
import type { AuSample } from './au-check.ts';
import type { Person } from './catalog.ts';
import { PEOPLE_MEDIA_DIR, personStills, personVideoStills } from './media.ts';
import { planPeopleClip, type PeopleClipPlan } from './plan.ts';
import type { HeldResult } from './report.ts';
import { heldVerdict, neutralPartEvents, scorePeopleClip, type ScoredClip } from './score.ts';

export interface PeopleRun {
  plans: PeopleClipPlan[];
  clips: ScoredClip[];
  /** The video sets' frames as METT flashes (media.ts personVideoStills): kept apart from the still sets' figures. */
  videoPlans: PeopleClipPlan[];
  videoClips: ScoredClip[];
  held: HeldResult[];
  auSamples: AuSample[];
  /** Every event, by clip name. */
  events: Record<string, FlashEvent[]>;
}

const emptyRun = (): PeopleRun => ({ plans: [], clips: [], videoPlans: [], videoClips: [], held: [], auSamples: [], events: {} });

const BILATERAL = AU_LIST.map((a) => AU_CHANNEL_INDEX[a.id]);

async function analyze(browser: AnalysisBrowser, path: string, calibrate = false) {
  const frames: AnalyzedFrame[] = [];
  const result = await browser.analyze(path, { onFrames: (fs) => void frames.push(...fs) }, { calibrate });
  frames.sort((a, b) => a.frameIndex - b.frameIndex);
  return { frames, result };
}

const bilateral = (f: AnalyzedFrame | undefined): number[] => BILATERAL.map((c) => f?.aus[c] ?? NaN);

/** The neutral clip and then the expression clip, as one file (H.264, near-lossless). */
function heldClip(neutral: string, expression: string, name: string): string {
  const out = join(PEOPLE_MEDIA_DIR, 'held', `${name}.mp4`);
  return produce(out, (tmp) =>
    run('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      neutral,
      '-i',
      expression,
      '-filter_complex',
      '[0:v][1:v]concat=n=2:v=1:a=0[v]',
      '-map',
      '[v]',
      ...h264Args(4),
      tmp,
    ]),
  );
}

/**
 * Every person over `browsers.length` pages in parallel (one pipeline waits on the model for much
 * of each frame, so two pages on two cores analyse almost twice as many frames), results in person
 * order.
 */
export async function runPeople(
  browsers: readonly AnalysisBrowser[],
  people: readonly Person[],
  fpsList: readonly number[],
  lengths: readonly number[],
  log: (line: string) => void,
): Promise<PeopleRun> {
  const parts = people.map(emptyRun);
  let next = 0;
  await Promise.all(
    browsers.map(async (browser) => {
      while (next < people.length) {
        const i = next++;
        await runPerson(browser, people[i]!, fpsList, lengths, log, parts[i]!);
      }
    }),
  );
  const out = emptyRun();
  for (const part of parts) {
    out.plans.push(...part.plans);
    out.clips.push(...part.clips);
    out.videoPlans.push(...part.videoPlans);
    out.videoClips.push(...part.videoClips);
    out.held.push(...part.held);
    out.auSamples.push(...part.auSamples);
    Object.assign(out.events, part.events);
  }
  return out;
}

async function runPerson(
  browser: AnalysisBrowser,
  p: Person,
  fpsList: readonly number[],
  lengths: readonly number[],
  log: (line: string) => void,
  out: PeopleRun,
): Promise<void> {
  if (p.media === 'still') {
    const pngs = new Map(personStills(p).map((s) => [s.label, s.png]));
    await runStillsClips(browser, p, pngs, fpsList, lengths, log, out, false);
    return;
  }
  await browser.setNeutral(null);
  const neutral = await analyze(browser, p.neutral, true);
  const baseline = neutral.result.baseline;
  if (!baseline) throw new Error(`${p.id}: no neutral could be calibrated on ${p.neutral}`);
  for (const s of p.posed) {
    const name = `${p.id}-${s.label}`;
    await browser.setNeutral(baseline);
    const { frames, result } = await analyze(browser, heldClip(p.neutral, s.path, name));
    const cutFrame = neutral.frames.length;
    const cutMs = frames[cutFrame]?.timestampMs ?? Infinity;
    const interval = cutFrame > 0 ? cutMs / cutFrame : 0;
    const fromMs = cutMs - interval;
    out.held.push({
      person: p,
      label: s.label,
      kind: s.kind,
      verdict: heldVerdict(result.events, fromMs),
      neutralEvents: neutralPartEvents(result.events, fromMs),
      neutralS: cutMs / 1000,
    });
    out.events[name] = result.events;
    const part = frames.slice(cutFrame).filter((f) => f.facePresent);
    const aus = BILATERAL.map((c) => {
      const col = part
        .map((f) => f.aus[c] ?? NaN)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      return col[col.length >> 1] ?? NaN;
    });
    out.auSamples.push({ person: p.id, label: s.label, kind: s.kind, aus });
    log(`  ${name.padEnd(34)} ${String(frames.length).padStart(5)} frames  ${result.events.length} events`);
  }
  // The frames as flashes, and the next person, learn their own neutral.
  await browser.setNeutral(null);
  const asStills = personVideoStills(p);
  await runStillsClips(browser, asStills.person, asStills.pngs, fpsList, lengths, log, out, true);
}

/**
 * A person's METT clips per frame rate, from their stills (`pngs` by plan label), analysed against
 * the neutral the engine learns from the clip's lead; `video`: the video sets' frames, scored apart.
 */
async function runStillsClips(
  browser: AnalysisBrowser,
  p: Person,
  pngs: ReadonlyMap<string, string>,
  fpsList: readonly number[],
  lengths: readonly number[],
  log: (line: string) => void,
  out: PeopleRun,
  video: boolean,
): Promise<void> {
  const longest = Math.max(...lengths);
  for (const fps of fpsList) {
    const plan = planPeopleClip(p, fps, lengths);
    const name = video ? `${p.id}-frames@${fps}` : `${p.id}@${fps}`;
    const path = encodeFrames(
      plan.sequence.map((l) => pngs.get(l)!),
      fps,
      join(PEOPLE_MEDIA_DIR, 'clips', `${name}-x${lengths.join('_')}.mp4`),
    );
    const t0 = performance.now();
    const { frames, result } = await analyze(browser, path);
    const byIndex = new Map(frames.map((f) => [f.frameIndex, f]));
    const scored = scorePeopleClip(plan, (i) => byIndex.get(i)?.timestampMs ?? (i * 1000) / fps, result.events);
    (video ? out.videoPlans : out.plans).push(plan);
    (video ? out.videoClips : out.clips).push(scored);
    out.events[name] = result.events;
    // The AU check reads each posed still in the middle of its longest flash at the first rate
    // (a video person's AUs are read on the held expressions).
    if (!video && fps === fpsList[0]) {
      for (const f of plan.flashes) {
        if (f.kind === null || f.frames !== longest) continue;
        out.auSamples.push({ person: p.id, label: f.label, kind: f.kind, aus: bilateral(byIndex.get(f.startFrame + (f.frames >> 1))) });
      }
    }
    log(
      `  ${name.padEnd(22)} ${String(frames.length).padStart(5)} frames ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${result.events.length} events`,
    );
  }
}
