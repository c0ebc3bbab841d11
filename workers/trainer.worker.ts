/**
 * The personal model's worker: trains and predicts off the main thread, so the camera loop never
 * waits on it. tfjs runs on WebGL where the GPU is real, on the CPU otherwise (a software WebGL
 * only emulates a GPU, slower for a model this small).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import * as Comlink from 'comlink';
import type { LabelledSample, PersonalModel, TrainerApi } from '../src/shared/contract/index.ts';
import { installErrorTransfer } from '../src/shared/comlink-errors.ts';
import { loadClassifier, trainClassifier, type Classifier } from '../src/shared/personal-model/classifier.ts';
import { isSoftwareRenderer, webglRenderer } from '../src/shared/webgl-renderer.ts';

let ready: Promise<void> | null = null;
let held: Classifier | null = null;

/** Picks the backend once: WebGL on a real GPU, else the CPU. */
function backend(): Promise<void> {
  ready ??= (async () => {
    const renderer = webglRenderer();
    if (renderer && !isSoftwareRenderer(renderer) && (await tf.setBackend('webgl').catch(() => false))) return;
    await tf.setBackend('cpu');
  })();
  return ready;
}

async function hold(model: PersonalModel): Promise<void> {
  const next = await loadClassifier(model);
  held?.dispose();
  held = next;
}

const api: TrainerApi = {
  async train(samples: readonly LabelledSample[]) {
    await backend();
    const model = await trainClassifier(samples);
    await hold(model);
    return model;
  },
  async load(model) {
    await backend();
    await hold(model);
  },
  async unload() {
    held?.dispose();
    held = null;
  },
  async predict(features) {
    if (!held) throw new Error('No personal model is loaded: train one from your tries first.');
    return held.predict(features);
  },
};

installErrorTransfer();
Comlink.expose(api);
