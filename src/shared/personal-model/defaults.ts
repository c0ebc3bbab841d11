/** Every default of the personal model, in one place. */
export const PERSONAL_MODEL_DEFAULTS = {
  /** Units of the one hidden layer. Small: a learner has tens of tries, not thousands. */
  hiddenUnits: 16,
  /** Passes over the (augmented) tries. */
  epochs: 120,
  /** Adam step size. */
  learningRate: 0.02,
  /** L2 weight penalty on both layers: keeps a model of few tries smooth. */
  l2: 1e-3,
  /**
   * Copies of each try made for training: the same expression weaker (intensity scaled down to
   * `augmentMinScale`) and with AU jitter of `augmentNoise` (on the 0-1 feature scale, about 0.15
   * FACS units): a learner's next flash of a kind is rarely as strong as the one it learnt from.
   */
  augmentCopies: 8,
  augmentMinScale: 0.6,
  augmentNoise: 0.03,
  /** Seed of the weights and of the augmentation: the same tries give the same model. */
  seed: 7,
  /** A model is trained once at least this many kinds have at least `minTriesPerKind` labelled tries. */
  minKinds: 2,
  minTriesPerKind: 2,
} as const;

export type PersonalModelOptions = Record<keyof typeof PERSONAL_MODEL_DEFAULTS, number>;
