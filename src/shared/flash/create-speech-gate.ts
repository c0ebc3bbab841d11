/**
 * Says, per frame, whether the person is talking: while the mouth opening has reversed direction
 * by at least `speechSwingMin` at least `speechMinReversals` times within the last
 * `speechWindowMs`, and for `speechHoldMs` after that stops being so. Talking moves the mouth AUs
 * constantly; while it lasts the engine raises mouth AU thresholds, holds mouth-only events to a
 * minimum duration and new events to the person's own talking variability.
 *
 * The mouth opening is the absolute lip gap (`FlashFrame.mouthOpen`) where the frame has it: the
 * neutral-relative AUs are clipped at 0, so when the neutral was taken with the lips apart (a
 * neutral from mid-speech) the AUs go flat while the lips still move. Without it, AU25+26+27.
 *
 * Until the mouth has been watched for `speechWarmupMs` the state is 'assumed': nobody can tell yet
 * whether the person talks, and the engine is as strict as for talking. The gate is fed every
 * face frame, also before a neutral exists, so that this warm-up mostly passes while the AU
 * stage is still taking its automatic neutral.
 */
import type { FlashEngineOptions } from './defaults.ts';

/** Not talking. */
export const SPEECH_QUIET = 0;
/** Not known yet (warm-up): treated as talking, but not learnt from as talking. */
export const SPEECH_ASSUMED = 1;
/** Talking. */
export const SPEECH_TALKING = 2;
export type SpeechState = typeof SPEECH_QUIET | typeof SPEECH_ASSUMED | typeof SPEECH_TALKING;
export { SPEECH_STATE_NAMES, type SpeechStateName } from '../contract/index.ts';

export interface SpeechGate {
  /** One face frame's mouth opening (FACS units; NaN: no reading, the frame is skipped). */
  step(timestampMs: number, mouthOpen: number): SpeechState;
  reset(): void;
}

type SpeechOptions = Pick<
  FlashEngineOptions,
  'speechSwingMin' | 'speechWindowMs' | 'speechMinReversals' | 'speechHoldMs' | 'speechWarmupMs' | 'maxFrameGapMs'
>;

/** Reversal times kept: enough for any sensible speechMinReversals. */
const RING_SIZE = 64;

export function createSpeechGate(options: SpeechOptions): SpeechGate {
  const { speechSwingMin, speechWindowMs, speechMinReversals, speechHoldMs, speechWarmupMs, maxFrameGapMs } = options;
  const reversals = new Float64Array(RING_SIZE);
  let head = 0;
  let stored = 0;
  let direction = 0;
  let extreme = NaN;
  let speakingUntil = -Infinity;
  let watchedSince = NaN;
  let lastT = NaN;
  const record = (t: number) => {
    reversals[head] = t;
    head = (head + 1) % RING_SIZE;
    stored = Math.min(stored + 1, RING_SIZE);
  };
  const reset = () => {
    head = 0;
    stored = 0;
    direction = 0;
    extreme = NaN;
    speakingUntil = -Infinity;
    watchedSince = NaN;
    lastT = NaN;
  };
  return {
    step(t, m) {
      if (!Number.isFinite(m)) return stateAt(t);
      // A tracking gap: what the mouth did before it says nothing about now.
      if (t - lastT > maxFrameGapMs) reset();
      lastT = t;
      if (Number.isNaN(watchedSince)) watchedSince = t;
      if (Number.isNaN(extreme)) {
        extreme = m;
        direction = 0;
      } else if (direction >= 0 && m >= extreme) {
        extreme = m;
        direction = 1;
      } else if (direction <= 0 && m <= extreme) {
        extreme = m;
        direction = -1;
      } else if (Math.abs(m - extreme) >= speechSwingMin) {
        if (direction !== 0) record(t);
        direction = m > extreme ? 1 : -1;
        extreme = m;
      }
      let recent = 0;
      for (let i = 0; i < stored; i++) {
        if (t - reversals[(head - 1 - i + RING_SIZE) % RING_SIZE]! <= speechWindowMs) recent++;
        else break;
      }
      if (recent >= speechMinReversals) speakingUntil = t + speechHoldMs;
      return stateAt(t);
    },
    reset,
  };

  function stateAt(t: number): SpeechState {
    if (t < speakingUntil) return SPEECH_TALKING;
    if (Number.isNaN(watchedSince) || t - watchedSince < speechWarmupMs) return SPEECH_ASSUMED;
    return SPEECH_QUIET;
  }
}
