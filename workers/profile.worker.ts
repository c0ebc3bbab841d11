/**
 * Where a frame's time goes in the landmarker, by ablation (for `npm run bench`): the same decoded
 * face frames through the face detector alone, the landmarker as the app runs it, and the
 * landmarker without each output, with each kind of input image. MediaPipe runs its graph as one
 * call, so a stage's cost is the difference between two variants.
 */
import { FaceDetector, type FaceLandmarkerOptions } from '@mediapipe/tasks-vision';
import * as Comlink from 'comlink';
import { unzipSync } from 'fflate';
import type { Delegate } from '../src/shared/contract/index.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import type { ProfileApi, ProfileRow, ProfileVariant } from '../src/shared/profile-api.ts';
import { createLandmarker, loadModel, WASM_FILESET } from './landmarker/create-landmarker.ts';
import { WORKER_DEFAULTS } from './landmarker/defaults.ts';
import { openVideoFile } from './landmarker/file-source.ts';

/** Passes over the frames per variant (the first frame of the first pass is a warm-up, not timed). */
const PASSES = 2;

function stats(step: string, ms: number[], note: string): ProfileRow {
  const s = [...ms].sort((a, b) => a - b);
  return {
    step,
    medianMs: s[Math.floor(s.length / 2)] ?? Number.NaN,
    p95Ms: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? Number.NaN,
    note,
  };
}

function timeEach<T>(frames: readonly T[], run: (frame: T) => void): number[] {
  run(frames[0]!);
  const ms: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    for (const f of frames) {
      const t0 = performance.now();
      run(f);
      ms.push(performance.now() - t0);
    }
  }
  return ms;
}

type Input = 'frame' | 'bitmap';

/** Each landmarker variant: its row, its options, whether it takes the other input than the app does, what it shows. */
const LANDMARKER: Record<Exclude<ProfileVariant, 'detector'>, [string, Partial<FaceLandmarkerOptions>, boolean, string]> = {
  'as-run': ['landmarker as the app runs it (4 faces, blendshapes, matrices)', {}, false, 'the whole model, on the input the app gives it'],
  'other-input': ['same, the other input', {}, true, 'VideoFrame against ImageBitmap: what the conversion costs inside MediaPipe'],
  'one-face': ['1 face looked for', { numFaces: 1 }, false, 'faces looked for: 1 instead of 4 (the difference to the as-run row)'],
  'no-blendshapes': ['no blendshapes', { outputFaceBlendshapes: false }, false, 'blendshape model: the difference to the as-run row'],
  'no-matrices': [
    'no matrices',
    { outputFacialTransformationMatrixes: false },
    false,
    'geometry pipeline: the difference to the as-run row',
  ],
  'landmarks-only': [
    'landmarks only',
    { outputFaceBlendshapes: false, outputFacialTransformationMatrixes: false },
    false,
    'detector + mesh; less the detector row: the mesh',
  ],
};

async function decode(url: string, count: number): Promise<{ frames: VideoFrame[]; ms: number[] }> {
  const file = await openVideoFile({ kind: 'url', url, name: url });
  const frames: VideoFrame[] = [];
  const ms: number[] = [];
  let t = performance.now();
  for await (const { frame } of file.frames()) {
    ms.push(performance.now() - t);
    frames.push(frame);
    if (frames.length >= count) break;
    t = performance.now();
  }
  file.close();
  return { frames, ms };
}

const api: ProfileApi = {
  async profile(url, count, delegate: Delegate, variant) {
    const rows: ProfileRow[] = [];
    const { frames, ms } = await decode(url, count);
    const bitmaps: ImageBitmap[] = [];
    const bitmapMs: number[] = [];
    const appInput: Input = WORKER_DEFAULTS.bitmapInput[delegate] ? 'bitmap' : 'frame';
    const other = variant !== 'detector' && LANDMARKER[variant][2];
    const input: Input = other ? (appInput === 'bitmap' ? 'frame' : 'bitmap') : appInput;
    if (input === 'bitmap' || variant === 'detector') {
      for (const f of frames) {
        const t0 = performance.now();
        bitmaps.push(await createImageBitmap(f));
        bitmapMs.push(performance.now() - t0);
      }
    }
    if (variant === 'detector') {
      rows.push(stats('decode (file)', ms, 'demux + WebCodecs decode, waiting for each frame'));
      rows.push(stats('VideoFrame -> ImageBitmap', bitmapMs, 'createImageBitmap: what the CPU delegate pays before the model'));
      const detector = await FaceDetector.createFromOptions(WASM_FILESET, {
        baseOptions: { modelAssetBuffer: unzipSync(await loadModel())['face_detector.tflite']!, delegate },
        runningMode: 'IMAGE',
      });
      const detect = (f: VideoFrame | ImageBitmap) => detector.detect(f);
      rows.push(
        stats(
          'face detector alone',
          input === 'bitmap' ? timeEach(bitmaps, detect) : timeEach(frames, detect),
          `BlazeFace short range, ${input === 'bitmap' ? 'ImageBitmap' : 'VideoFrame'} in`,
        ),
      );
      detector.close();
    } else {
      const [step, overrides, , note] = LANDMARKER[variant];
      const handle = await createLandmarker(delegate, overrides);
      const detect = (f: VideoFrame | ImageBitmap) => handle.landmarker.detect(f);
      const times = input === 'frame' ? timeEach(frames, detect) : timeEach(bitmaps, detect);
      rows.push(stats(`${step} (${input === 'bitmap' ? 'ImageBitmap' : 'VideoFrame'} in)`, times, note));
      handle.landmarker.close();
    }
    for (const f of frames) f.close();
    for (const b of bitmaps) b.close();
    return rows;
  },
};

installErrorTransfer();
Comlink.expose(api);
