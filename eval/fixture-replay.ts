/**
 * The fixture videos' part of the Node preview: the splice cases of cases.ts (the neutral frame's
 * recorded model output, the apex frame's repeated, hard cuts, the same lead/gap/tail as the
 * browser clips) and the talking-head clips, replayed through the AU estimator and the flash
 * engine. The speech clips are also entered at 0-4 s and played there and back (time kept
 * increasing), so each is seen with five other automatic neutrals and twice as much speech.
 */
import { createAuEstimator } from '../src/shared/au/index.ts';
import { createFlashEngine, defaultRules, flashFrameOf, type FlashEvent, type Rules } from '../src/shared/flash/index.ts';
import { loadRecording } from '../scripts/lib/recordings.ts';
import { FLASH_FRAMES, FPS, GAP_S, LEAD_S, SPEECH_CLIPS, SPLICE_CASES, TAIL_S } from './cases.ts';
import type { Detection, TruthFlash } from './metrics.ts';

const stemOf = (v: string) => v.replace(/\.[^.]+$/, '');

/** Frames of one recording in the given order at the given times, through a fresh estimator and engine. */
export function replaySequence(stem: string, seq: readonly { idx: number; t: number }[], rules: Rules = defaultRules()): FlashEvent[] {
  const rec = loadRecording(stem);
  const est = createAuEstimator();
  const engine = createFlashEngine(rules);
  const events: FlashEvent[] = [];
  for (const { idx, t } of seq) {
    const f = rec.frames[idx]!;
    const o = est.step({ ...f, timestampMs: t, width: rec.width, height: rec.height });
    events.push(...engine.step(flashFrameOf(t, f.landmarks !== null, o)));
  }
  events.push(...engine.flush(seq.at(-1)!.t));
  return events.filter((e) => e.status === 'complete');
}

/** The splice cases at the given rates and lengths: ground truth and detections, one clip per case and rate. */
export function replaySpliceCases(
  fpsList: readonly number[] = FPS,
  lengths: readonly number[] = FLASH_FRAMES,
  rules?: Rules,
): { truths: TruthFlash[]; detections: Detection[] } {
  const truths: TruthFlash[] = [];
  const detections: Detection[] = [];
  for (const c of SPLICE_CASES) {
    const stem = stemOf(c.video);
    for (const fps of fpsList) {
      const clip = `${stem}@${fps}`;
      const seq: { idx: number; t: number }[] = [];
      let k = 0;
      const push = (idx: number, n: number) => {
        for (let i = 0; i < n; i++) seq.push({ idx, t: (k++ * 1000) / fps });
      };
      push(c.neutralFrame, Math.round(LEAD_S * fps));
      for (const a of c.apexes) {
        for (const [j, frames] of lengths.entries()) {
          if (j > 0 || a !== c.apexes[0]) push(c.neutralFrame, Math.round(GAP_S * fps));
          truths.push({
            clip,
            kind: a.kind,
            onsetMs: (k * 1000) / fps,
            frames,
            frameMs: 1000 / fps,
            fps,
            source: `${c.video}#${a.apexFrame}`,
          });
          push(a.apexFrame, frames);
        }
      }
      push(c.neutralFrame, Math.round(TAIL_S * fps));
      for (const e of replaySequence(stem, seq, rules)) detections.push({ clip, kind: e.kind, onsetMs: e.onsetMs });
    }
  }
  return { truths, detections };
}

export interface SpeechReplay {
  /** Clip and entry point, events (kind@onset). */
  runs: { clip: string; fromS: number; seconds: number; events: string[] }[];
  seconds: number;
  events: number;
}

/** The talking heads straight through and entered at 1-4 s, forward then backward. */
export function replaySpeech(rules?: Rules): SpeechReplay {
  const runs: SpeechReplay['runs'] = [];
  for (const v of SPEECH_CLIPS) {
    const stem = stemOf(v);
    const rec = loadRecording(stem);
    const frameMs = rec.frames[1]!.timestampMs - rec.frames[0]!.timestampMs;
    for (const fromS of [0, 1, 2, 3, 4]) {
      const part = rec.frames.map((f, idx) => ({ idx, t: f.timestampMs })).filter((f) => f.t >= fromS * 1000);
      const there = [...part, ...part.slice().reverse()];
      const ev = replaySequence(
        stem,
        there.map((f, k) => ({ idx: f.idx, t: k * frameMs })),
        rules,
      );
      runs.push({
        clip: stem,
        fromS,
        seconds: (there.length * frameMs) / 1000,
        events: ev.map((e) => `${e.kind}@${(e.onsetMs / 1000).toFixed(2)}s+${Math.round(e.durationMs)}ms`),
      });
    }
  }
  return { runs, seconds: runs.reduce((a, r) => a + r.seconds, 0), events: runs.reduce((a, r) => a + r.events.length, 0) };
}
