/**
 * Head pose from MediaPipe's facial transformation matrix.
 *
 * The matrix (column-major 4x4) maps the canonical face (x = person's left, y = up, z = out of the
 * face, cm) into the camera frame (x = image right, y = image up, z = toward the viewer). Its 3x3
 * part is a rotation, possibly times a uniform scale, which `rotationFromMatrix` divides out.
 *
 * Angles (radians), with R = Rz(roll) * Ry(yaw) * Rx(pitch):
 * - pitch: about the camera x axis (right-hand rule); positive = nose down (chin toward the chest).
 * - yaw: about the camera y axis; positive = nose toward the image right (the person turns to
 *   their own left in a non-mirrored image).
 * - roll: about the camera z axis; positive = head tilted counter-clockwise as seen in the image
 *   (the image-right ear goes up: the person's left ear in a non-mirrored image).
 */

/**
 * Writes the row-major 3x3 rotation of a column-major 4x4 matrix into `out` (length >= 9), with
 * each column scaled to unit length. Returns false (and leaves `out` alone) for a degenerate matrix.
 */
export function rotationFromMatrix(matrix: ArrayLike<number>, out: Float64Array | number[]): boolean {
  for (let c = 0; c < 3; c++) {
    const x = matrix[c * 4]!;
    const y = matrix[c * 4 + 1]!;
    const z = matrix[c * 4 + 2]!;
    const n = Math.sqrt(x * x + y * y + z * z);
    if (!(n > 1e-9)) return false;
    out[c] = x / n;
    out[3 + c] = y / n;
    out[6 + c] = z / n;
  }
  return true;
}

/** [pitch, yaw, roll] (radians) of a row-major 3x3 rotation, R = Rz(roll) Ry(yaw) Rx(pitch). */
export function eulerFromRotation(r: ArrayLike<number>, out: Float32Array | Float64Array | number[]): void {
  const r20 = r[6]!;
  out[0] = Math.atan2(r[7]!, r[8]!);
  out[1] = Math.asin(Math.max(-1, Math.min(1, -r20)));
  out[2] = Math.atan2(r[3]!, r[0]!);
}

/**
 * Head pose [pitch, yaw, roll] in radians from a column-major facial transformation matrix.
 * NaNs when the matrix is missing or degenerate.
 */
export function poseFromMatrix(matrix: ArrayLike<number> | null, out: Float32Array = new Float32Array(3)): Float32Array {
  const scratch = new Float64Array(9);
  if (!matrix || matrix.length < 16 || !rotationFromMatrix(matrix, scratch)) {
    out.fill(NaN);
    return out;
  }
  eulerFromRotation(scratch, out);
  return out;
}

/** Row-major 3x3 rotation R = Rz(roll) Ry(yaw) Rx(pitch) (radians). */
export function rotationFromEuler(pitch: number, yaw: number, roll: number): Float64Array {
  const cx = Math.cos(pitch),
    sx = Math.sin(pitch);
  const cy = Math.cos(yaw),
    sy = Math.sin(yaw);
  const cz = Math.cos(roll),
    sz = Math.sin(roll);
  return new Float64Array([
    cz * cy,
    cz * sy * sx - sz * cx,
    cz * sy * cx + sz * sx,
    sz * cy,
    sz * sy * sx + cz * cx,
    sz * sy * cx - cz * sx,
    -sy,
    cy * sx,
    cy * cx,
  ]);
}
