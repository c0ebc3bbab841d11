/**
 * Finds candidate neutral and apex frames in the recorded fixture landmarks
 * (.cache/landmarks/<stem>.json, made by scripts/record-landmarks.ts), to choose the cases in
 * eval/cases.ts. Runs the AU estimator in Node; nothing is written.
 *
 *   npx tsx eval/find-frames.ts smile contempt            candidates per kind
 *   npx tsx eval/find-frames.ts smile --neutral 5 --apex 80 [--frames 2] [--fps 30]
 *       previews a spliced flash (recorded landmarks of the neutral frame, the apex frame
 *       repeated, neutral again) through the AU estimator and the flash engine and prints
 *       the apex frame's AUs and the events.
 *
 * Extract a frame to look at: ffmpeg -i ../shared/fixtures/video/smile.mov
 *   -vf "select=eq(n\,80)" -frames:v 1 .cache/eval/smile-80.png
 */
import { createAuEstimator, type AuOutput } from '../src/shared/au/index.ts';
import { AU_CHANNEL_INDEX, AU_LIST, type AuChannel, type FlashEvent } from '../src/shared/contract/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf } from '../src/shared/flash/index.ts';
import { loadRecording, type RecordedFrame, type Recording } from '../scripts/lib/recordings.ts';

/** A kind's prototype strength on one frame: the weakest of its key AUs (an AND). */
const PROTOTYPES: Record<string, (a: (c: AuChannel) => number) => number> = {
  happiness: (a) => Math.min(a('AU12_L'), a('AU12_R'), a('AU06')),
  one_sided_smile: (a) => Math.abs(Math.max(a('AU12_L'), a('AU14_L')) - Math.max(a('AU12_R'), a('AU14_R'))),
  surprise: (a) => Math.min(a('AU01'), a('AU02'), Math.max(a('AU26'), a('AU27'))),
  fear: (a) => Math.min(a('AU01'), a('AU02'), a('AU04')),
  sadness: (a) => Math.min(a('AU01'), a('AU04')) - a('AU02'),
  anger: (a) => a('AU04') - Math.max(a('AU09'), a('AU10'), a('AU01'), a('AU02')),
  disgust: (a) => Math.min(a('AU04'), Math.max(a('AU09'), a('AU10'))),
  pain: (a) => Math.min(a('AU04'), Math.max(a('AU09'), a('AU10')), Math.max(a('AU20'), a('AU27'))),
};

const BILATERAL = AU_LIST.map((au) => au.id).filter((id) => id !== 'AU43' && id !== 'AU45');

function trace(rec: Recording): AuOutput[] {
  const est = createAuEstimator();
  return rec.frames.map((f) => est.step({ ...f, width: rec.width, height: rec.height }));
}

const reader = (o: AuOutput) => (c: AuChannel) => o.aus[AU_CHANNEL_INDEX[c]]!;

function fmtAus(o: AuOutput): string {
  return BILATERAL.map((id) => [id, o.aus[AU_CHANNEL_INDEX[id]]!] as const)
    .filter(([, v]) => v >= 0.5)
    .map(([id, v]) => `${id}=${v.toFixed(1)}`)
    .join(' ');
}

/** The `n` best frames by `score`, at least `gapMs` apart. */
function topFrames(frames: RecordedFrame[], score: (i: number) => number, n: number, gapMs: number): number[] {
  const order = frames
    .map((_, i) => i)
    .filter((i) => Number.isFinite(score(i)))
    .sort((a, b) => score(b) - score(a));
  const picked: number[] = [];
  for (const i of order) {
    if (picked.length >= n) break;
    if (picked.every((j) => Math.abs(frames[i]!.timestampMs - frames[j]!.timestampMs) >= gapMs)) picked.push(i);
  }
  return picked;
}

function candidates(stem: string): void {
  const rec = loadRecording(stem);
  const outs = trace(rec);
  const ok = (i: number) => !Number.isNaN(outs[i]!.aus[0]!);
  console.log(`\n${stem}: ${rec.frames.length} frames, ${(rec.frames.at(-1)!.timestampMs / 1000).toFixed(1)} s`);
  const activity = (i: number) => (ok(i) ? BILATERAL.reduce((s, id) => s + outs[i]!.aus[AU_CHANNEL_INDEX[id]]!, 0) : NaN);
  const firstThird = rec.frames.length / 3;
  const neutral = topFrames(rec.frames, (i) => (i < firstThird ? -activity(i) : NaN), 5, 200);
  console.log('  neutral (lowest total AU activity, first third):');
  for (const i of neutral)
    console.log(`    frame ${i} t=${rec.frames[i]!.timestampMs.toFixed(0)} ms  total=${activity(i).toFixed(2)}  ${fmtAus(outs[i]!)}`);
  for (const [kind, proto] of Object.entries(PROTOTYPES)) {
    const best = topFrames(rec.frames, (i) => (ok(i) ? proto(reader(outs[i]!)) : NaN), 4, 400).filter(
      (i) => proto(reader(outs[i]!)) >= 0.8,
    );
    if (!best.length) continue;
    console.log(`  ${kind}:`);
    for (const i of best) {
      const l = (c: AuChannel) => outs[i]!.aus[AU_CHANNEL_INDEX[c]]!.toFixed(1);
      console.log(
        `    frame ${i} t=${rec.frames[i]!.timestampMs.toFixed(0)} ms  score=${proto(reader(outs[i]!)).toFixed(2)}  ${fmtAus(outs[i]!)}  [12 L/R ${l('AU12_L')}/${l('AU12_R')}, 14 L/R ${l('AU14_L')}/${l('AU14_R')}]`,
      );
    }
  }
}

function preview(
  stem: string,
  neutralFrame: number,
  apexFrame: number,
  flashFrames: number,
  fps: number,
  engineOptions: Record<string, number> = {},
): void {
  const rec = loadRecording(stem);
  const est = createAuEstimator();
  const engine = createFlashEngine(defaultRules(), engineOptions);
  const seq = [...Array(2 * fps).fill(neutralFrame), ...Array(flashFrames).fill(apexFrame), ...Array(fps).fill(neutralFrame)] as number[];
  const events: FlashEvent[] = [];
  let t = 0;
  seq.forEach((idx, k) => {
    t = (k * 1000) / fps;
    const f = rec.frames[idx]!;
    const o = est.step({ ...f, timestampMs: t, width: rec.width, height: rec.height });
    if (k === 2 * fps - 1 || k === 2 * fps) {
      const deg = Array.from(o.pose, (v) => ((v * 180) / Math.PI).toFixed(1)).join('/');
      console.log(`  ${k === 2 * fps ? 'apex' : 'neutral'} frame pose (pitch/yaw/roll deg) ${deg}; AUs: ${fmtAus(o)}`);
    }
    events.push(...engine.step(flashFrameOf(t, f.landmarks !== null, o)));
  });
  events.push(...engine.flush(t));
  const truth = 2000;
  console.log(`  true onset ${truth} ms; events:`);
  for (const e of events.filter((x) => x.status === 'complete')) {
    console.log(
      `    ${e.kind} onset ${e.onsetMs.toFixed(1)} (err ${(e.onsetMs - truth).toFixed(1)}) dur ${e.durationMs.toFixed(0)} peak ${e.peak.toFixed(2)} side ${e.side}`,
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const k = args.indexOf(`--${name}`);
    if (k < 0) return undefined;
    const v = Number(args[k + 1]);
    args.splice(k, 2);
    return v;
  };
  const neutralFrame = opt('neutral');
  const apexFrame = opt('apex');
  const flashFrames = opt('frames') ?? 2;
  const fps = opt('fps') ?? 30;
  // --no-head-gate: the same preview with the head-motion gate off (to see what it blocks).
  const noHead = args.includes('--no-head-gate');
  if (noHead) args.splice(args.indexOf('--no-head-gate'), 1);
  const engineOptions: Record<string, number> = noHead
    ? { headVelocityMaxRadPerS: Infinity, headYawMaxRad: Infinity, headPitchMaxRad: Infinity }
    : {};
  const stems = args.length ? args : ['smile', 'contempt', 'ex_surp1', 'WolfgangLanger_Pexels', 'ex_missing1', 'test', 'single_face'];
  for (const stem of stems) {
    if (neutralFrame !== undefined && apexFrame !== undefined) {
      console.log(`${stem}: neutral ${neutralFrame}, apex ${apexFrame} x${flashFrames} at ${fps} fps`);
      preview(stem, neutralFrame, apexFrame, flashFrames, fps, engineOptions);
    } else candidates(stem);
  }
}

main();
