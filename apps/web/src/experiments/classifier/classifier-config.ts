import type { PlanarSource } from './planar-data.js';

/** The optimizers the classifier experiments offer. */
export const CLASSIFIER_OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam'] as const;

/** One of {@link CLASSIFIER_OPTIMIZERS}. */
export type ClassifierOptimizer = (typeof CLASSIFIER_OPTIMIZERS)[number];

/** Everything that determines a run of the 2-D classifier experiment (seeded: same config, same numbers). */
export interface ClassifierConfig {
  /** The data. */
  readonly source: PlanarSource;
  /** Units of each hidden layer, e.g. `[16, 16]`; `[]` is softmax regression. */
  readonly hiddenLayers: readonly number[];
  /** The hidden layers' activation. */
  readonly activation: 'relu' | 'tanh';
  /** keepProb of the dropout after each hidden layer (1 = no dropout); one per hidden layer. */
  readonly keepProbs: readonly number[];
  /** λ of the L2 penalty (λ / 2m · Σ‖W‖²); 0 for none. */
  readonly l2: number;
  /** λ of the L1 penalty; 0 for none. */
  readonly l1: number;
  /** Batch normalization after each hidden layer's linear part. */
  readonly batchNorm: boolean;
  /** The optimizer. */
  readonly optimizer: ClassifierOptimizer;
  /** Its learning rate α. */
  readonly learningRate: number;
  /** Examples per mini-batch; 0 means the whole training set (batch gradient descent). */
  readonly batchSize: number;
  /** The seed of the initial weights, dropout masks and shuffling. */
  readonly modelSeed: number;
  /** The epoch budget. */
  readonly epochs: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** Cells per side of the decision-boundary grid. */
  readonly gridSize: number;
  /** Add every weight (not biases) to each snapshot, for histograms. */
  readonly includeWeights: boolean;
  /** Add the grid's logits (the scores before softmax) to each snapshot. @defaultValue false */
  readonly includeGridLogits?: boolean;
  /** Add the dev set's confusion matrix to each snapshot. @defaultValue false */
  readonly includeDevConfusion?: boolean;
}

/** The defaults the pages start from. */
export const DEFAULT_CLASSIFIER_CONFIG: ClassifierConfig = {
  source: { kind: 'synthetic', name: 'moons', m: 300, noise: 0.25, classes: 2, seed: 1 },
  hiddenLayers: [16, 16],
  activation: 'relu',
  keepProbs: [1, 1],
  l2: 0,
  l1: 0,
  batchNorm: false,
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 32,
  modelSeed: 1,
  epochs: 300,
  epochsPerStep: 5,
  gridSize: 48,
  includeWeights: false,
};
