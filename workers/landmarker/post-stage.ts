/**
 * Everything after landmarking, per frame: action units relative to the person's neutral, eye
 * features, head pose (the AU estimator), then the flash engine. One explicit instance per session.
 */
import { createAuEstimator, validateNeutralBaseline, type AuEstimator, type NeutralBaseline } from '../../src/shared/au/index.ts';
import {
  createFlashEngine,
  defaultRules,
  flashFrameOf,
  parseRules,
  type FlashEngine,
  type FlashEvent,
  type SpeechStateName,
} from '../../src/shared/flash/index.ts';
import type { Rules } from '../../src/shared/contract/index.ts';
import { FIRST_FACE } from '../../src/shared/face-roster.ts';

export interface PostInput {
  timestampMs: number;
  width: number;
  height: number;
  /** Followed face's landmarks/blendshapes/matrix, or null when no face. */
  face: { landmarks: Float32Array; blendshapes: Float32Array; matrix: Float32Array } | null;
}

export interface PostOutput {
  aus: Float32Array;
  auPresence: Uint8Array;
  eyes: Float32Array;
  pose: Float32Array;
  baselineReady: boolean;
  events: FlashEvent[];
  speech: SpeechStateName;
}

export interface PostStage {
  step(input: PostInput): PostOutput;
  /** Completes open events at the end of a file. */
  flush(endMs: number): FlashEvent[];
  calibrate(durationMs: number): void;
  /** Ends a running calibration now with the frames it has (a whole clip of the neutral face); false when too few. */
  finishCalibration(): boolean;
  getBaseline(): NeutralBaseline | null;
  /**
   * Validates and uses a neutral (throws saying what is wrong). It is the session's given neutral:
   * a reset (a new source, the next file) starts from it again instead of learning a new one.
   * null forgets it (and the neutral in use): the next frames learn one.
   */
  setBaseline(baseline: unknown): void;
  /** Forgets the events and what was learnt; the given neutral (init or setBaseline), if any, stays. */
  reset(): void;
  /**
   * Another face is followed (picked in a gallery; keys from src/shared/face-roster.ts): the face
   * left keeps its neutral under its key, the face followed now gets its own (the one it had, the
   * given neutral for the session's first face, or a fresh one learnt from its next frames); events
   * open at `atMs` are completed and returned.
   */
  followFace(key: string, atMs: number): FlashEvent[];
}

export function createPostStage(init: {
  rules?: unknown;
  baseline?: unknown;
  onBaseline?: (b: NeutralBaseline | null) => void;
}): PostStage {
  const au: AuEstimator = createAuEstimator();
  // The neutral's version the page was last told about: it is told on every change, not per frame.
  let toldVersion = -1;
  const tell = () => {
    if (au.baselineVersion === toldVersion) return;
    toldVersion = au.baselineVersion;
    init.onBaseline?.(au.getBaseline());
  };
  const rules: Rules = init.rules === undefined ? defaultRules() : parseRules(init.rules);
  const engine: FlashEngine = createFlashEngine(rules);
  let given: NeutralBaseline | null = init.baseline != null ? validateNeutralBaseline(init.baseline) : null;
  if (given) au.setBaseline(given);
  /** The neutral of each face followed before in this session (not the current one), by face key. */
  const neutrals = new Map<string, NeutralBaseline>();
  let face = FIRST_FACE;

  return {
    step(input) {
      const out = au.step({
        timestampMs: input.timestampMs,
        landmarks: input.face?.landmarks ?? null,
        matrix: input.face?.matrix ?? null,
        blendshapes: input.face?.blendshapes ?? null,
        width: input.width,
        height: input.height,
      });
      const events = engine.step(flashFrameOf(input.timestampMs, input.face !== null, out));
      tell();
      return {
        aus: out.aus,
        auPresence: out.presence,
        eyes: out.eyes,
        pose: out.pose,
        baselineReady: out.baselineReady,
        events,
        speech: engine.speech,
      };
    },
    flush: (endMs) => engine.flush(endMs),
    calibrate: (durationMs) => au.startCalibration(durationMs),
    finishCalibration() {
      const ok = au.finishCalibration();
      tell();
      return ok;
    },
    getBaseline: () => au.getBaseline(),
    setBaseline(baseline) {
      given = baseline === null ? null : validateNeutralBaseline(baseline);
      if (given) au.setBaseline(given);
      else au.reset();
      tell();
    },
    reset() {
      au.reset();
      if (given) au.setBaseline(given);
      engine.reset();
      neutrals.clear();
      face = FIRST_FACE;
      tell();
    },
    followFace(key, atMs) {
      if (key === face) return [];
      const own = au.getBaseline();
      if (own) neutrals.set(face, own);
      const ended = Number.isFinite(atMs) ? engine.flush(atMs) : [];
      engine.reset();
      au.reset();
      face = key;
      const next = neutrals.get(key) ?? (key === FIRST_FACE ? given : null);
      if (next) au.setBaseline(next);
      tell();
      return ended;
    },
  };
}
