/**
 * A throw-away worker that times one delegate on a synthetic 640x480 frame. The page runs it once
 * per delegate at start-up, with a time limit, and terminates it: a GPU path that is very slow or
 * hangs (software WebGL) costs a timeout, never the worker that does the real work.
 */
import * as Comlink from 'comlink';
import type { DelegateProbeApi } from '../src/shared/delegate-probe-api.ts';
import type { Delegate } from '../src/shared/contract/index.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import { createLandmarker } from './landmarker/create-landmarker.ts';
import { WORKER_DEFAULTS } from './landmarker/defaults.ts';

/** A camera-sized frame with texture, so image conversion costs what a real frame costs. */
function syntheticFrame(): ImageBitmap {
  const canvas = new OffscreenCanvas(640, 480);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const gradient = ctx.createLinearGradient(0, 0, 640, 480);
  gradient.addColorStop(0, '#303040');
  gradient.addColorStop(1, '#c0a080');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 640, 480);
  ctx.fillStyle = '#e0b090';
  ctx.beginPath();
  ctx.ellipse(320, 240, 110, 150, 0, 0, Math.PI * 2);
  ctx.fill();
  return canvas.transferToImageBitmap();
}

const probe = {
  /** Median ms per frame of `delegate` (after one warm-up frame). */
  async probe(delegate: Delegate): Promise<number> {
    const handle = await createLandmarker(delegate);
    const frame = syntheticFrame();
    handle.landmarker.detect(frame);
    const ms: number[] = [];
    for (let i = 0; i < WORKER_DEFAULTS.delegateProbeFrames; i++) {
      const t0 = performance.now();
      handle.landmarker.detect(frame);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return ms[Math.floor(ms.length / 2)]!;
  },
};

installErrorTransfer();
Comlink.expose(probe satisfies DelegateProbeApi);
