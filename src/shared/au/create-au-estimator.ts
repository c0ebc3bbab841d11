/**
 * The action-unit stage: one frame of MediaPipe Face Landmarker output in, FACS action-unit
 * intensities (0-5), presence, eye features and head pose out, relative to the person's own neutral.
 *
 * State lives in the instance: the neutral (neutral-tracker.ts), presence hysteresis and closure
 * timing (presence.ts); intensities are a pure function of the frame and the neutral
 * (intensities.ts). There is no module state. No temporal smoothing: a 2-frame flash shows at full value on
 * the frames it happens (smoothing is the temporal engine's choice, made for 2-4 frame events).
 *
 * Hot path: `step` reuses preallocated buffers and allocates only the four output arrays, which the
 * caller owns (they are transferred across the worker boundary).
 */
import { AU_CHANNEL_INDEX, AU_CHANNELS, AU_INTENSITY_MAX, BLENDSHAPE_COUNT, LANDMARK_COUNT } from '../contract/index.ts';
import { EYE_FEATURES, EYE_INDEX } from '../eyes.ts';
import { mergeAuOptions, type AuConfig, type AuOptions } from './defaults.ts';
import { compileMeasures, computeMeasures, MEASURE_POINTS, MEASURES, measureIndex } from './measures.ts';
import { AU_REGISTRY, compileRegistry } from './registry.ts';
import { focalLengthPx, poseFreePoints } from './pose-free-points.ts';
import { computeEyeFeatures, EYE_FEATURE_POINTS } from './eye-features.ts';
import { eulerFromRotation, rotationFromMatrix } from './pose.ts';
import type { NeutralBaseline } from './neutral-baseline.ts';
import { createNeutralTracker } from './neutral-tracker.ts';
import { computeIntensities } from './intensities.ts';
import { createPresenceTracker } from './presence.ts';

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
  /**
   * Ends a running calibration now, with the frames collected so far (calibrating over a whole clip
   * of the neutral face). False, and the calibration goes on, when it has fewer than
   * `calibration.minFrames` face frames.
   */
  finishCalibration(): boolean;
  /** The neutral in use as plain data, or null while there is none yet. */
  getBaseline(): NeutralBaseline | null;
  /** Uses `b` as the neutral (validated; throws an Error saying what is wrong). Cancels a running calibration. */
  setBaseline(b: NeutralBaseline): void;
  /** Forgets the baseline and all state, as if new. */
  reset(): void;
  /** Goes up whenever the neutral is adopted, calibrated, set or forgotten (not on its slow drift). */
  readonly baselineVersion: number;
  readonly config: Readonly<AuConfig>;
}

export function createAuEstimator(options: AuOptions = {}): AuEstimator {
  const config = mergeAuOptions(options);
  const { eyes: eyeCfg, geometry: geoCfg, blendshapes: bsCfg } = config;

  const nc = AU_CHANNELS.length;
  const compiledMeasures = compileMeasures();
  const channels = compileRegistry();
  const points = Int32Array.from(new Set([...MEASURE_POINTS, ...EYE_FEATURE_POINTS]));
  const neutral = createNeutralTracker(config);
  const presence = createPresenceTracker(channels, config);
  const iAU43 = AU_CHANNEL_INDEX.AU43;
  const iAU45 = AU_CHANNEL_INDEX.AU45;
  const iLipGap = measureIndex('lipGap');
  const lipGapScale = AU_REGISTRY.find((d) => d.id === 'AU25')!.scale;

  // Per-frame scratch.
  const pts = new Float64Array(LANDMARK_COUNT * 3);
  const rot = new Float64Array(9);
  const cam = new Float64Array(3);
  const meas = new Float64Array(MEASURES.length);
  const work = new Float64Array(nc);
  const present = new Uint8Array(nc);
  let lastMs = NaN;

  function emptyOutput(): AuOutput {
    presence.clear();
    lastMs = NaN;
    return {
      aus: new Float32Array(nc).fill(NaN),
      presence: new Uint8Array(nc),
      eyes: new Float32Array(EYE_FEATURES.length).fill(NaN),
      pose: new Float32Array(3).fill(NaN),
      mouthOpen: NaN,
      baselineReady: neutral.source !== 'none',
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
    neutral.observe(t, dtMs, meas, bs);

    const aus = new Float32Array(nc);
    const presenceOut = new Uint8Array(nc);
    const ready = neutral.source !== 'none';
    if (!ready) {
      aus.fill(NaN);
    } else {
      computeIntensities(channels, meas, neutral.measures, bs, neutral.blendshapes, bsCfg, work);
      presence.step(t, work, present);
      aus.set(work);
      presenceOut.set(present);
    }

    const eyes = new Float32Array(EYE_FEATURES.length);
    computeEyeFeatures(pts, eyeCfg.minHalfApertureRatio, eyes);
    eyes[EYE_INDEX.blink] = presenceOut[iAU43] || presenceOut[iAU45] ? 1 : 0;

    const pose = new Float32Array(3);
    if (hasMatrix) eulerFromRotation(rot, pose);
    else pose.fill(NaN);

    const mouthOpen = Math.max(0, (AU_INTENSITY_MAX * meas[iLipGap]!) / lipGapScale);

    return { aus, presence: presenceOut, eyes, pose, mouthOpen, baselineReady: ready };
  }

  return {
    config,
    step,
    noFace: (timestampMs: number) => step({ timestampMs, landmarks: null, matrix: null, blendshapes: null, width: 0, height: 0 }),
    startCalibration(durationMs: number = config.calibration.durationMs) {
      if (!(durationMs > 0)) throw new Error(`startCalibration: durationMs must be > 0 ms, got ${durationMs}`);
      neutral.startCalibration(durationMs);
    },
    get baselineVersion() {
      return neutral.version;
    },
    isCalibrating: () => neutral.isCalibrating(),
    finishCalibration: () => neutral.finishCalibration(),
    getBaseline: (): NeutralBaseline | null => neutral.getBaseline(),
    setBaseline: (b: NeutralBaseline) => neutral.setBaseline(b),
    reset() {
      neutral.reset();
      emptyOutput();
    },
  };
}

const IDENTITY = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
