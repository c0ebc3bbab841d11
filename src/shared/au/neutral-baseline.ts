/**
 * Validation of a person's neutral face (the type is in the contract: contract/neutral-baseline.ts),
 * for what `getBaseline()` returns and `setBaseline()` accepts (e.g. stored per person between sessions).
 */
import { BLENDSHAPE_COUNT, NEUTRAL_BASELINE_VERSION, type NeutralBaseline } from '../contract/index.ts';
import { MEASURES } from './measures.ts';

export { NEUTRAL_BASELINE_VERSION, type NeutralBaseline } from '../contract/index.ts';

/** Throws an Error saying what is wrong and how to fix it; returns the value typed when valid. */
export function validateNeutralBaseline(b: unknown): NeutralBaseline {
  const fail = (why: string): never => {
    throw new Error(
      `Invalid neutral baseline: ${why}. Pass an object from getBaseline() of this version, or call startCalibration() to make a new one.`,
    );
  };
  if (typeof b !== 'object' || b === null) fail('not an object');
  const o = b as Record<string, unknown>;
  if (o.version !== NEUTRAL_BASELINE_VERSION) {
    fail(
      `version ${String(o.version)}, expected ${NEUTRAL_BASELINE_VERSION} (a neutral saved by an earlier version measures the face differently; calibrate again)`,
    );
  }
  if (o.source !== 'calibrated' && o.source !== 'auto') fail(`source must be "calibrated" or "auto", got ${String(o.source)}`);
  const ids = o.measureIds;
  if (!Array.isArray(ids) || ids.length !== MEASURES.length || ids.some((id, i) => id !== MEASURES[i]?.id)) {
    fail(`measureIds must be the ${MEASURES.length} ids of MEASURES in order (made by another version of the measures)`);
  }
  const m = o.measures;
  if (!Array.isArray(m) || m.length !== MEASURES.length || m.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    fail(`measures must be ${MEASURES.length} finite numbers`);
  }
  const bs = o.blendshapes;
  if (
    bs !== null &&
    (!Array.isArray(bs) || bs.length !== BLENDSHAPE_COUNT || bs.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
  ) {
    fail(`blendshapes must be null or ${BLENDSHAPE_COUNT} finite numbers`);
  }
  if (typeof o.frames !== 'number' || !(o.frames >= 0)) fail('frames must be a number >= 0');
  return o as unknown as NeutralBaseline;
}
