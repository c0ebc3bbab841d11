/**
 * The geometric measures action units are read from, as data.
 *
 * All measures are taken in the pose-free face frame (see pose-free-points.ts): origin at the centroid
 * of the rigid points, x toward the person's left, y up, z out of the face, and lengths in
 * inter-ocular distances (IOD: the distance between the two eye centres, ~6.3 cm in adults).
 * Sided measures are mirrored so that "outward" is positive on both sides.
 */
import {
  CHIN_SIDES,
  FACE_LEFT,
  FACE_MIDLINE,
  FACE_RIGHT,
  LOWER_LIP_OUTER_SIDES,
  MOUTH_CENTRE,
  UPPER_LIP_OUTER_SIDES,
  type FaceSideLandmarks,
} from '../landmarks.ts';

export type Side = 'L' | 'R';

/**
 * - `y`: mean height of `points` (up positive).
 * - `lateral`: mean distance of `points` from the midline, outward positive; with `minus`, from the
 *   mean position of those points instead (outward still positive).
 * - `z`: mean depth of `points` (toward the camera positive).
 * - `gap`: mean height of `points` minus mean height of `minus`.
 */
export type MeasureKind = 'y' | 'lateral' | 'z' | 'gap';

export interface MeasureDef {
  readonly id: string;
  readonly kind: MeasureKind;
  readonly points: readonly number[];
  readonly minus?: readonly number[];
  /** Person's side, or null for midline measures. */
  readonly side: Side | null;
  /**
   * IOD; the change that counts as a clear movement of this measure. The automatic neutral only
   * learns from frames where every measure is within a fraction of this (AU_DEFAULTS.auto).
   */
  readonly stillScale: number;
}

const M = FACE_MIDLINE;

function sided(side: Side, lm: FaceSideLandmarks): MeasureDef[] {
  return [
    { id: `browInnerY_${side}`, kind: 'y', points: lm.browInner, side, stillScale: 0.1 },
    { id: `browMidY_${side}`, kind: 'y', points: lm.browMid, side, stillScale: 0.1 },
    { id: `browOuterY_${side}`, kind: 'y', points: lm.browOuter, side, stillScale: 0.1 },
    { id: `browInnerX_${side}`, kind: 'lateral', points: lm.browInner, side, stillScale: 0.06 },
    { id: `upperLidY_${side}`, kind: 'y', points: lm.upperLid, side, stillScale: 0.04 },
    { id: `lowerLidY_${side}`, kind: 'y', points: lm.lowerLid, side, stillScale: 0.04 },
    { id: `eyeGap_${side}`, kind: 'gap', points: lm.upperLid, minus: lm.lowerLid, side, stillScale: 0.05 },
    { id: `cheekY_${side}`, kind: 'y', points: lm.cheek, side, stillScale: 0.05 },
    { id: `noseWingY_${side}`, kind: 'y', points: lm.noseWing, side, stillScale: 0.05 },
    { id: `lipCornerY_${side}`, kind: 'y', points: [lm.lipCorner], side, stillScale: 0.06 },
    { id: `lipCornerX_${side}`, kind: 'lateral', points: [lm.lipCorner], side, stillScale: 0.06 },
    { id: `lipCornerZ_${side}`, kind: 'z', points: [lm.lipCorner], side, stillScale: 0.08 },
    // Relative measures: one feature against another, so that what moves both cancels.
    /** Inner brow above the middle of the brow: the oblique brow of AU1 (also against AU4's pull). */
    { id: `browObliqueness_${side}`, kind: 'gap', points: lm.browInner, minus: lm.browMid, side, stillScale: 0.03 },
    /** Lip corner above the middle of the upper lip: AU12 lifts the corner more, AU10 the lip. */
    {
      id: `lipCornerOverUpperLip_${side}`,
      kind: 'gap',
      points: [lm.lipCorner],
      minus: [M.upperLipOuter, ...UPPER_LIP_OUTER_SIDES],
      side,
      stillScale: 0.06,
    },
    /** Lip corner's sideways distance from the middle of the mouth: a pull of its own, not a shift of the whole mouth. */
    { id: `lipCornerFromMouth_${side}`, kind: 'lateral', points: [lm.lipCorner], minus: MOUTH_CENTRE, side, stillScale: 0.06 },
    /** The whole mouth pulled toward this side (a one-sided 12 or 14 drags it along). */
    { id: `mouthShift_${side}`, kind: 'lateral', points: MOUTH_CENTRE, side, stillScale: 0.04 },
  ];
}

/** Every measure, in the order of the measure vector (and of NeutralBaseline.measures). */
export const MEASURES: readonly MeasureDef[] = [
  ...sided('L', FACE_LEFT),
  ...sided('R', FACE_RIGHT),
  { id: 'upperLipY', kind: 'y', points: [M.upperLipOuter, ...UPPER_LIP_OUTER_SIDES], side: null, stillScale: 0.06 },
  { id: 'lowerLipY', kind: 'y', points: [M.lowerLipOuter, ...LOWER_LIP_OUTER_SIDES], side: null, stillScale: 0.08 },
  { id: 'chinY', kind: 'y', points: [M.chin, M.chinFront, ...CHIN_SIDES], side: null, stillScale: 0.1 },
  { id: 'lipGap', kind: 'gap', points: [M.upperLipInner], minus: [M.lowerLipInner], side: null, stillScale: 0.05 },
  { id: 'upperLipThick', kind: 'gap', points: [M.upperLipOuter], minus: [M.upperLipInner], side: null, stillScale: 0.04 },
  { id: 'lowerLipThick', kind: 'gap', points: [M.lowerLipInner], minus: [M.lowerLipOuter], side: null, stillScale: 0.04 },
];

export const MEASURE_COUNT = MEASURES.length;

export const MEASURE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(MEASURES.map((m, i) => [m.id, i]));

/** Index of a measure by id; throws for an unknown id (a registry typo is a programming error). */
export function measureIndex(id: string): number {
  const i = MEASURE_INDEX[id];
  if (i === undefined) throw new Error(`Unknown AU measure "${id}"; known: ${MEASURES.map((m) => m.id).join(', ')}`);
  return i;
}

/** Every landmark index any measure reads (sorted, unique). */
export const MEASURE_POINTS: readonly number[] = [...new Set(MEASURES.flatMap((m) => [...m.points, ...(m.minus ?? [])]))].sort(
  (a, b) => a - b,
);

/** Measures compiled to flat arrays, so the per-frame loop reads numbers, not objects. */
export interface CompiledMeasures {
  readonly kind: Uint8Array;
  /** +1 for the person's left and midline, -1 for the right (mirrors `lateral`). */
  readonly sign: Float64Array;
  /** Offsets into `idx` of each measure's points (length count+1); then of its `minus` points. */
  readonly pStart: Uint32Array;
  readonly mStart: Uint32Array;
  readonly idx: Uint32Array;
}

const KIND_CODE = { y: 0, lateral: 1, z: 2, gap: 3 } as const satisfies Record<MeasureKind, number>;
/** Coordinate a measure kind reads (x = 0, y = 1, z = 2): sideways for lateral, depth for z, height otherwise. */
const AXIS_OF_KIND: readonly number[] = [1, 0, 2, 1];

export function compileMeasures(defs: readonly MeasureDef[] = MEASURES): CompiledMeasures {
  const n = defs.length;
  const kind = new Uint8Array(n);
  const sign = new Float64Array(n);
  const pStart = new Uint32Array(n + 1);
  const mStart = new Uint32Array(n + 1);
  const idx: number[] = [];
  defs.forEach((d, i) => {
    kind[i] = KIND_CODE[d.kind];
    sign[i] = d.side === 'R' ? -1 : 1;
    pStart[i] = idx.length;
    idx.push(...d.points);
    mStart[i] = idx.length;
    idx.push(...(d.minus ?? []));
  });
  pStart[n] = idx.length;
  mStart[n] = idx.length;
  return { kind, sign, pStart, mStart, idx: Uint32Array.from(idx) };
}

/**
 * Fills `out` (length MEASURES.length) from pose-free points `p` (478*3, only MEASURE_POINTS need
 * to be filled), units IOD.
 */
export function computeMeasures(p: Float64Array, c: CompiledMeasures, out: Float64Array): void {
  const n = c.kind.length;
  for (let i = 0; i < n; i++) {
    const k = c.kind[i]!;
    const axis = AXIS_OF_KIND[k]!;
    const ps = c.pStart[i]!;
    const ms = c.mStart[i]!;
    const me = c.pStart[i + 1]!;
    let a = 0;
    for (let j = ps; j < ms; j++) a += p[c.idx[j]! * 3 + axis]!;
    a /= ms - ps;
    if (me > ms) {
      let b = 0;
      for (let j = ms; j < me; j++) b += p[c.idx[j]! * 3 + axis]!;
      a -= b / (me - ms);
    }
    if (k === KIND_CODE.lateral) a *= c.sign[i]!;
    out[i] = a;
  }
}
