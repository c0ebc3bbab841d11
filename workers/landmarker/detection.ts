/**
 * What the model found in one frame, as plain typed arrays: the same whether the landmarker ran in
 * this worker or in a pool member (detect-pool.ts), so that face selection and the post stage
 * read one shape. Transferable, not copied, between workers.
 */
import type { FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import { BLENDSHAPE_COUNT, LANDMARK_COUNT } from '../../src/shared/contract/index.ts';

export interface FaceDetection {
  /** LANDMARK_COUNT x (x, y, z), normalised image coordinates. */
  landmarks: Float32Array;
  /** BLENDSHAPE_COUNT scores, MediaPipe order. */
  blendshapes: Float32Array;
  /** 4x4 facial transformation matrix, column-major. */
  matrix: Float32Array;
}

export interface Detection {
  faces: FaceDetection[];
  /** ms turning the frame into the model's input image (0 where it went in as it was). */
  convertMs: number;
  /** ms in the model. */
  inferenceMs: number;
}

export function facesOf(mp: FaceLandmarkerResult): FaceDetection[] {
  return mp.faceLandmarks.map((points, f) => {
    const landmarks = new Float32Array(LANDMARK_COUNT * 3);
    const n = Math.min(points.length, LANDMARK_COUNT);
    for (let i = 0; i < n; i++) {
      const p = points[i] as { x: number; y: number; z: number };
      landmarks[i * 3] = p.x;
      landmarks[i * 3 + 1] = p.y;
      landmarks[i * 3 + 2] = p.z;
    }
    const blendshapes = new Float32Array(BLENDSHAPE_COUNT);
    mp.faceBlendshapes[f]?.categories.forEach((c, i) => {
      if (i < BLENDSHAPE_COUNT) blendshapes[i] = c.score;
    });
    const matrix = new Float32Array(16);
    const m = mp.facialTransformationMatrixes?.[f]?.data;
    if (m) matrix.set(m.slice(0, 16));
    return { landmarks, blendshapes, matrix };
  });
}

export function detectionTransferables(d: Detection): ArrayBuffer[] {
  return d.faces.flatMap((f) => [f.landmarks.buffer, f.blendshapes.buffer, f.matrix.buffer] as ArrayBuffer[]);
}
