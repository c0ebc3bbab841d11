/**
 * A small classifier of one learner's flash kinds (tfjs): neutral-relative AU features in, a kind
 * out. One hidden layer, trained on the learner's own labelled tries with augmentation (weaker
 * and jittered copies), seeded so the same tries give the same model. The trained model is plain
 * data (`PersonalModel`: tfjs's topology and weights, structured-clone safe) to store, export and
 * load again. Runs wherever tfjs does: the trainer worker (WebGL, else CPU) and Node (CPU).
 */
import * as tf from '@tensorflow/tfjs';
import type { FlashKind, LabelledSample, ModelWeightSpec, PersonalModel, Prediction } from '../contract/index.ts';
import { PERSONAL_MODEL_DEFAULTS, type PersonalModelOptions } from './defaults.ts';
import { FEATURE_NAMES } from './features.ts';

/** Whether the tries are enough to train on, and if not, what is missing. */
export function trainable(
  samples: readonly LabelledSample[],
  options: Pick<PersonalModelOptions, 'minKinds' | 'minTriesPerKind'> = PERSONAL_MODEL_DEFAULTS,
): string | null {
  const counts = new Map<FlashKind, number>();
  for (const s of samples) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const enough = [...counts.values()].filter((n) => n >= options.minTriesPerKind).length;
  if (enough >= options.minKinds) return null;
  return `The personal model needs at least ${options.minTriesPerKind} caught tries of each of ${options.minKinds} kinds (it has ${enough} such kinds).`;
}

/** mulberry32: a small seeded generator, so augmentation is repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function augment(samples: readonly LabelledSample[], o: PersonalModelOptions): LabelledSample[] {
  const rand = seeded(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const out: LabelledSample[] = [...samples];
  for (const s of samples) {
    for (let c = 0; c < o.augmentCopies; c++) {
      const scale = o.augmentMinScale + (1 - o.augmentMinScale) * rand();
      out.push({ kind: s.kind, features: s.features.map((v) => Math.min(1, Math.max(0, v * scale + o.augmentNoise * gauss()))) });
    }
  }
  return out;
}

function build(inputs: number, classes: number, o: PersonalModelOptions): tf.LayersModel {
  const l2 = tf.regularizers.l2({ l2: o.l2 });
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      inputShape: [inputs],
      units: o.hiddenUnits,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed }),
      kernelRegularizer: l2,
    }),
  );
  model.add(
    tf.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: o.seed + 1 }),
      kernelRegularizer: l2,
    }),
  );
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'categoricalCrossentropy' });
  return model;
}

function checkFeatures(samples: readonly { features: readonly number[] }[]): void {
  for (const s of samples) {
    if (s.features.length !== FEATURE_NAMES.length || s.features.some((v) => !Number.isFinite(v)))
      throw new Error(`Each sample needs ${FEATURE_NAMES.length} finite features (featuresOf), got ${s.features.length}`);
  }
}

/** Trains a model on the learner's labelled tries. Throws (saying what is missing) when they are too few. */
export async function trainClassifier(
  samples: readonly LabelledSample[],
  options: Partial<PersonalModelOptions> = {},
): Promise<PersonalModel> {
  const t0 = performance.now();
  const o: PersonalModelOptions = { ...PERSONAL_MODEL_DEFAULTS, ...options };
  const why = trainable(samples, o);
  if (why) throw new Error(why);
  checkFeatures(samples);
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const data = augment(samples, o);
  const model = build(FEATURE_NAMES.length, kinds.length, o);
  const x = tf.tensor2d(data.map((s) => [...s.features]));
  const y = tf.oneHot(
    tf.tensor1d(
      data.map((s) => kinds.indexOf(s.kind)),
      'int32',
    ),
    kinds.length,
  );
  try {
    await model.fit(x, y, { epochs: o.epochs, batchSize: data.length, shuffle: false, verbose: 0 });
    const right = predictWith(
      model,
      kinds,
      samples.map((s) => s.features),
    ).filter((p, i) => p.kind === samples[i]!.kind).length;
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const art = saved as unknown as tf.io.ModelArtifacts;
    const trainMs = performance.now() - t0;
    const tries: Partial<Record<FlashKind, number>> = {};
    for (const s of samples) tries[s.kind] = (tries[s.kind] ?? 0) + 1;
    return {
      format: 'microflash-personal-model',
      version: 1,
      kinds,
      featureNames: [...FEATURE_NAMES],
      tries,
      trainedAt: Date.now(),
      backend: tf.getBackend(),
      trainMs,
      trainAccuracy: right / samples.length,
      topology: art.modelTopology as object,
      weightSpecs: art.weightSpecs as ModelWeightSpec[],
      weightData: art.weightData as ArrayBuffer,
    };
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}

function predictWith(model: tf.LayersModel, kinds: readonly FlashKind[], features: readonly (readonly number[])[]): Prediction[] {
  return tf.tidy(() => {
    const p = model.predict(tf.tensor2d(features.map((f) => [...f]))) as tf.Tensor2D;
    return (p.arraySync() as number[][]).map((row) => {
      const k = row.indexOf(Math.max(...row));
      return { kind: kinds[k]!, p: row[k]! };
    });
  });
}

/** A loaded model: predict, then dispose. */
export interface Classifier {
  readonly model: PersonalModel;
  predict(features: readonly (readonly number[])[]): Prediction[];
  dispose(): void;
}

/** Loads a stored model; throws (saying why) on one this version cannot read. */
export async function loadClassifier(model: PersonalModel): Promise<Classifier> {
  if (model?.format !== 'microflash-personal-model' || model.version !== 1)
    throw new Error('Not a personal model of this version: train it again from your tries.');
  if (model.featureNames.join() !== FEATURE_NAMES.join())
    throw new Error('This personal model was trained on other features than this version reads: train it again from your tries.');
  const layers = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: model.topology, weightSpecs: model.weightSpecs, weightData: model.weightData }),
  );
  return {
    model,
    predict(features) {
      checkFeatures(features.map((f) => ({ features: f })));
      return predictWith(layers, model.kinds, features);
    },
    dispose() {
      layers.dispose();
    },
  };
}
