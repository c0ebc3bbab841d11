/**
 * Flash events on real faces: the recorded fixture landmarks (scripts/record-landmarks.ts ->
 * .cache/landmarks/<stem>.json) through the AU estimator and the engine, against golden event
 * lists in test/golden/events-<stem>.json. Tolerance: the same kinds in the same order, each
 * onset and offset within ONSET_TOLERANCE_MS of the golden one. Regenerate (after checking the
 * change is wanted) with UPDATE_GOLDEN=1. A missing recording or golden file fails the test
 * (traceRecording says how to make the recording); a golden file is only written on request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import { flashFrameOf } from '../../../src/shared/flash/flash-frame.ts';
import type { FlashEvent } from '../../../src/shared/contract/index.ts';
import { defaultRules } from '../../../src/shared/flash/rules/default-rules.ts';
import { traceRecording } from '../au/au-trace.ts';

const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** ms. Two frames at 30 fps: onsets are interpolated, so small AU changes move them a little. */
const ONSET_TOLERANCE_MS = 67;

const STEMS = ['smile', 'contempt', 'ex_surp1', 'WolfgangLanger_Pexels', 'WDA_KatieHill_000'];

interface GoldenEvent {
  kind: string;
  onsetMs: number;
  offsetMs: number | null;
  side: string | null;
  micro: boolean;
}

interface EventsGolden {
  source: string;
  toleranceMs: number;
  events: GoldenEvent[];
}

function detect(stem: string): GoldenEvent[] {
  const engine = createFlashEngine(defaultRules());
  const trace = traceRecording(stem);
  const events: FlashEvent[] = [];
  for (const f of trace) {
    events.push(...engine.step(flashFrameOf(f.timestampMs, f.facePresent, f.out)));
  }
  if (trace.length) events.push(...engine.flush(trace[trace.length - 1]!.timestampMs));
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return events
    .filter((e) => e.status === 'complete')
    .sort((a, b) => a.onsetMs - b.onsetMs)
    .map((e) => ({
      kind: e.kind,
      onsetMs: r1(e.onsetMs),
      offsetMs: Number.isFinite(e.offsetMs) ? r1(e.offsetMs) : null,
      side: e.side,
      micro: e.micro,
    }));
}

describe('golden events on recorded faces', () => {
  for (const stem of STEMS) {
    it(`${stem}: events match test/golden/events-${stem}.json`, () => {
      const events = detect(stem);
      const path = join(GOLDEN_DIR, `events-${stem}.json`);
      if (UPDATE) {
        const golden: EventsGolden = { source: stem, toleranceMs: ONSET_TOLERANCE_MS, events };
        writeFileSync(path, JSON.stringify(golden, null, 2) + '\n');
      }
      const golden = JSON.parse(readFileSync(path, 'utf8')) as EventsGolden;
      expect(events.map((e) => e.kind)).toEqual(golden.events.map((e) => e.kind));
      events.forEach((e, i) => {
        const g = golden.events[i]!;
        expect(Math.abs(e.onsetMs - g.onsetMs), `${stem} event ${i} onset`).toBeLessThanOrEqual(golden.toleranceMs);
        if (g.offsetMs !== null && e.offsetMs !== null) {
          expect(Math.abs(e.offsetMs - g.offsetMs), `${stem} event ${i} offset`).toBeLessThanOrEqual(golden.toleranceMs);
        }
      });
    });
  }
});
