/** Hand-made frames and events for the export and command-line tests. */
import { AU_CHANNELS, type FlashEvent } from '../../../src/shared/contract/index.ts';
import { EYE_FEATURES } from '../../../src/shared/eyes.ts';
import type { AnalyzedFrame } from '../../../src/shared/analyzed-frame.ts';

/** A frame at `fps` with a face whose every AU channel has intensity `level` (present above 1). */
export function faceFrame(frameIndex: number, level = 1.23456, fps = 30): AnalyzedFrame {
  return {
    frameIndex,
    timestampMs: (frameIndex * 1000) / fps,
    facePresent: true,
    faceCount: 1,
    pose: [0.1, -0.2, -0.0000001],
    aus: AU_CHANNELS.map(() => level),
    auPresence: AU_CHANNELS.map(() => (level > 1 ? 1 : 0)),
    eyes: EYE_FEATURES.map((_, i) => i / 10),
    events: [],
    speech: 'talking',
  };
}

/** A frame where no face was found. */
export function emptyFrame(frameIndex: number, fps = 30): AnalyzedFrame {
  return {
    frameIndex,
    timestampMs: (frameIndex * 1000) / fps,
    facePresent: false,
    faceCount: 0,
    pose: [null, null, null],
    aus: AU_CHANNELS.map(() => null),
    auPresence: AU_CHANNELS.map(() => 0),
    eyes: EYE_FEATURES.map(() => null),
    events: [],
    speech: 'quiet',
  };
}

/** A complete micro anger flash at 1.0-1.133 s. Every field is set (a new field breaks this literal). */
export function angerEvent(overrides: Partial<FlashEvent> = {}): FlashEvent {
  return {
    id: 1,
    kind: 'anger',
    status: 'complete',
    onsetMs: 1000,
    apexMs: 1066.6666667,
    offsetMs: 1133.3333333,
    onsetPhaseMs: 66.6666667,
    durationMs: 133.3333333,
    peak: 2.3123,
    aus: [
      { au: 'AU04', peak: 2.3123 },
      { au: 'AU07', peak: 1.2 },
    ],
    side: 'both',
    sideLagMs: 0,
    confidence: 0.8,
    micro: true,
    fastOnset: false,
    macro: false,
    endedBy: 'offset',
    ...overrides,
  };
}
