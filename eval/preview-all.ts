/**
 * A fast Node approximation of `npm run eval` on the recorded fixture landmarks: every splice case
 * of eval/cases.ts at every frame rate and flash length (neutral frame's landmarks, the apex frame's
 * repeated, hard cuts, the same lead/gap/tail), the speech clips straight through, and the speech
 * clips entered at 0-4 s and played there and back (other automatic neutrals, more speech). Recorded
 * landmarks are from the original videos, so it cannot show re-encoding effects; the browser run
 * remains the measurement. Used to iterate on the engine in seconds.
 *
 *   npx tsx eval/preview-all.ts [--verbose]
 */
import { createAuEstimator } from '../src/shared/au/create-au-estimator.ts';
import { createFlashEngine } from '../src/shared/flash/create-flash-engine.ts';
import type { FlashEvent } from '../src/shared/flash/event.ts';
import { flashFrameOf } from '../src/shared/flash/flash-frame.ts';
import { defaultRules } from '../src/shared/flash/rules/default-rules.ts';
import { loadRecording } from '../test/support/recordings.ts';
import { FLASH_FRAMES, FPS, GAP_S, LEAD_S, SMILING_SPEECH_CLIPS, SPEECH_CLIPS, SPLICE_CASES, TAIL_S } from './cases.ts';

const verbose = process.argv.includes('--verbose');
const stemOf = (v: string) => v.replace(/\.[^.]+$/, '');

function runSeq(stem: string, seq: { idx: number; t: number }[]): FlashEvent[] {
  const rec = loadRecording(stem);
  const est = createAuEstimator();
  const engine = createFlashEngine(defaultRules());
  const events: FlashEvent[] = [];
  for (const { idx, t } of seq) {
    const f = rec.frames[idx]!;
    const o = est.step({ ...f, timestampMs: t, width: rec.width, height: rec.height });
    events.push(...engine.step(flashFrameOf(t, f.landmarks !== null, o)));
  }
  events.push(...engine.flush(seq.at(-1)!.t));
  return events.filter((e) => e.status === 'complete');
}

let total = 0, hit = 0, right = 0, fp = 0, maxErr = 0;
const byRate: Record<string, [number, number]> = {};
for (const c of SPLICE_CASES) {
  const stem = stemOf(c.video);
  for (const fps of FPS) {
    const seq: { idx: number; t: number }[] = [];
    const truths: { t: number; n: number; kind: string; apex: number }[] = [];
    let k = 0;
    const push = (idx: number, n: number) => { for (let i = 0; i < n; i++) seq.push({ idx, t: (k++ * 1000) / fps }); };
    push(c.neutralFrame, Math.round(LEAD_S * fps));
    for (const a of c.apexes) for (const n of FLASH_FRAMES) {
      truths.push({ t: (k * 1000) / fps, n, kind: a.kind, apex: a.apexFrame });
      push(a.apexFrame, n);
      push(c.neutralFrame, Math.round(GAP_S * fps));
    }
    push(c.neutralFrame, Math.round(TAIL_S * fps) - Math.round(GAP_S * fps));
    const events = runSeq(stem, seq);
    const used = new Set<FlashEvent>();
    const frameMs = 1000 / fps;
    for (const tr of truths) {
      const cands = events.filter((e) => !used.has(e) && e.onsetMs >= tr.t - frameMs && e.onsetMs <= tr.t + (tr.n + 2) * frameMs);
      const m = cands.find((e) => e.kind === tr.kind) ?? cands[0];
      total++;
      const key = `${fps}x${tr.n}`;
      byRate[key] ??= [0, 0];
      byRate[key][0]++;
      if (m) {
        used.add(m); hit++; byRate[key][1]++;
        if (m.kind === tr.kind) right++;
        maxErr = Math.max(maxErr, Math.abs(m.onsetMs - tr.t) / frameMs);
      }
      if (verbose || !m || m.kind !== tr.kind) console.log(`${stem}#${tr.apex} ${fps}fps x${tr.n}: ${m ? `${m.kind} err ${((m.onsetMs - tr.t) / frameMs).toFixed(2)} fr` : 'MISS'} (${tr.kind})`);
    }
    for (const e of events) if (!used.has(e)) { fp++; console.log(`  extra ${stem} ${fps}fps: ${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`); }
  }
}
console.log(`flashes ${total} detected ${hit} recall ${(hit / total).toFixed(2)} kind ${(right / Math.max(1, hit)).toFixed(2)} max onset err ${maxErr.toFixed(2)} fr, unmatched ${fp}`);
console.log(Object.entries(byRate).map(([k, [n, d]]) => `${k}:${d}/${n}`).join(' '));
// Speech with other automatic neutrals: each talking clip entered at 0-4 s (so the neutral is taken
// from a different second of speech) and played forward then backward (time kept increasing).
{
  let events = 0;
  let seconds = 0;
  const listed: string[] = [];
  for (const v of SPEECH_CLIPS) {
    const stem = stemOf(v);
    const rec = loadRecording(stem);
    for (const fromS of [0, 1, 2, 3, 4]) {
      const part = rec.frames.map((f, idx) => ({ idx, t: f.timestampMs })).filter((f) => f.t >= fromS * 1000);
      const there = [...part, ...part.slice().reverse()];
      const frameMs = rec.frames[1]!.timestampMs - rec.frames[0]!.timestampMs;
      const ev = runSeq(stem, there.map((f, k) => ({ idx: f.idx, t: k * frameMs })));
      events += ev.length;
      seconds += (there.length * frameMs) / 1000;
      for (const e of ev) listed.push(`${stem} from ${fromS} s: ${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`);
    }
  }
  console.log(`speech, 5 entry points x forward+backward: ${events} events in ${seconds.toFixed(0)} s = ${((events / seconds) * 60).toFixed(2)} per minute`);
  for (const l of listed) console.log(`  ${l}`);
}
for (const v of [...SPEECH_CLIPS, ...SMILING_SPEECH_CLIPS]) {
  const stem = stemOf(v);
  const rec = loadRecording(stem);
  const ev = runSeq(stem, rec.frames.map((f, idx) => ({ idx, t: f.timestampMs })));
  const s = rec.frames.at(-1)!.timestampMs / 1000;
  console.log(`${stem} ${s.toFixed(1)} s: ${ev.length} events ${ev.map((e) => `${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s`).join(' ')}`);
}
