/**
 * Presence of each AU channel with hysteresis (on at `presence.on`, off below `presence.off`), the
 * one lid-closure measure split by duration into a blink (AU45, up to `eyes.blinkMaxMs`) and eyes
 * closed (AU43, longer), and the bilateral channel of each sided AU as the larger of its sides.
 * State (presence, how long each eye has been closed) lives in the instance.
 */
import { AU_CHANNEL_INDEX, AU_CHANNELS } from '../contract/index.ts';
import type { AuConfig } from './defaults.ts';
import type { CompiledAu } from './registry.ts';

export interface PresenceTracker {
  /** Reads and rewrites `work` (intensities; closure split, bilateral maxima) and fills `present`. */
  step(t: number, work: Float64Array, present: Uint8Array): void;
  /** Forgets presence and closure timing (no face). */
  clear(): void;
}

const CLOSURE_SIDES = [
  { a45: AU_CHANNEL_INDEX.AU45_L, a43: AU_CHANNEL_INDEX.AU43_L },
  { a45: AU_CHANNEL_INDEX.AU45_R, a43: AU_CHANNEL_INDEX.AU43_R },
] as const;

export function createPresenceTracker(channels: readonly CompiledAu[], config: Pick<AuConfig, 'presence' | 'eyes'>): PresenceTracker {
  const { presence: cfg, eyes: eyeCfg } = config;
  const nc = AU_CHANNELS.length;
  const state = new Uint8Array(nc);
  const closed = [false, false];
  const closedSinceMs = [NaN, NaN];
  return {
    step(t, work, present) {
      for (let ci = 0; ci < nc; ci++) {
        const v = work[ci]!;
        state[ci] = state[ci] ? (v >= cfg.off ? 1 : 0) : v >= cfg.on ? 1 : 0;
      }
      for (let s = 0; s < 2; s++) {
        const { a45, a43 } = CLOSURE_SIDES[s]!;
        const v = work[a45]!;
        const wasClosed = closed[s]!;
        const isClosed = wasClosed ? v >= cfg.off : v >= cfg.on;
        if (isClosed && !wasClosed) closedSinceMs[s] = t;
        closed[s] = isClosed;
        const long = isClosed && t - closedSinceMs[s]! > eyeCfg.blinkMaxMs;
        work[a43] = long ? v : 0;
        work[a45] = long ? 0 : v;
        state[a43] = long ? 1 : 0;
        state[a45] = isClosed && !long ? 1 : 0;
      }
      for (let ci = 0; ci < nc; ci++) {
        if (!channels[ci]!.maxOfSides) continue;
        work[ci] = Math.max(work[ci + 1]!, work[ci + 2]!);
        state[ci] = state[ci + 1] || state[ci + 2] ? 1 : 0;
      }
      present.set(state);
    },
    clear() {
      state.fill(0);
      closed[0] = closed[1] = false;
      closedSinceMs[0] = closedSinceMs[1] = NaN;
    },
  };
}
