/**
 * The personal model across the thread boundary: labelled tries in, a trained model out as plain
 * data (structured-clone safe: stored in IndexedDB and exported as is), predictions back. The
 * trainer worker (workers/trainer.worker.ts) implements TrainerApi.
 */
import type { FlashKind } from './flash-event.ts';

/** One try the learner made: its features (personal-model/features.ts: per-AU peaks on 0-1, AU_LIST order) and the kind it was meant to be. */
export interface LabelledSample {
  features: readonly number[];
  kind: FlashKind;
}

/** One weight tensor of a stored model (tfjs's weights manifest entry). */
export interface ModelWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** A trained model as plain data. */
export interface PersonalModel {
  format: 'microflash-personal-model';
  version: 1;
  kinds: FlashKind[];
  featureNames: string[];
  /** How many tries per kind it learnt from. */
  tries: Partial<Record<FlashKind, number>>;
  /** ms since the epoch. */
  trainedAt: number;
  /** tfjs backend it was trained on ('webgl', 'cpu'). */
  backend: string;
  /** ms the training took. */
  trainMs: number;
  /** Share of the (unaugmented) tries it labels right after training. */
  trainAccuracy: number;
  /** tfjs layers topology (JSON). */
  topology: object;
  weightSpecs: ModelWeightSpec[];
  weightData: ArrayBuffer;
}

export interface Prediction {
  kind: FlashKind;
  /** Its probability, 0-1. */
  p: number;
}

/** What the trainer worker does: train off the main thread, and label flashes with the model it holds. */
export interface TrainerApi {
  /** Trains on the tries (rejects, saying what is missing, when they are too few) and holds the new model. */
  train(samples: readonly LabelledSample[]): Promise<PersonalModel>;
  /** Holds a stored model (rejects on one this version cannot read). */
  load(model: PersonalModel): Promise<void>;
  /** Forgets the model held. */
  unload(): Promise<void>;
  /** Labels feature vectors with the model held; rejects without one. */
  predict(features: readonly (readonly number[])[]): Promise<Prediction[]>;
}
