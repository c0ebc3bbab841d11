/**
 * Says, per frame, whether the lids are in a blink: the eye features' blink flag or AU43/AU45 at or
 * above `blinkAuMin`; and for `blinkHoldMs` after. While it says so, eye-region AUs (5, 6, 7, 43,
 * 45) are held at their last open-eye values by the engine, so a closing lid never reads as a lid
 * tightener (AU7) or cheek raiser (AU6). A closure longer than `blinkMaxMs` is eyes closed, not a
 * blink: the gate opens so that a real AU43 (pain) can count.
 *
 * The lid gap itself is not read: it narrows as much when the cheeks push the lower lids up in a
 * smile (AU6) or the lids tighten (AU7) as in a blink, and holding the eye AUs then would hide the
 * very AU6 that makes a smile happiness. AU43/AU45 read the upper lid coming down, confirmed by
 * MediaPipe's eyeBlink (au/registry.ts), which a blink moves and a narrowing does not. A strong
 * narrowing (disgust's squint, a grimace) still brings the upper lid partly down, far enough to
 * read as a weak closure; it is told from a blink by the lower lid and cheek: in a blink they stay
 * nearly still, in a narrowing they rise by more than the upper lid falls. A closure whose AU6 or
 * AU7 exceeds it by `blinkNarrowingMargin` is a narrowing: nothing is held and no blink counted.
 */
import { AU_CHANNEL_INDEX } from '../contract/index.ts';
import { EYE_INDEX } from '../eyes.ts';
import type { FlashEngineOptions } from './defaults.ts';

export interface BlinkGate {
  /** True while eye-region AUs must be held. */
  step(timestampMs: number, aus: Float32Array, eyes: Float32Array): boolean;
  /** True while the lids are closing or closed this frame (held or not); for blink counting. */
  readonly closed: boolean;
  reset(): void;
}

type BlinkOptions = Pick<FlashEngineOptions, 'blinkAuMin' | 'blinkHoldMs' | 'blinkMaxMs' | 'blinkNarrowingMargin'>;

const BLINK_CHANNELS = [AU_CHANNEL_INDEX.AU43, AU_CHANNEL_INDEX.AU45] as const;
const NARROWING_CHANNELS = [AU_CHANNEL_INDEX.AU06, AU_CHANNEL_INDEX.AU07] as const;

/** The lids narrowed from below (lower lid and cheek up by more than the upper lid came down). */
function isNarrowing(aus: Float32Array, margin: number): boolean {
  const closure = Math.max(aus[BLINK_CHANNELS[0]]!, aus[BLINK_CHANNELS[1]]!);
  const fromBelow = Math.max(aus[NARROWING_CHANNELS[0]]!, aus[NARROWING_CHANNELS[1]]!);
  return fromBelow - closure >= margin;
}

export function createBlinkGate(options: BlinkOptions): BlinkGate {
  const { blinkAuMin, blinkHoldMs, blinkMaxMs, blinkNarrowingMargin } = options;
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
      closed = (flag || auClosed) && !isNarrowing(aus, blinkNarrowingMargin);
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
      closedSince = NaN;
      holdUntil = -Infinity;
      closed = false;
    },
  };
}
