/**
 * The live flash engine: per-frame AU intensities and eye features in, expression events out.
 *
 *   const engine = createFlashEngine(defaultRules());
 *   for (const frame of frames) show(engine.step(frame));
 *   show(engine.flush(lastTimestampMs));
 *
 * Each step returns the events that started on that frame (status 'onset', shown as it happens)
 * and those that ended (status 'complete', on the first frame after the offset; same id as the
 * onset). Pure TypeScript, no DOM, no allocation-heavy work: it runs in the worker on every frame.
 * All state is in the instance; `reset()` forgets everything (new person or source).
 *
 * Per frame: speech gate (on every face frame, from the absolute lip gap), blink gate (hold
 * eye-region AUs), head-motion gate (block onsets during turns; an onset on a one-frame pose step
 * waits one frame for the head to stop), while talking: raised mouth mins, mouth-only events
 * held to a minimum duration and mins held above the person's talking envelope; rule activations against
 * noise-adapted mins, one event track per rule group (a group starts an event only while no other
 * group matches the face more fully), the gaze-state tracker (dissociation),
 * then the noise update. A frame with no face, NaN AUs, or after a gap longer than
 * maxFrameGapMs ends open events at the last good frame and restarts onset detection.
 * See docs/flash-engine.md.
 */
import { AU_CHANNEL_INDEX, AU_CHANNELS, FlashEngineError, type Rules } from '../contract/index.ts';
import { compileRules, EYE_REGION_AUS } from './compile-rules.ts';
import { createBlinkGate } from './create-blink-gate.ts';
import { createGazeStateTracker } from './create-gaze-state-tracker.ts';
import { createGroupTrack } from './create-group-track.ts';
import { createHeadMotionGate, HEAD_BLOCKED, HEAD_STEP } from './create-head-motion-gate.ts';
import { createNoiseTracker } from './create-noise-tracker.ts';
import {
  createSpeechGate,
  SPEECH_QUIET,
  SPEECH_STATE_NAMES,
  SPEECH_TALKING,
  type SpeechState,
  type SpeechStateName,
} from './create-speech-gate.ts';
import { createTalkingEnvelope } from './create-talking-envelope.ts';
import { resolveFlashEngineOptions, type FlashEngineOptions } from './defaults.ts';
import { createRuleFrame, createViewScratch, evaluateAuRule, type RuleContext } from './evaluate-au-rule.ts';
import type { FlashEvent } from './event.ts';
import type { FlashFrame } from './flash-frame.ts';

export interface FlashEngine {
  /** Feeds one frame (timestamps strictly increasing); returns events that started or ended on it. */
  step(frame: FlashFrame): FlashEvent[];
  /** Completes open events at `endMs` (end of a file); the engine can go on after it. */
  flush(endMs: number): FlashEvent[];
  /** Forgets everything: events, gates, noise and gaze baselines, the last timestamp. */
  reset(): void;
  /** The options in use (defaults merged with what was given). */
  readonly options: Readonly<FlashEngineOptions>;
  /** The speech gate's state after the last step: while not 'quiet', new events must be stronger. */
  readonly speech: SpeechStateName;
}

/** Mouth opening from the AUs, for frames without an absolute lip gap (FlashFrame.mouthOpen). */
const MOUTH_OPENING = [AU_CHANNEL_INDEX.AU25, AU_CHANNEL_INDEX.AU26, AU_CHANNEL_INDEX.AU27] as const;

/** The mouth opening the speech gate reads: the absolute lip gap, else AU25 + AU26 + AU27, else NaN. */
function mouthOpening(frame: FlashFrame): number {
  if (!frame.facePresent) return NaN;
  if (frame.mouthOpen !== undefined && Number.isFinite(frame.mouthOpen)) return frame.mouthOpen;
  return frame.aus[MOUTH_OPENING[0]]! + frame.aus[MOUTH_OPENING[1]]! + frame.aus[MOUTH_OPENING[2]]!;
}

/** Channels held through blinks: every eye-region AU, bilateral and per side. */
const EYE_CHANNELS: readonly number[] = AU_CHANNELS.flatMap((c, i) =>
  EYE_REGION_AUS.some((au) => c === au || c.startsWith(`${au}_`)) ? [i] : [],
);

/**
 * `rules` must come from parseRules/defaultRules (checked). `options` is merged over
 * FLASH_ENGINE_DEFAULTS.
 */
export function createFlashEngine(rules: Rules, options: Partial<FlashEngineOptions> = {}): FlashEngine {
  const opts = resolveFlashEngineOptions(options);
  const compiled = compileRules(rules);
  const channelCount = AU_CHANNELS.length;
  let idCounter = 0;
  const nextId = () => ++idCounter;

  const noise = createNoiseTracker(channelCount, opts);
  const blink = createBlinkGate(opts);
  const head = createHeadMotionGate(opts);
  const speech = createSpeechGate(opts);
  const talking = createTalkingEnvelope(channelCount, opts);
  const newTracks = () => compiled.groups.map((g) => createGroupTrack(g, opts, nextId));
  const newGaze = () => compiled.gazeRules.map((r) => createGazeStateTracker(r, opts, nextId));
  let tracks = newTracks();
  let gaze = newGaze();

  const values = new Float32Array(channelCount);
  const held = new Float32Array(channelCount);
  const eyeMask = new Uint8Array(channelCount);
  for (const c of EYE_CHANNELS) eyeMask[c] = 1;
  const noSkip = new Uint8Array(channelCount);
  const frames = compiled.auRules.map(createRuleFrame);
  const groupEvidence = new Float64Array(compiled.groups.length);
  const groupOrder = compiled.groups.map((_, g) => g);
  const flags = { onsetBlocked: false, onsetProvisional: false, disturbed: false, speaking: false };
  const scratch = createViewScratch();
  const ctx: RuleContext = {
    values,
    sigma: noise.sigma,
    noiseK: opts.noiseThresholdK,
    speaking: false,
    talkFloor: talking.floor,
    speechMouthScale: opts.speechMouthScale,
    talkingConfirm: opts.speechUpperFaceConfirm !== 0,
    evidenceCap: opts.ruleEvidenceCap,
  };

  let lastT = NaN;
  let lastGoodT = NaN;
  let speechState: SpeechState = SPEECH_QUIET;
  let heldValid = false;

  const endAll = (atMs: number, reason: 'face-lost' | 'flush', out: FlashEvent[]) => {
    for (const track of tracks) track.end(atMs, reason, out);
    for (const g of gaze) g.end(atMs, reason, out);
  };

  const restartDetection = () => {
    for (const track of tracks) track.reset();
    for (const g of gaze) g.reset();
    blink.reset();
    head.reset();
    heldValid = false;
  };

  const faceUsable = (frame: FlashFrame): boolean => {
    if (!frame.facePresent || frame.aus.length < channelCount) return false;
    for (let c = 0; c < channelCount; c++) if (!Number.isFinite(frame.aus[c]!)) return false;
    return true;
  };

  return {
    options: opts,
    get speech() {
      return SPEECH_STATE_NAMES[speechState];
    },
    step(frame) {
      const t = frame.timestampMs;
      if (!Number.isFinite(t)) {
        throw new FlashEngineError('bad-frame', `Frame timestamp must be a finite number of ms, got ${String(t)}.`);
      }
      if (t <= lastT) {
        throw new FlashEngineError(
          'timestamp-order',
          `Frame timestamps must strictly increase: got ${t} ms after ${lastT} ms. ` +
            'Feed frames in capture (live) or presentation (file) order, drop duplicates, or call reset() before a new source.',
        );
      }
      lastT = t;
      const out: FlashEvent[] = [];
      // The speech gate watches every face frame, also before the AUs have a neutral to be read
      // against; a frame without a face (or a long gap, which the gate sees itself) restarts it.
      const mouth = mouthOpening(frame);
      if (!frame.facePresent) speech.reset();
      speechState = speech.step(t, mouth);
      const usable = faceUsable(frame);
      const gap = Number.isFinite(lastGoodT) && t - lastGoodT > opts.maxFrameGapMs;
      if (Number.isFinite(lastGoodT) && (!usable || gap)) {
        endAll(lastGoodT, 'face-lost', out);
        restartDetection();
        lastGoodT = NaN;
      }
      if (!usable) return out;
      const dt = Number.isFinite(lastGoodT) ? t - lastGoodT : NaN;
      lastGoodT = t;

      // Blinks: hold the eye-region AUs at their last open-eye values.
      const blinking = blink.step(t, frame.aus, frame.eyes);
      values.set(frame.aus.subarray(0, channelCount));
      if (blinking && heldValid) {
        for (const c of EYE_CHANNELS) values[c] = held[c]!;
      } else if (!blinking) {
        for (const c of EYE_CHANNELS) held[c] = values[c]!;
        heldValid = true;
      } else {
        for (const c of EYE_CHANNELS) values[c] = 0;
      }

      const headState = head.step(t, frame.pose);
      const headBlocked = headState === HEAD_BLOCKED;
      const speaking = speechState !== SPEECH_QUIET;
      if (speechState === SPEECH_TALKING) talking.update(values, dt);
      ctx.speaking = speaking;
      for (let i = 0; i < frames.length; i++) evaluateAuRule(compiled.auRules[i]!, ctx, frames[i]!, scratch);
      flags.onsetProvisional = headState === HEAD_STEP;
      flags.disturbed = headBlocked || speaking;
      flags.speaking = speaking;
      // One expression at a time: a group may start an event only while no group holding one
      // matches the face more fully (a smile's cheeks can read as lowered brows, a frown's pressed
      // lips as raised corners; the weaker reading is the artefact). Groups are compared by how
      // strongly their best rule is met (evidence per requirement, so that a rule of two
      // requirements does not outweigh one of one by its size alone), where it holds an event or
      // could start one, and step strongest first, so the stronger of two that rise together wins.
      for (let g = 0; g < groupEvidence.length; g++) {
        const holding = tracks[g]!.active;
        let e = 0;
        for (const r of compiled.groups[g]!.rules) {
          const f = frames[r.index]!;
          if (holding || f.activation >= r.on) e = Math.max(e, f.evidence / r.requirements);
        }
        groupEvidence[g] = e;
      }
      groupOrder.sort((a, b) => groupEvidence[b]! - groupEvidence[a]!);
      for (const g of groupOrder) {
        let rival = 0;
        if (opts.groupDominance !== 0) {
          for (let h = 0; h < tracks.length; h++) if (h !== g && tracks[h]!.active) rival = Math.max(rival, groupEvidence[h]!);
        }
        flags.onsetBlocked = headBlocked || groupEvidence[g]! < rival;
        tracks[g]!.step(t, frames, values, noise.sigma, flags, out);
      }
      for (const g of gaze) g.step(t, frame.eyes, blink.closed, out);

      noise.update(values, dt, blinking ? eyeMask : noSkip);
      return out;
    },
    flush(endMs) {
      const out: FlashEvent[] = [];
      if (Number.isFinite(lastGoodT)) endAll(Math.max(lastGoodT, Math.min(endMs, lastGoodT + opts.maxFrameGapMs)), 'flush', out);
      restartDetection();
      speech.reset();
      lastGoodT = NaN;
      return out;
    },
    reset() {
      tracks = newTracks();
      gaze = newGaze();
      restartDetection();
      speech.reset();
      talking.reset();
      noise.reset();
      speechState = SPEECH_QUIET;
      lastT = NaN;
      lastGoodT = NaN;
      idCounter = 0;
    },
  };
}
