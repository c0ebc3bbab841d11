/**
 * The action-unit stage: one frame of MediaPipe Face Landmarker output in, FACS action-unit
 * intensities (0-5), presence, eye features and head pose out, relative to the person's own neutral.
 *
 * State lives in the instance (neutral baseline, calibration window, presence hysteresis, blink
 * timing); there is no module state. No temporal smoothing: a 2-frame flash shows at full value on
 * the frames it happens (smoothing is the temporal engine's choice, made for 2-4 frame events).
 *
 * Hot path: `step` reuses preallocated buffers and allocates only the four output arrays, which the
 * caller owns (they are transferred across the worker boundary).
 */
import { AU_CHANNELS, AU_CHANNEL_INDEX, AU_INTENSITY_MAX } from './ids.ts';
import { EYE_FEATURES, EYE_INDEX } from '../eyes.ts';
import { BLENDSHAPE_COUNT, LANDMARK_COUNT } from '../protocol.ts';
import { mergeAuOptions, type AuConfig, type AuOptions } from './defaults.ts';
import { compileMeasures, computeMeasures, MEASURE_POINTS, MEASURES, measureIndex } from './measures.ts';
import { AU_REGISTRY, compileRegistry } from './registry.ts';
import { focalLengthPx, poseFreePoints } from './pose-free-points.ts';
import { computeEyeFeatures, EYE_FEATURE_POINTS } from './eye-features.ts';
import { eulerFromRotation, rotationFromMatrix } from './pose.ts';
import { columnMedians } from './median.ts';
import { NEUTRAL_BASELINE_VERSION, validateNeutralBaseline, type NeutralBaseline } from './neutral-baseline.ts';

export interface AuInput {
  /** Capture/presentation time, ms, increasing. */
  timestampMs: number;
  /** 478*3 normalised image coordinates (MediaPipe), or null when no face is in the frame. */
  landmarks: ArrayLike<number> | null;
  /** Facial transformation matrix, column-major 4x4 (canonical face -> camera), or null. */
  matrix: ArrayLike<number> | null;
  /** 52 blendshape scores (MediaPipe order), or null when the blendshape model did not run. */
  blendshapes: ArrayLike<number> | null;
  /** Image size in pixels (converts normalised x, y to one scale). */
  width: number;
  height: number;
}

export interface AuOutput {
  /** Intensities in AU_CHANNELS order, FACS 0-5 continuous; NaN without a face or before a neutral exists. */
  aus: Float32Array;
  /** Presence (0/1) in AU_CHANNELS order, with hysteresis (AU_DEFAULTS.presence). */
  presence: Uint8Array;
  /** EYE_FEATURES layout (eye-features.ts); NaN without a face. */
  eyes: Float32Array;
  /** [pitch, yaw, roll], radians (pose.ts); NaN without a face or matrix. */
  pose: Float32Array;
  /** Absolute lip gap on AU25's scale (FACS units, 0 = lips together; not relative to the neutral,
   * so there from the first face frame): what the flash engine's speech gate watches. NaN without a face. */
  mouthOpen: number;
  /** True once a neutral (calibrated or automatic) is in use. */
  baselineReady: boolean;
}

export interface AuEstimator {
  step(input: AuInput): AuOutput;
  /** Same as a step with no face: NaN outputs, blink timing and presence cleared. */
  noFace(timestampMs: number): AuOutput;
  /**
   * Starts an explicit neutral calibration ("relax your face for 3 s"): the neutral becomes the
   * median of the measures over the face frames of the next `durationMs`. Replaces any baseline
   * when it completes; until then the previous baseline (if any) stays in use.
   */
  startCalibration(durationMs?: number): void;
  /** True while a calibration is collecting frames. */
  isCalibrating(): boolean;
  /** The neutral in use as plain data, or null while there is none yet. */
  getBaseline(): NeutralBaseline | null;
  /** Uses `b` as the neutral (validated; throws an Error saying what is wrong). Cancels a running calibration. */
  setBaseline(b: NeutralBaseline): void;
  /** Forgets the baseline and all state, as if new. */
  reset(): void;
  readonly config: Readonly<AuConfig>;
}

type BaselineSource = 'none' | 'auto' | 'calibrated';

export function createAuEstimator(options: AuOptions = {}): AuEstimator {
  const config = mergeAuOptions(options);
  const { presence: presenceCfg, calibration: calCfg, auto: autoCfg, blendshapes: bsCfg, eyes: eyeCfg, geometry: geoCfg } = config;

  const nm = MEASURES.length;
  const nc = AU_CHANNELS.length;
  const compiledMeasures = compileMeasures();
  const channels = compileRegistry();
  const points = Int32Array.from(new Set([...MEASURE_POINTS, ...EYE_FEATURE_POINTS]));
  const stillScale = Float64Array.from(MEASURES.map((m) => m.stillScale));

  const closureSides = [
    { a45: AU_CHANNEL_INDEX.AU45_L, a43: AU_CHANNEL_INDEX.AU43_L },
    { a45: AU_CHANNEL_INDEX.AU45_R, a43: AU_CHANNEL_INDEX.AU43_R },
  ];
  const iAU43 = AU_CHANNEL_INDEX.AU43;
  const iAU45 = AU_CHANNEL_INDEX.AU45;
  const iLipGap = measureIndex('lipGap');
  const lipGapScale = AU_REGISTRY.find((d) => d.id === 'AU25')!.scale;

  // Per-frame scratch.
  const pts = new Float64Array(LANDMARK_COUNT * 3);
  const rot = new Float64Array(9);
  const cam = new Float64Array(3);
  const meas = new Float64Array(nm);
  const work = new Float64Array(nc);

  // Neutral baseline.
  const neutral = new Float64Array(nm);
  const bsNeutral = new Float64Array(BLENDSHAPE_COUNT);
  let hasBsNeutral = false;
  let source: BaselineSource = 'none';
  let baselineFrames = 0;

  // Collection window (bootstrap or calibration).
  const maxRows = calCfg.maxFrames;
  const table = new Float64Array(maxRows * nm);
  const bsTable = new Float64Array(maxRows * BLENDSHAPE_COUNT);
  let rows = 0;
  let bsRows = 0;
  let windowStartMs = NaN;
  let calibrating = false;
  let calDurationMs = calCfg.durationMs;

  // Temporal state.
  let lastMs = NaN;
  const present = new Uint8Array(nc);
  const closed = [false, false];
  const closedSinceMs = [NaN, NaN];

  function clearWindow(): void {
    rows = 0;
    bsRows = 0;
    windowStartMs = NaN;
  }

  function addRow(bs: ArrayLike<number> | null): void {
    if (rows < maxRows) {
      table.set(meas, rows * nm);
      rows++;
    }
    if (bs && bsRows < maxRows) {
      for (let i = 0; i < BLENDSHAPE_COUNT; i++) bsTable[bsRows * BLENDSHAPE_COUNT + i] = bs[i] as number;
      bsRows++;
    }
  }

  function adoptWindow(src: BaselineSource): void {
    columnMedians(table, rows, nm, neutral);
    hasBsNeutral = bsRows > 0;
    if (hasBsNeutral) columnMedians(bsTable, bsRows, BLENDSHAPE_COUNT, bsNeutral);
    baselineFrames = rows;
    source = src;
    clearWindow();
  }

  function collect(t: number, bs: ArrayLike<number> | null): void {
    if (Number.isNaN(windowStartMs)) windowStartMs = t;
    addRow(bs);
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
  function drift(dtMs: number, bs: ArrayLike<number> | null): void {
    for (let i = 0; i < nm; i++) {
      if (Math.abs((meas[i] as number) - (neutral[i] as number)) > autoCfg.stillFraction * (stillScale[i] as number)) return;
    }
    const dt = Math.min(dtMs, autoCfg.maxStepMs) / 1000;
    if (!(dt > 0)) return;
    const alpha = 1 - Math.exp(-dt / autoCfg.timeConstantS);
    for (let i = 0; i < nm; i++) {
      const lim = autoCfg.maxDriftPerS * (stillScale[i] as number) * dt;
      const d = ((meas[i] as number) - (neutral[i] as number)) * alpha;
      neutral[i] = (neutral[i] as number) + Math.max(-lim, Math.min(lim, d));
    }
    if (bs && hasBsNeutral) {
      const lim = autoCfg.maxDriftPerS * bsCfg.stillScale * dt;
      for (let i = 0; i < BLENDSHAPE_COUNT; i++) {
        const d = ((bs[i] as number) - (bsNeutral[i] as number)) * alpha;
        bsNeutral[i] = (bsNeutral[i] as number) + Math.max(-lim, Math.min(lim, d));
      }
    }
    baselineFrames++;
  }

  function computeAus(bs: ArrayLike<number> | null): void {
    const useBs = bs !== null && hasBsNeutral;
    for (let ci = 0; ci < nc; ci++) {
      const c = channels[ci]!;
      if (c.maxOfSides) continue;
      let sum = 0;
      for (let k = 0; k < c.measures.length; k++) {
        const mi = c.measures[k] as number;
        sum += (c.coef[k] as number) * ((meas[mi] as number) - (neutral[mi] as number));
      }
      const unit = c.scaleOf >= 0 ? Math.max(Math.abs(neutral[c.scaleOf] as number), 1e-6) : 1;
      let g = (AU_INTENSITY_MAX * (sum - c.offset * unit)) / (c.scale * unit);
      g = g < 0 ? 0 : g > AU_INTENSITY_MAX ? AU_INTENSITY_MAX : g;
      if (useBs && c.blendIdx.length > 0) {
        let rise = 0;
        for (let k = 0; k < c.blendIdx.length; k++) {
          const bi = c.blendIdx[k] as number;
          const b0 = bsNeutral[bi] as number;
          rise += ((bs[bi] as number) - b0) / Math.max(1 - b0, bsCfg.minHeadroom);
        }
        rise /= c.blendIdx.length;
        let b = (AU_INTENSITY_MAX * rise) / c.blendFullScale;
        b = b < 0 ? 0 : b > AU_INTENSITY_MAX ? AU_INTENSITY_MAX : b;
        if (c.blendSupport) b = Math.min(b, g + bsCfg.supportMargin);
        if (b > g) g += c.blendWeight * (b - g);
      }
      work[ci] = g;
    }
  }

  function updatePresence(t: number): void {
    for (let ci = 0; ci < nc; ci++) {
      const v = work[ci] as number;
      present[ci] = present[ci] ? (v >= presenceCfg.off ? 1 : 0) : v >= presenceCfg.on ? 1 : 0;
    }
    // Closure: one measure, split by how long the lids have been closed.
    for (let s = 0; s < 2; s++) {
      const { a45, a43 } = closureSides[s]!;
      const v = work[a45] as number;
      const wasClosed = closed[s]!;
      const isClosed = wasClosed ? v >= presenceCfg.off : v >= presenceCfg.on;
      if (isClosed && !wasClosed) closedSinceMs[s] = t;
      closed[s] = isClosed;
      const long = isClosed && t - (closedSinceMs[s] as number) > eyeCfg.blinkMaxMs;
      work[a43] = long ? v : 0;
      work[a45] = long ? 0 : v;
      present[a43] = long ? 1 : 0;
      present[a45] = isClosed && !long ? 1 : 0;
    }
    for (let ci = 0; ci < nc; ci++) {
      if (!channels[ci]!.maxOfSides) continue;
      work[ci] = Math.max(work[ci + 1] as number, work[ci + 2] as number);
      present[ci] = present[ci + 1] || present[ci + 2] ? 1 : 0;
    }
  }

  function emptyOutput(): AuOutput {
    present.fill(0);
    closed[0] = closed[1] = false;
    closedSinceMs[0] = closedSinceMs[1] = NaN;
    lastMs = NaN;
    return {
      aus: new Float32Array(nc).fill(NaN),
      presence: new Uint8Array(nc),
      eyes: new Float32Array(EYE_FEATURES.length).fill(NaN),
      pose: new Float32Array(3).fill(NaN),
      mouthOpen: NaN,
      baselineReady: source !== 'none',
    };
  }

  function step(input: AuInput): AuOutput {
    const { timestampMs: t, landmarks, matrix, blendshapes, width, height } = input;
    if (!landmarks || landmarks.length < LANDMARK_COUNT * 3) return emptyOutput();
    const hasMatrix = matrix !== null && matrix.length >= 16 && rotationFromMatrix(matrix, rot);
    if (!hasMatrix) rot.set(IDENTITY);
    const focalPx = focalLengthPx(height, geoCfg.verticalFovDeg);
    const iodPx = poseFreePoints(landmarks, width, height, focalPx, rot, points, pts, cam);
    if (!(iodPx >= geoCfg.minInterOcularPx)) return emptyOutput();
    computeMeasures(pts, compiledMeasures, meas);
    const bs = blendshapes && blendshapes.length >= BLENDSHAPE_COUNT ? blendshapes : null;

    const dtMs = t - lastMs;
    lastMs = t;
    if (calibrating || source === 'none') collect(t, bs);
    else if (source === 'auto') drift(dtMs, bs);

    const aus = new Float32Array(nc);
    const presence = new Uint8Array(nc);
    if (source === 'none') {
      aus.fill(NaN);
    } else {
      computeAus(bs);
      updatePresence(t);
      aus.set(work);
      presence.set(present);
    }

    const eyes = new Float32Array(EYE_FEATURES.length);
    computeEyeFeatures(pts, eyeCfg.minHalfApertureRatio, eyes);
    eyes[EYE_INDEX.blink] = presence[iAU43] || presence[iAU45] ? 1 : 0;

    const pose = new Float32Array(3);
    if (hasMatrix) eulerFromRotation(rot, pose);
    else pose.fill(NaN);

    const mouthOpen = Math.max(0, (AU_INTENSITY_MAX * (meas[iLipGap] as number)) / lipGapScale);

    return { aus, presence, eyes, pose, mouthOpen, baselineReady: source !== 'none' };
  }

  function reset(): void {
    source = 'none';
    hasBsNeutral = false;
    baselineFrames = 0;
    calibrating = false;
    clearWindow();
    emptyOutput();
  }

  return {
    config,
    step,
    noFace: (timestampMs: number) =>
      step({ timestampMs, landmarks: null, matrix: null, blendshapes: null, width: 0, height: 0 }),
    startCalibration(durationMs: number = calCfg.durationMs) {
      if (!(durationMs > 0)) throw new Error(`startCalibration: durationMs must be > 0 ms, got ${durationMs}`);
      calDurationMs = durationMs;
      calibrating = true;
      clearWindow();
    },
    isCalibrating: () => calibrating,
    getBaseline(): NeutralBaseline | null {
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
    setBaseline(b: NeutralBaseline) {
      const v = validateNeutralBaseline(b);
      neutral.set(v.measures);
      hasBsNeutral = v.blendshapes !== null;
      if (v.blendshapes) bsNeutral.set(v.blendshapes);
      source = v.source;
      baselineFrames = v.frames;
      calibrating = false;
      clearWindow();
    },
    reset,
  };
}

const IDENTITY = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
