/**
 * A hand-made synthetic face for hand-computable tests: rough adult proportions in cm, placed only
 * at the landmark indices the AU stage reads (every other point sits on a dummy ellipsoid), then
 * posed and projected like MediaPipe output (normalised image coordinates, y down, z by width).
 *
 * Face frame: x toward the person's left, y up, z out of the face (MediaPipe's canonical frame).
 */
import {
  CHIN_SIDES,
  FACE_LEFT,
  FACE_MIDLINE,
  FACE_RIGHT,
  LOWER_LIP_OUTER_SIDES,
  UPPER_LIP_OUTER_SIDES,
} from '../../src/shared/landmarks.ts';
import { rotationFromEuler } from '../../src/shared/au/index.ts';
import { LANDMARK_COUNT } from '../../src/shared/contract/index.ts';

type V3 = [number, number, number];

/** Person's right side points (x < 0); the left side is the mirror image. */
const RIGHT_SIDE: Array<[number, V3]> = [
  [FACE_RIGHT.browInner[0]!, [-1.2, 4.1, 5.1]],
  [FACE_RIGHT.browInner[1]!, [-1.4, 5.0, 5.3]],
  [FACE_RIGHT.browMid[0]!, [-2.6, 4.5, 4.9]],
  [FACE_RIGHT.browMid[1]!, [-2.8, 5.1, 5.0]],
  [FACE_RIGHT.browMid[2]!, [-3.7, 4.5, 4.6]],
  [FACE_RIGHT.browMid[3]!, [-4.0, 5.1, 4.5]],
  [FACE_RIGHT.browOuter[0]!, [-5.3, 3.9, 3.4]],
  [FACE_RIGHT.browOuter[1]!, [-5.7, 4.3, 2.8]],
  [FACE_RIGHT.browOuter[2]!, [-4.6, 4.3, 4.1]],
  [FACE_RIGHT.browOuter[3]!, [-5.0, 4.8, 3.8]],
  [FACE_RIGHT.eyeInner, [-1.9, 2.6, 3.8]],
  [FACE_RIGHT.eyeOuter, [-4.5, 2.7, 3.2]],
  [FACE_RIGHT.upperLid[0]!, [-3.2, 3.1, 3.9]],
  [FACE_RIGHT.upperLid[1]!, [-2.7, 3.05, 3.9]],
  [FACE_RIGHT.upperLid[2]!, [-3.7, 3.05, 3.7]],
  [FACE_RIGHT.lowerLid[0]!, [-3.2, 2.2, 3.8]],
  [FACE_RIGHT.lowerLid[1]!, [-2.7, 2.25, 3.8]],
  [FACE_RIGHT.lowerLid[2]!, [-3.7, 2.25, 3.6]],
  [FACE_RIGHT.irisCentre, [-3.2, 2.65, 3.95]],
  [FACE_RIGHT.irisRing[0]!, [-2.65, 2.65, 3.9]],
  [FACE_RIGHT.irisRing[1]!, [-3.2, 3.2, 3.9]],
  [FACE_RIGHT.irisRing[2]!, [-3.75, 2.65, 3.9]],
  [FACE_RIGHT.irisRing[3]!, [-3.2, 2.1, 3.9]],
  [FACE_RIGHT.cheek[0]!, [-4.4, 0.7, 3.5]],
  [FACE_RIGHT.cheek[1]!, [-4.8, -0.7, 3.5]],
  [FACE_RIGHT.cheek[2]!, [-3.3, 0.1, 4.1]],
  [FACE_RIGHT.noseWing[0]!, [-1.8, -1.0, 4.9]],
  [FACE_RIGHT.noseWing[1]!, [-1.6, -0.9, 5.8]],
  [FACE_RIGHT.lipCorner, [-2.5, -4.3, 4.3]],
  [FACE_RIGHT.faceEdge, [-7.7, 0.7, -2.4]],
  [UPPER_LIP_OUTER_SIDES[0], [-0.7, -3.3, 5.9]],
  [LOWER_LIP_OUTER_SIDES[0], [-0.7, -5.3, 5.5]],
];

const MIDLINE: Array<[number, V3]> = [
  [FACE_MIDLINE.forehead, [0, 8.3, 4.5]],
  [FACE_MIDLINE.noseBridge, [0, 3.3, 5.2]],
  [FACE_MIDLINE.noseBridgeLow, [0, 2.5, 5.8]],
  [FACE_MIDLINE.noseTip, [0, -1.1, 7.5]],
  [FACE_MIDLINE.subnasale, [0, -2.1, 6.1]],
  [FACE_MIDLINE.upperLipOuter, [0, -3.4, 6.0]],
  [FACE_MIDLINE.upperLipInner, [0, -4.0, 5.2]],
  [FACE_MIDLINE.lowerLipInner, [0, -4.1, 5.3]],
  [FACE_MIDLINE.lowerLipOuter, [0, -5.4, 5.5]],
  [FACE_MIDLINE.chinFront, [0, -7.9, 5.2]],
  [FACE_MIDLINE.chin, [0, -9.4, 4.3]],
  [CHIN_SIDES[0], [0, -8.8, 4.9]],
];

/** Mirror partner of each right-side index, by position in the named lists. */
function mirrorPairs(): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const keys = Object.keys(FACE_RIGHT) as (keyof typeof FACE_RIGHT)[];
  for (const k of keys) {
    const r = FACE_RIGHT[k];
    const l = FACE_LEFT[k];
    if (Array.isArray(r)) {
      for (let i = 0; i < r.length; i++) pairs.push([r[i]!, (l as readonly number[])[i]!]);
    } else pairs.push([r as number, l as number]);
  }
  pairs.push([UPPER_LIP_OUTER_SIDES[0], UPPER_LIP_OUTER_SIDES[1]]);
  pairs.push([LOWER_LIP_OUTER_SIDES[0], LOWER_LIP_OUTER_SIDES[1]]);
  return pairs;
}

/** The neutral synthetic face: 478 points in cm, face frame. */
export function neutralFace(): Float64Array {
  const p = new Float64Array(LANDMARK_COUNT * 3);
  // Dummy ellipsoid for the points nothing reads (keeps them finite and face-like).
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const a = (i / LANDMARK_COUNT) * Math.PI * 2 * 7;
    const b = ((i % 37) / 37) * Math.PI - Math.PI / 2;
    p[i * 3] = 6 * Math.cos(b) * Math.sin(a);
    p[i * 3 + 1] = 8 * Math.sin(b);
    p[i * 3 + 2] = 3 * Math.cos(b) * Math.cos(a);
  }
  const set = (i: number, v: V3): void => {
    p[i * 3] = v[0];
    p[i * 3 + 1] = v[1];
    p[i * 3 + 2] = v[2];
  };
  for (const [i, v] of MIDLINE) set(i, v);
  const right = new Map(RIGHT_SIDE);
  for (const [r, l] of mirrorPairs()) {
    const v = right.get(r);
    if (!v) continue;
    set(r, v);
    set(l, [-v[0], v[1], v[2]]);
  }
  return p;
}

/** Moves point `i` of a face (cm, face frame) by (dx, dy, dz). */
export function movePoint(face: Float64Array, i: number, dx: number, dy: number, dz = 0): void {
  face[i * 3] = face[i * 3]! + dx;
  face[i * 3 + 1] = face[i * 3 + 1]! + dy;
  face[i * 3 + 2] = face[i * 3 + 2]! + dz;
}

export interface RenderOptions {
  pitch?: number;
  yaw?: number;
  roll?: number;
  width?: number;
  height?: number;
  /** Vertical field of view of the simulated pinhole camera, degrees (the estimator assumes 45). */
  fovDeg?: number;
  /** Distance from the camera to the face origin, cm. */
  distanceCm?: number;
  /** Face origin's offset from the optical axis, cm (x right, y up). */
  offsetCm?: [number, number];
}

export interface RenderedFrame {
  landmarks: Float32Array;
  matrix: Float32Array;
  width: number;
  height: number;
}

/**
 * Poses the face (R = Rz(roll) Ry(yaw) Rx(pitch), canonical -> camera, camera y up, z toward the
 * viewer), projects it with a pinhole camera (principal point at the image centre), and returns
 * MediaPipe-style landmarks (z relative to the face origin, in pixels at the face's depth, divided
 * by width) plus the matching column-major transformation matrix.
 */
export function render(face: Float64Array, o: RenderOptions = {}): RenderedFrame {
  const { pitch = 0, yaw = 0, roll = 0, width = 640, height = 480, fovDeg = 45, distanceCm = 60, offsetCm = [0, 0] } = o;
  const f = height / 2 / Math.tan((fovDeg * Math.PI) / 360);
  const r = rotationFromEuler(pitch, yaw, roll);
  const lm = new Float32Array(LANDMARK_COUNT * 3);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const x = face[i * 3]!,
      y = face[i * 3 + 1]!,
      z = face[i * 3 + 2]!;
    const X = r[0]! * x + r[1]! * y + r[2]! * z + offsetCm[0];
    const Y = r[3]! * x + r[4]! * y + r[5]! * z + offsetCm[1];
    const Z = r[6]! * x + r[7]! * y + r[8]! * z;
    lm[i * 3] = 0.5 + (f * X) / (distanceCm - Z) / width;
    lm[i * 3 + 1] = 0.5 - (f * Y) / (distanceCm - Z) / height;
    lm[i * 3 + 2] = -((Z * f) / distanceCm) / width;
  }
  const matrix = new Float32Array(16);
  for (let c = 0; c < 3; c++) for (let rr = 0; rr < 3; rr++) matrix[c * 4 + rr] = r[rr * 3 + c]!;
  matrix[12] = offsetCm[0];
  matrix[13] = offsetCm[1];
  matrix[14] = -distanceCm;
  matrix[15] = 1;
  return { landmarks: lm, matrix, width, height };
}
