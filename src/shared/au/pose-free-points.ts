/**
 * Landmarks into the pose-free face frame: head rotation, position and size removed.
 *
 * MediaPipe landmarks are normalised image coordinates (x by width, y by height, z roughly in x's
 * scale relative to the head centre, y down, smaller z nearer). They are first put on one pixel
 * scale about the image centre with y up and z toward the camera (X = (x-0.5)*w, Y = -(y-0.5)*h,
 * Z = -z*w: the camera frame of the facial transformation matrix). Perspective is then undone with
 * a pinhole camera of focal length f pixels: a point Z pixels nearer than the head centre looks
 * f/(f-Z) times bigger, so X and Y are multiplied by (1 - Z/f). (In pixels at the head's depth, the
 * head's distance from the camera is exactly f, whatever its distance in cm.) Then the points are
 * centred on the rigid points' centroid, rotated back by the transpose of the matrix's rotation
 * (which maps the canonical face into the camera frame) and divided by the inter-ocular distance.
 *
 * Result frame: x toward the person's left, y up, z out of the face; unit = IOD (the distance
 * between the eye centres, each eye's centre being the midpoint of its two corners).
 */
import { FACE_LEFT, FACE_RIGHT, RIGID_POINTS } from '../landmarks.ts';

/**
 * Writes pose-free coordinates of `points` into `out` (478*3, at each point's own index).
 * `rotation` is row-major 3x3, canonical -> camera. Returns the inter-ocular distance in pixels
 * (NaN if the landmarks are unusable; `out` is then undefined).
 */
export function poseFreePoints(
  landmarks: ArrayLike<number>,
  width: number,
  height: number,
  focalPx: number,
  rotation: ArrayLike<number>,
  points: ArrayLike<number>,
  out: Float64Array,
  /** Length >= 3, reused. */
  scratch: Float64Array,
): number {
  const invF = focalPx > 0 && Number.isFinite(focalPx) ? 1 / focalPx : 0;
  const cam = scratch;

  // Centroid of the rigid points.
  let cx = 0,
    cy = 0,
    cz = 0;
  for (let i = 0; i < RIGID_POINTS.length; i++) {
    toCamera(landmarks, RIGID_POINTS[i]!, width, height, invF, cam);
    cx += cam[0]!;
    cy += cam[1]!;
    cz += cam[2]!;
  }
  const nr = RIGID_POINTS.length;
  cx /= nr;
  cy /= nr;
  cz /= nr;

  // Inter-ocular distance (rotation-invariant, so measured before rotating).
  let dx = 0,
    dy = 0,
    dz = 0;
  for (let t = 0; t < IOD_TERMS.length; t++) {
    const [i, sign] = IOD_TERMS[t]!;
    toCamera(landmarks, i, width, height, invF, cam);
    dx += sign * cam[0]!;
    dy += sign * cam[1]!;
    dz += sign * cam[2]!;
  }
  const iod = 0.5 * Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (!(iod > 0) || !Number.isFinite(iod)) return NaN;
  const s = 1 / iod;

  // out = R^T (p - c) / iod
  const r00 = rotation[0]!,
    r01 = rotation[1]!,
    r02 = rotation[2]!;
  const r10 = rotation[3]!,
    r11 = rotation[4]!,
    r12 = rotation[5]!;
  const r20 = rotation[6]!,
    r21 = rotation[7]!,
    r22 = rotation[8]!;
  for (let i = 0; i < points.length; i++) {
    const k = points[i]! * 3;
    toCamera(landmarks, points[i]!, width, height, invF, cam);
    const px = cam[0]! - cx;
    const py = cam[1]! - cy;
    const pz = cam[2]! - cz;
    out[k] = (r00 * px + r10 * py + r20 * pz) * s;
    out[k + 1] = (r01 * px + r11 * py + r21 * pz) * s;
    out[k + 2] = (r02 * px + r12 * py + r22 * pz) * s;
  }
  return iod;
}

/** Camera-frame pixels of landmark i (about the image centre, y up, z toward the camera), perspective undone, into out[0..2]. */
function toCamera(landmarks: ArrayLike<number>, i: number, width: number, height: number, invF: number, out: Float64Array): void {
  const k = i * 3;
  const z = -landmarks[k + 2]! * width;
  const persp = 1 - z * invF;
  out[0] = (landmarks[k]! - 0.5) * width * persp;
  out[1] = (0.5 - landmarks[k + 1]!) * height * persp;
  out[2] = z;
}

/** Eye centres' difference: (left inner + left outer) - (right inner + right outer), halved above. */
const IOD_TERMS: ReadonlyArray<readonly [number, number]> = [
  [FACE_LEFT.eyeInner, 1],
  [FACE_LEFT.eyeOuter, 1],
  [FACE_RIGHT.eyeInner, -1],
  [FACE_RIGHT.eyeOuter, -1],
];

/** Focal length in pixels of a camera with this vertical field of view (degrees) and image height. */
export function focalLengthPx(height: number, verticalFovDeg: number): number {
  return height / 2 / Math.tan((verticalFovDeg * Math.PI) / 360);
}
