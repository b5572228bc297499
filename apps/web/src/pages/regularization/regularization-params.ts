import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  DEFAULT_CLASSIFIER_CONFIG,
  type ClassifierConfig,
} from '../../experiments/classifier/classifier-config.js';
import type { PlanarDatasetName } from '../../experiments/classifier/planar-data.js';

/** The hidden layers of both networks: three of `units` units (big enough to overfit). */
export const REGULARIZATION_HIDDEN_LAYERS = 3;

/** The datasets the page offers (two classes, so that few noisy points overfit visibly). */
export const REGULARIZATION_DATASETS = ['moons', 'circles', 'xor'] as const;

/** The URL parameters of the regularization page. */
export const REGULARIZATION_PARAMS = {
  dataset: { kind: 'choice', default: 'moons', values: [...REGULARIZATION_DATASETS] },
  points: { kind: 'number', default: 100, min: 40, max: 1000, integer: true },
  noise: { kind: 'number', default: 0.4, min: 0, max: 1 },
  units: { kind: 'number', default: 64, min: 8, max: 128, integer: true },
  lambda: { kind: 'number', default: 0.3, min: 0, max: 5 },
  keep: {
    kind: 'numbers',
    default: [1, 1, 1],
    min: 0.1,
    max: 1,
    maxLength: REGULARIZATION_HIDDEN_LAYERS,
  },
  lr: { kind: 'number', default: 0.01, min: 1e-4, max: 0.3 },
  epochs: { kind: 'number', default: 300, min: 10, max: 2000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link REGULARIZATION_PARAMS}. */
export type RegularizationValues = ParamValues<typeof REGULARIZATION_PARAMS>;

/** The two runs the page compares: the same network, data and seed, without and with regularization. */
export interface RegularizationRuns {
  /** No L2 penalty, no dropout. */
  readonly plain: ClassifierConfig;
  /** The page's L2 λ and keepProbs. */
  readonly regularized: ClassifierConfig;
}

/**
 * The keepProb of each hidden layer: the URL's list, padded with 1 (no dropout) when it
 * names fewer layers than the network has.
 */
export function keepProbsOf(values: RegularizationValues): number[] {
  return Array.from(
    { length: REGULARIZATION_HIDDEN_LAYERS },
    (_, index) => values.keep[index] ?? 1,
  );
}

/** The two classifier runs the page's parameters describe (the same in the workers and in Node). */
export function regularizationRuns(values: RegularizationValues): RegularizationRuns {
  const plain: ClassifierConfig = {
    ...DEFAULT_CLASSIFIER_CONFIG,
    source: {
      kind: 'synthetic',
      name: values.dataset as PlanarDatasetName,
      m: values.points,
      noise: values.noise,
      classes: 2,
      seed: values.seed,
    },
    hiddenLayers: Array.from({ length: REGULARIZATION_HIDDEN_LAYERS }, () => values.units),
    keepProbs: Array.from({ length: REGULARIZATION_HIDDEN_LAYERS }, () => 1),
    l2: 0,
    learningRate: values.lr,
    modelSeed: values.seed,
    epochs: values.epochs,
    epochsPerStep: 10,
    gridSize: 40,
    includeWeights: true,
  };
  return {
    plain,
    regularized: { ...plain, l2: values.lambda, keepProbs: keepProbsOf(values) },
  };
}
