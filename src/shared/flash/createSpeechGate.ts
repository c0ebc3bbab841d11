/**
 * Says, per frame, whether the person is talking: the mouth opening (AU25 + AU26 + AU27) reverses
 * direction by at least `speechSwingMin` at least `speechMinReversals` times within
 * `speechWindowMs`, and for `speechHoldMs` after the last reversal. Talking moves the mouth AUs
 * constantly; while it lasts the engine raises mouth AU thresholds and mutes mouth-only rules.
 */
import { AU_CHANNEL_INDEX } from '../au/ids.ts';
import type { FlashEngineOptions } from './defaults.ts';

export interface SpeechGate {
  step(timestampMs: number, aus: Float32Array): boolean;
  reset(): void;
}

type SpeechOptions = Pick<FlashEngineOptions, 'speechSwingMin' | 'speechWindowMs' | 'speechMinReversals' | 'speechHoldMs'>;

const MOUTH_OPENING = [AU_CHANNEL_INDEX.AU25, AU_CHANNEL_INDEX.AU26, AU_CHANNEL_INDEX.AU27] as const;
/** Reversal times kept: enough for any sensible speechMinReversals. */
const RING_SIZE = 64;

export function createSpeechGate(options: SpeechOptions): SpeechGate {
  const { speechSwingMin, speechWindowMs, speechMinReversals, speechHoldMs } = options;
  const reversals = new Float64Array(RING_SIZE);
  let head = 0;
  let stored = 0;
  let direction = 0;
  let extreme = NaN;
  let speakingUntil = -Infinity;
  const record = (t: number) => {
    reversals[head] = t;
    head = (head + 1) % RING_SIZE;
    stored = Math.min(stored + 1, RING_SIZE);
  };
  return {
    step(t, aus) {
      const m = aus[MOUTH_OPENING[0]]! + aus[MOUTH_OPENING[1]]! + aus[MOUTH_OPENING[2]]!;
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
      return t < speakingUntil;
    },
    reset() {
      head = 0;
      stored = 0;
      direction = 0;
      extreme = NaN;
      speakingUntil = -Infinity;
    },
  };
}
