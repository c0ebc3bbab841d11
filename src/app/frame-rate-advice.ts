/**
 * What the page says when the machine analyses fewer frames than the source sends: a flash of two
 * frames is caught only if both are analysed, so below the source's rate the shortest ones may be
 * missed. Pure: from the analysed and the source rate to one sentence, or null when every frame is
 * analysed (within a frame a second).
 */
export const FRAME_RATE_ADVICE_DEFAULTS = {
  /** Frames a second short of the source's rate that still count as every frame (the one-second window's rounding). */
  toleranceFps: 1,
  /** The shortest flash the engine reports, in frames. */
  shortestFlashFrames: 2,
} as const;

/** `poolChoices`: how many settings of several models in parallel the page offers (Live setting; 0: none). */
export function frameRateAdvice(
  analysedFps: number,
  sourceFps: number | null,
  poolChoices = 0,
  d = FRAME_RATE_ADVICE_DEFAULTS,
): string | null {
  if (!sourceFps || !Number.isFinite(analysedFps) || analysedFps >= sourceFps - d.toleranceFps) return null;
  const flashMs = Math.round((d.shortestFlashFrames * 1000) / sourceFps);
  const pool = poolChoices > 0 ? ', share the frames among several models (Live setting; it helps where cores are to spare)' : '';
  return (
    `Analysing ${Math.round(analysedFps)} of ${Math.round(sourceFps)} frames a second: flashes of ${d.shortestFlashFrames} frames ` +
    `(${flashMs} ms) may be missed below ${Math.round(sourceFps)} analysed fps. To analyse every frame: close other busy tabs and apps, ` +
    `choose a camera setting with a smaller picture${pool}, or run the model on the GPU where this machine has one (Model setting); ` +
    `for a recording, analyse the file instead: every frame of a file is analysed.`
  );
}
