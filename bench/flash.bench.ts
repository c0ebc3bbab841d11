/**
 * Flash engine cost per frame in Node: `npx tsx bench/flash.bench.ts`. Feeds 30 fps synthetic
 * frames (per-channel noise, talking stretches, blinks, head motion, flashes of every kind,
 * ordinary gaze) through one engine and prints the median and p95 microseconds per step().
 * Budget: under 20 us per frame (the engine runs in the worker on every frame).
 */
import { AU_CHANNEL_INDEX, AU_CHANNELS, AU_LIST, type AuChannel } from '../src/shared/contract/index.ts';
import { EYE_FEATURES, EYE_INDEX } from '../src/shared/eyes.ts';
import { createFlashEngine, defaultRules, type FlashFrame } from '../src/shared/flash/index.ts';

const FPS = 30;
const FRAMES = 60_000;
const WARMUP_FRAMES = 5_000;
const BUDGET_US = 20;

const FLASHES: Partial<Record<AuChannel, number>>[] = [
  { AU04: 3, AU07: 2 },
  { AU04: 2, AU09: 3, AU10: 2 },
  { AU04: 2.5, AU09: 2.5, AU20: 2.5 },
  { AU01: 3, AU02: 2.5, AU04: 2, AU05: 2 },
  { AU01: 2.5, AU04: 2, AU15: 2 },
  { AU01: 3, AU02: 3, AU26: 3 },
  { AU06: 2.5, AU12: 3 },
  { AU12_L: 2.5 },
];

let seed = 1;
function noise(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return (seed / 4294967296 - 0.5) * 0.5;
}

function makeFrames(): FlashFrame[] {
  const frames: FlashFrame[] = [];
  const sided = new Set<string>(AU_LIST.filter((a) => a.sided).map((a) => a.id));
  let gazeX = 0;
  for (let i = 0; i < FRAMES; i++) {
    const t = (i * 1000) / FPS;
    const aus = new Float32Array(AU_CHANNELS.length);
    for (let c = 0; c < aus.length; c++) aus[c] = noise();
    const flash = FLASHES[Math.floor(i / 90) % FLASHES.length]!;
    if (i % 90 < 6) {
      for (const [name, v] of Object.entries(flash) as [AuChannel, number][]) {
        if (sided.has(name)) {
          aus[AU_CHANNEL_INDEX[`${name}_L` as AuChannel]] = v;
          aus[AU_CHANNEL_INDEX[`${name}_R` as AuChannel]] = v;
        }
        aus[AU_CHANNEL_INDEX[name]] = v;
      }
    }
    // Talking in every third 10 s stretch: the lip gap (what the speech gate reads) and AU25 move.
    const talking = Math.floor(t / 10_000) % 3 === 1;
    const mouthOpen = talking ? 1.5 + 1.5 * Math.sin(t / 37) : 0.3;
    if (talking) aus[AU_CHANNEL_INDEX.AU25] = mouthOpen;
    const eyes = new Float32Array(EYE_FEATURES.length);
    if (i % 20 === 0) gazeX = noise();
    eyes[EYE_INDEX.irisX_L] = gazeX;
    eyes[EYE_INDEX.irisX_R] = gazeX;
    eyes[EYE_INDEX.aperture_L] = 0.3;
    eyes[EYE_INDEX.aperture_R] = 0.3;
    if (i % 120 < 4) eyes[EYE_INDEX.blink] = 1;
    const pose = new Float32Array([0, 0.3 * Math.sin(t / 2000), 0]);
    frames.push({ timestampMs: t, facePresent: i % 3000 !== 2999, aus, eyes, pose, mouthOpen });
  }
  return frames;
}

const frames = makeFrames();
const engine = createFlashEngine(defaultRules());
for (let i = 0; i < WARMUP_FRAMES; i++) engine.step(frames[i]!);
engine.reset();

const us = new Float64Array(frames.length);
let events = 0;
for (let i = 0; i < frames.length; i++) {
  const start = process.hrtime.bigint();
  events += engine.step(frames[i]!).length;
  us[i] = Number(process.hrtime.bigint() - start) / 1000;
}
const sorted = Array.from(us).sort((a, b) => a - b);
const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = quantile(0.5);
const p95 = quantile(0.95);
console.log(`flash engine: ${frames.length} frames at ${FPS} fps, ${events} events`);
console.log(
  `per frame: median ${median.toFixed(2)} us, p95 ${p95.toFixed(2)} us, p99 ${quantile(0.99).toFixed(2)} us, max ${sorted[sorted.length - 1]!.toFixed(1)} us`,
);
console.log(median < BUDGET_US && p95 < BUDGET_US ? `within the ${BUDGET_US} us budget` : `OVER the ${BUDGET_US} us budget`);
