/**
 * The person's neutral face, per measure and per blendshape: bootstrapped from the median of the
 * first face frames, replaced by an explicit calibration, and afterwards (automatic neutrals only)
 * drifted slowly toward frames that are close to it, so a held expression is never absorbed.
 * State lives in the instance.
 */
import { BLENDSHAPE_COUNT } from '../contract/index.ts';
import type { AuConfig } from './defaults.ts';
import { MEASURES } from './measures.ts';
import { columnMedians } from './median.ts';
import { NEUTRAL_BASELINE_VERSION, validateNeutralBaseline, type NeutralBaseline } from './neutral-baseline.ts';

export type BaselineSource = 'none' | 'auto' | 'calibrated';

export interface NeutralTracker {
  /** One face frame's measures (and blendshapes, when the model gave them); `dtMs` since the last face frame. */
  observe(t: number, dtMs: number, meas: Float64Array, bs: ArrayLike<number> | null): void;
  /** Neutral value per measure (valid once `source` is not 'none'). */
  readonly measures: Float64Array;
  /** Neutral score per blendshape, or null before any blendshapes were seen. */
  readonly blendshapes: Float64Array | null;
  readonly source: BaselineSource;
  /** Goes up on every adoption, calibration, set or reset (not on drift). */
  readonly version: number;
  startCalibration(durationMs: number): void;
  isCalibrating(): boolean;
  /** Adopts a running calibration's window now; false when it holds fewer than calibration.minFrames frames. */
  finishCalibration(): boolean;
  getBaseline(): NeutralBaseline | null;
  setBaseline(b: NeutralBaseline): void;
  reset(): void;
}

export function createNeutralTracker(config: Pick<AuConfig, 'calibration' | 'auto' | 'blendshapes'>): NeutralTracker {
  const { calibration: calCfg, auto: autoCfg, blendshapes: bsCfg } = config;
  const nm = MEASURES.length;
  const stillScale = Float64Array.from(MEASURES.map((m) => m.stillScale));

  const neutral = new Float64Array(nm);
  const bsNeutral = new Float64Array(BLENDSHAPE_COUNT);
  let hasBsNeutral = false;
  let source: BaselineSource = 'none';
  let baselineFrames = 0;
  let version = 0;

  // Collection window (bootstrap or calibration).
  const maxRows = calCfg.maxFrames;
  const table = new Float64Array(maxRows * nm);
  const bsTable = new Float64Array(maxRows * BLENDSHAPE_COUNT);
  let rows = 0;
  let bsRows = 0;
  let windowStartMs = NaN;
  let calibrating = false;
  let calDurationMs = calCfg.durationMs;

  function clearWindow(): void {
    rows = 0;
    bsRows = 0;
    windowStartMs = NaN;
  }

  function addRow(meas: Float64Array, bs: ArrayLike<number> | null): void {
    if (rows < maxRows) {
      table.set(meas, rows * nm);
      rows++;
    }
    if (bs && bsRows < maxRows) {
      for (let i = 0; i < BLENDSHAPE_COUNT; i++) bsTable[bsRows * BLENDSHAPE_COUNT + i] = bs[i]!;
      bsRows++;
    }
  }

  function adoptWindow(src: BaselineSource): void {
    columnMedians(table, rows, nm, neutral);
    hasBsNeutral = bsRows > 0;
    if (hasBsNeutral) columnMedians(bsTable, bsRows, BLENDSHAPE_COUNT, bsNeutral);
    baselineFrames = rows;
    source = src;
    version++;
    clearWindow();
  }

  function collect(t: number, meas: Float64Array, bs: ArrayLike<number> | null): void {
    if (Number.isNaN(windowStartMs)) windowStartMs = t;
    addRow(meas, bs);
    const elapsed = t - windowStartMs;
    if (calibrating) {
      if ((elapsed >= calDurationMs && rows >= calCfg.minFrames) || rows >= maxRows) {
        calibrating = false;
        adoptWindow('calibrated');
      }
    } else if (source === 'none') {
      if ((elapsed >= autoCfg.bootstrapMs && rows >= autoCfg.bootstrapMinFrames) || rows >= maxRows) adoptWindow('auto');
    }
  }

  /** Slow, rate-limited update of the automatic neutral from a frame close to it. */
  function drift(dtMs: number, meas: Float64Array, bs: ArrayLike<number> | null): void {
    for (let i = 0; i < nm; i++) {
      if (Math.abs(meas[i]! - neutral[i]!) > autoCfg.stillFraction * stillScale[i]!) return;
    }
    const dt = Math.min(dtMs, autoCfg.maxStepMs) / 1000;
    if (!(dt > 0)) return;
    const alpha = 1 - Math.exp(-dt / autoCfg.timeConstantS);
    for (let i = 0; i < nm; i++) {
      const lim = autoCfg.maxDriftPerS * stillScale[i]! * dt;
      const d = (meas[i]! - neutral[i]!) * alpha;
      neutral[i] = neutral[i]! + Math.max(-lim, Math.min(lim, d));
    }
    if (bs && hasBsNeutral) {
      const lim = autoCfg.maxDriftPerS * bsCfg.stillScale * dt;
      for (let i = 0; i < BLENDSHAPE_COUNT; i++) {
        const d = (bs[i]! - bsNeutral[i]!) * alpha;
        bsNeutral[i] = bsNeutral[i]! + Math.max(-lim, Math.min(lim, d));
      }
    }
    baselineFrames++;
  }

  return {
    measures: neutral,
    get blendshapes() {
      return hasBsNeutral ? bsNeutral : null;
    },
    get source() {
      return source;
    },
    get version() {
      return version;
    },
    observe(t, dtMs, meas, bs) {
      if (calibrating || source === 'none') collect(t, meas, bs);
      else if (source === 'auto') drift(dtMs, meas, bs);
    },
    startCalibration(durationMs) {
      calDurationMs = durationMs;
      calibrating = true;
      clearWindow();
    },
    isCalibrating: () => calibrating,
    finishCalibration() {
      if (!calibrating || rows < calCfg.minFrames) return false;
      calibrating = false;
      adoptWindow('calibrated');
      return true;
    },
    getBaseline() {
      if (source === 'none') return null;
      return {
        version: NEUTRAL_BASELINE_VERSION,
        source,
        measureIds: MEASURES.map((m) => m.id),
        measures: Array.from(neutral),
        blendshapes: hasBsNeutral ? Array.from(bsNeutral) : null,
        frames: baselineFrames,
      };
    },
    setBaseline(b) {
      const v = validateNeutralBaseline(b);
      neutral.set(v.measures);
      hasBsNeutral = v.blendshapes !== null;
      if (v.blendshapes) bsNeutral.set(v.blendshapes);
      source = v.source;
      baselineFrames = v.frames;
      calibrating = false;
      version++;
      clearWindow();
    },
    reset() {
      if (source !== 'none') version++;
      source = 'none';
      hasBsNeutral = false;
      baselineFrames = 0;
      calibrating = false;
      clearWindow();
    },
  };
}
