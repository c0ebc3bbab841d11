/**
 * Creates the MediaPipe Face Landmarker for one delegate. Blendshapes and transformation matrices
 * on; IMAGE running mode, so no built-in temporal smoothing ever touches the landmarks (it would
 * halve a two-frame flash and add a tail).
 */
import { FaceLandmarker, type FaceLandmarkerOptions } from '@mediapipe/tasks-vision';
// The module flavour of the wasm loader is the one that works inside a module worker.
import wasmLoaderPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.js?url';
import wasmBinaryPath from '@mediapipe/tasks-vision/vision_wasm_module_internal.wasm?url';
import modelUrl from '../../models/face_landmarker.task?url';
import { type Delegate, PipelineError } from '../../src/shared/contract/index.ts';
import { WORKER_DEFAULTS } from './defaults.ts';

export interface LandmarkerHandle {
  landmarker: FaceLandmarker;
  /** Switched in place by the delegate choice. */
  delegate: Delegate;
  /** The WebGL canvas MediaPipe draws on; its context loss means the task must be recreated. */
  canvas: OffscreenCanvas;
}

let modelBytes: Promise<Uint8Array> | null = null;

/** Fetches the model once per worker (same origin; the bytes stay in memory for re-creation). */
export function loadModel(): Promise<Uint8Array> {
  modelBytes ??= fetch(modelUrl).then(async (res) => {
    if (!res.ok) {
      throw new PipelineError(
        'model-load-failed',
        `The face model could not be loaded (HTTP ${res.status} for ${modelUrl}). Run \`npm install\` (it places models/face_landmarker.task) and rebuild.`,
      );
    }
    return new Uint8Array(await res.arrayBuffer());
  });
  modelBytes.catch(() => {
    modelBytes = null;
  });
  return modelBytes;
}

function assertWebGl2(): void {
  const probe = new OffscreenCanvas(1, 1);
  if (!probe.getContext('webgl2')) {
    throw new PipelineError(
      'webgl-unavailable',
      'WebGL2 is not available in this browser, and the face model needs it even on the CPU. Enable hardware acceleration (or WebGL) in the browser settings, or use a current Chrome, Edge or Firefox.',
    );
  }
}

/** The wasm files MediaPipe loads (same origin, built with the app). */
export const WASM_FILESET = { wasmLoaderPath, wasmBinaryPath };

/** `overrides` change the options for a profile only (bench/profile.ts); the app always runs these. */
export async function createLandmarker(delegate: Delegate, overrides: Partial<FaceLandmarkerOptions> = {}): Promise<LandmarkerHandle> {
  assertWebGl2();
  const model = await loadModel();
  const canvas = new OffscreenCanvas(1, 1);
  try {
    const landmarker = await FaceLandmarker.createFromOptions(WASM_FILESET, {
      baseOptions: { modelAssetBuffer: model, delegate },
      canvas,
      runningMode: 'IMAGE',
      numFaces: WORKER_DEFAULTS.maxFaces,
      minFaceDetectionConfidence: WORKER_DEFAULTS.minFaceDetectionConfidence,
      minFacePresenceConfidence: WORKER_DEFAULTS.minFacePresenceConfidence,
      outputFaceBlendshapes: true,
      outputFacialTransformationMatrixes: true,
      ...overrides,
    });
    return { landmarker, delegate, canvas };
  } catch (err) {
    throw new PipelineError(
      'model-load-failed',
      `The face model failed to start on the ${delegate} (${(err as Error).message ?? err}). Reload the page; if it persists, try another browser.`,
    );
  }
}
