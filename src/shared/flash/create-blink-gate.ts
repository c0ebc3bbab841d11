/**
 * Says, per frame, whether the lids are in a blink: the eye features' blink flag, AU43/AU45 at or
 * above `blinkAuMin`, or the aperture dipping under `blinkApertureRatio` of the person's open-eye
 * aperture; and for `blinkHoldMs` after. While it says so, eye-region AUs (5, 6, 7, 43, 45) are
 * held at their last open-eye values by the engine, so a closing lid never reads as a lid
 * tightener (AU7) or cheek raiser (AU6). A closure longer than `blinkMaxMs` is eyes closed, not a
 * blink: the gate opens so that a real AU43 (pain) can count.
 */
import { AU_CHANNEL_INDEX } from '../au/ids.ts';
import { EYE_INDEX } from '../eyes.ts';
import type { FlashEngineOptions } from './defaults.ts';

export interface BlinkGate {
  /** True while eye-region AUs must be held. */
  step(timestampMs: number, aus: Float32Array, eyes: Float32Array): boolean;
  /** True while the lids are closing or closed this frame (held or not); for blink counting. */
  readonly closed: boolean;
  reset(): void;
}

type BlinkOptions = Pick<
  FlashEngineOptions,
  'blinkAuMin' | 'blinkApertureRatio' | 'apertureTimeConstantMs' | 'blinkHoldMs' | 'blinkMaxMs'
>;

const BLINK_CHANNELS = [AU_CHANNEL_INDEX.AU43, AU_CHANNEL_INDEX.AU45] as const;

export function createBlinkGate(options: BlinkOptions): BlinkGate {
  const { blinkAuMin, blinkApertureRatio, apertureTimeConstantMs, blinkHoldMs, blinkMaxMs } = options;
  let openAperture = NaN;
  let prevT = NaN;
  let closedSince = NaN;
  let holdUntil = -Infinity;
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    step(t, aus, eyes) {
      const flag = eyes[EYE_INDEX.blink]! >= 0.5;
      const auClosed = aus[BLINK_CHANNELS[0]]! >= blinkAuMin || aus[BLINK_CHANNELS[1]]! >= blinkAuMin;
      const aperture = (eyes[EYE_INDEX.aperture_L]! + eyes[EYE_INDEX.aperture_R]!) / 2;
      const dip = Number.isFinite(aperture) && Number.isFinite(openAperture) && aperture < blinkApertureRatio * openAperture;
      closed = flag || auClosed || dip;
      if (!closed && Number.isFinite(aperture)) {
        const dt = Number.isFinite(prevT) ? t - prevT : Infinity;
        const alpha = Number.isFinite(openAperture) ? 1 - Math.exp(-dt / apertureTimeConstantMs) : 1;
        openAperture = Number.isFinite(openAperture) ? openAperture + alpha * (aperture - openAperture) : aperture;
      }
      prevT = t;
      if (closed) {
        if (Number.isNaN(closedSince)) closedSince = t;
        // Eyes kept closed: not a blink any more, let AU43 through.
        if (t - closedSince > blinkMaxMs) return false;
        holdUntil = t + blinkHoldMs;
        return true;
      }
      closedSince = NaN;
      return t < holdUntil;
    },
    reset() {
      prevT = NaN;
      closedSince = NaN;
      holdUntil = -Infinity;
      closed = false;
    },
  };
}
