/**
 * Microseconds per frame of the action-unit stage (createAuEstimator().step) in Node.
 * Uses a recorded fixture (.cache/landmarks/<stem>.json) when present, else synthetic frames.
 * Usage: npx tsx bench/au.bench.ts [stem]   (default stem: smile)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAuEstimator, type AuInput } from '../src/shared/au/index.ts';
import { loadRecording, RECORDING_DIR } from '../scripts/lib/recordings.ts';
import { movePoint, neutralFace, render } from '../scripts/lib/synthetic-face.ts';
import { FACE_LEFT } from '../src/shared/landmarks.ts';

const WARMUP_FRAMES = 2000;
const MEASURED_FRAMES = 20000;

function recordedInputs(stem: string): { inputs: AuInput[]; what: string } | null {
  if (!existsSync(join(RECORDING_DIR, `${stem}.json`))) return null;
  const rec = loadRecording(stem);
  const inputs = rec.frames
    .filter((f) => f.landmarks)
    .map((f) => ({
      timestampMs: f.timestampMs,
      landmarks: Float32Array.from(f.landmarks!),
      matrix: f.matrix ? Float32Array.from(f.matrix) : null,
      blendshapes: f.blendshapes ? Float32Array.from(f.blendshapes) : null,
      width: rec.width,
      height: rec.height,
    }));
  return { inputs, what: `recorded ${stem} (${inputs.length} face frames)` };
}

function syntheticInputs(): { inputs: AuInput[]; what: string } {
  const inputs: AuInput[] = [];
  for (let k = 0; k < 120; k++) {
    const face = neutralFace();
    movePoint(face, FACE_LEFT.lipCorner, 0, 0.4 * Math.sin(k / 10));
    const f = render(face, { yaw: 0.3 * Math.sin(k / 17), pitch: 0.2 * Math.cos(k / 13) });
    inputs.push({
      timestampMs: 0,
      landmarks: f.landmarks,
      matrix: f.matrix,
      blendshapes: new Float32Array(52).fill(0.05),
      width: f.width,
      height: f.height,
    });
  }
  return { inputs, what: 'synthetic (120 posed frames)' };
}

const stem = process.argv[2] ?? 'smile';
const { inputs, what } = recordedInputs(stem) ?? syntheticInputs();
const est = createAuEstimator();
const times = new Float64Array(MEASURED_FRAMES);
let t = 0;
for (let k = 0; k < WARMUP_FRAMES + MEASURED_FRAMES; k++) {
  const input = inputs[k % inputs.length]!;
  input.timestampMs = t += 33;
  const t0 = performance.now();
  est.step(input);
  const dt = performance.now() - t0;
  if (k >= WARMUP_FRAMES) times[k - WARMUP_FRAMES] = dt * 1000;
}
times.sort();
const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
console.log(
  `AU stage, ${what}: median ${q(0.5).toFixed(1)} us/frame, p95 ${q(0.95).toFixed(1)} us/frame, p99 ${q(0.99).toFixed(1)} us/frame (${MEASURED_FRAMES} frames after ${WARMUP_FRAMES} warm-up)`,
);
