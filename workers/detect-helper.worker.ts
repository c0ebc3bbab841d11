/**
 * A member of the landmarker pool (workers/landmarker/detect-pool.ts): only the model, on the
 * images the landmarking worker hands it, one at a time; what it found goes back as typed arrays
 * (transferred). It holds no state of a session: face selection, AUs and flashes stay in the
 * landmarking worker, in capture order.
 */
import * as Comlink from 'comlink';
import type { Delegate } from '../src/shared/contract/index.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import { createLandmarker, type LandmarkerHandle } from './landmarker/create-landmarker.ts';
import { type Detection, detectionTransferables, facesOf } from './landmarker/detection.ts';

let handle: LandmarkerHandle | null = null;

const api = {
  async init(delegate: Delegate): Promise<void> {
    handle = await createLandmarker(delegate);
  },
  crash,
  /** The model on one image (transferred, closed here); `convertMs` is the caller's, passed through. */
  detect(image: ImageBitmap, convertMs: number): Detection {
    if (!handle) throw new Error('detect() before init()');
    const t0 = performance.now();
    try {
      const faces = facesOf(handle.landmarker.detect(image));
      const d = { faces, convertMs, inferenceMs: performance.now() - t0 };
      return Comlink.transfer(d, detectionTransferables(d));
    } finally {
      image.close();
    }
  },
};

/** For the tests: an uncaught error in this worker, as a crash of the model would raise. */
function crash(): void {
  setTimeout(() => {
    throw new Error('simulated crash of a pool member');
  });
}

export type DetectHelperApi = typeof api;

installErrorTransfer();
Comlink.expose(api);
