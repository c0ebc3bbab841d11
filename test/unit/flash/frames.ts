/**
 * Hand-built frame sequences for the flash engine's tests: AU values by name, sided AUs set per
 * side with the bilateral channel as the larger side (as the estimator does), eyes open and
 * centred, head still, unless a test says otherwise.
 */
import { AU_CHANNEL_INDEX, AU_CHANNELS, AU_LIST, type AuChannel, type AuId, type FlashEvent } from '../../../src/shared/contract/index.ts';
import { EYE_FEATURES, EYE_INDEX, type EyeFeature } from '../../../src/shared/eyes.ts';
import type { FlashEngine } from '../../../src/shared/flash/create-flash-engine.ts';
import type { FlashFrame } from '../../../src/shared/flash/flash-frame.ts';

/** AU values: `AU12` sets both sides, `AU12_L` one side. */
export type AuValues = Partial<Record<AuChannel, number>>;

const SIDED = new Set<string>(AU_LIST.filter((a) => a.sided).map((a) => a.id));
/** Open-eye aperture (lid opening / eye width) of the synthetic face. */
export const OPEN_APERTURE = 0.3;

export function neutralFrame(timestampMs: number): FlashFrame {
  const eyes = new Float32Array(EYE_FEATURES.length);
  eyes[EYE_INDEX.aperture_L] = OPEN_APERTURE;
  eyes[EYE_INDEX.aperture_R] = OPEN_APERTURE;
  return {
    timestampMs,
    facePresent: true,
    aus: new Float32Array(AU_CHANNELS.length),
    eyes,
    pose: new Float32Array(3),
  };
}

export function lostFrame(timestampMs: number): FlashFrame {
  return {
    timestampMs,
    facePresent: false,
    aus: new Float32Array(AU_CHANNELS.length).fill(NaN),
    eyes: new Float32Array(EYE_FEATURES.length).fill(NaN),
    pose: new Float32Array(3).fill(NaN),
  };
}

/** Adds AU values (scaled) onto a frame; keeps each sided AU's bilateral channel = max of its sides. */
export function addAus(frame: FlashFrame, values: AuValues, scale = 1): void {
  for (const [name, v] of Object.entries(values) as [AuChannel, number][]) {
    const x = v * scale;
    const add = (c: number) => {
      frame.aus[c] = frame.aus[c]! + x;
    };
    if (SIDED.has(name)) {
      add(AU_CHANNEL_INDEX[`${name as AuId}_L` as AuChannel]);
      add(AU_CHANNEL_INDEX[`${name as AuId}_R` as AuChannel]);
    } else add(AU_CHANNEL_INDEX[name]);
  }
  for (const au of AU_LIST) {
    if (!au.sided) continue;
    const l = frame.aus[AU_CHANNEL_INDEX[`${au.id}_L` as AuChannel]]!;
    const r = frame.aus[AU_CHANNEL_INDEX[`${au.id}_R` as AuChannel]]!;
    frame.aus[AU_CHANNEL_INDEX[au.id]] = Math.max(l, r);
  }
}

export function setEye(frame: FlashFrame, feature: EyeFeature, value: number): void {
  frame.eyes[EYE_INDEX[feature]] = value;
}

/** Timestamps from `startMs` to `endMs` (exclusive) at `fps`. */
export function times(fps: number, endMs: number, startMs = 0): number[] {
  const out: number[] = [];
  for (let i = 0; startMs + (i * 1000) / fps < endMs; i++) out.push(startMs + (i * 1000) / fps);
  return out;
}

/** Builds one frame per timestamp; `fill` adds what the test needs. */
export function build(ts: readonly number[], fill: (frame: FlashFrame, t: number, i: number) => void = () => {}): FlashFrame[] {
  return ts.map((t, i) => {
    const f = neutralFrame(t);
    fill(f, t, i);
    return f;
  });
}

/**
 * ms. What the engine sees of a face before its AUs exist (the AU stage's automatic neutral takes
 * about a second): a still, closed mouth, so the speech gate's warm-up is over by the test's first
 * frame. Longer than FLASH_ENGINE_DEFAULTS.speechWarmupMs.
 */
export const SETTLE_MS = 2000;

/** Feeds `SETTLE_MS` of face frames without AUs yet (no neutral), closed mouth, ending before `beforeMs`. */
export function settle(engine: FlashEngine, beforeMs: number, fps = 30): void {
  for (const t of times(fps, beforeMs, beforeMs - SETTLE_MS)) {
    const f = lostFrame(t);
    f.facePresent = true;
    f.mouthOpen = 0;
    engine.step(f);
  }
}

/** Settles the engine (see `settle`), runs every frame, then flushes; returns every event in order. */
export function run(engine: FlashEngine, frames: readonly FlashFrame[], flush = true): FlashEvent[] {
  const events: FlashEvent[] = [];
  if (frames.length > 0) settle(engine, frames[0]!.timestampMs);
  for (const f of frames) events.push(...engine.step(f));
  if (flush && frames.length > 0) events.push(...engine.flush(frames[frames.length - 1]!.timestampMs));
  return events;
}

export function completed(events: readonly FlashEvent[]): FlashEvent[] {
  return events.filter((e) => e.status === 'complete');
}

/** Deterministic Gaussian noise (mulberry32 + Box-Muller). */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Adds Gaussian noise of `sigma` to every AU channel (sided bilateral channels kept = max of sides). */
export function addNoise(frame: FlashFrame, sigma: number, next: () => number): void {
  const values: AuValues = {};
  for (const c of AU_CHANNELS) {
    if (SIDED.has(c)) continue;
    values[c] = sigma * next();
  }
  addAus(frame, values);
}

/** The AU prototypes of the nine kinds' facial expressions (apex intensities, FACS 0-5). */
export const PROTOTYPES: Record<string, AuValues> = {
  anger: { AU04: 3, AU05: 1.5, AU07: 2, AU23: 2 },
  disgust: { AU04: 2, AU07: 3, AU09: 3, AU10: 2.5, AU17: 1.5 },
  pain: { AU04: 2.5, AU09: 2.5, AU06: 2, AU07: 4, AU20: 2.5, AU25: 2 },
  fear: { AU01: 3, AU02: 2.5, AU04: 2, AU05: 2.5, AU20: 2, AU25: 1.5 },
  sadness: { AU01: 2.5, AU04: 2, AU15: 2, AU17: 1.5 },
  surprise: { AU01: 3, AU02: 3, AU05: 2, AU25: 2, AU26: 3 },
  happiness: { AU06: 2.5, AU12: 3, AU25: 1 },
  one_sided_smile: { AU12_L: 2.5, AU14_L: 1.5 },
};
