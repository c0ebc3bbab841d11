/** Processed frames per second over a sliding window. */
export interface FpsMeter {
  tick(nowMs: number): void;
  fps(nowMs: number): number;
}

/** Window over which fps is counted (ms): one second reads like a camera's own fps figure. */
export const FPS_WINDOW_MS = 1000;

export function createFpsMeter(windowMs = FPS_WINDOW_MS): FpsMeter {
  const times: number[] = [];
  const trim = (now: number) => {
    while (times.length && times[0]! <= now - windowMs) times.shift();
  };
  return {
    tick(now) {
      times.push(now);
      trim(now);
    },
    fps(now) {
      trim(now);
      return (times.length * 1000) / windowMs;
    },
  };
}
