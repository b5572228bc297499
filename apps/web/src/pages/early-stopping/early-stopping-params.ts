import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { EarlyStoppingConfig } from '../../experiments/early-stopping/early-stopping-config.js';
import type { PlanarDatasetName } from '../../experiments/classifier/planar-data.js';

/** The hidden layers of the network: three of `units` ReLU units (big enough to overfit). */
export const EARLY_STOPPING_HIDDEN_LAYERS = 3;

/** The datasets the page offers (two classes; few noisy points overfit visibly). */
export const EARLY_STOPPING_DATASETS = ['moons', 'circles', 'xor'] as const;

/** The URL parameters of the early-stopping page. */
export const EARLY_STOPPING_PARAMS = {
  dataset: { kind: 'choice', default: 'moons', values: [...EARLY_STOPPING_DATASETS] },
  points: { kind: 'number', default: 100, min: 40, max: 1000, integer: true },
  noise: { kind: 'number', default: 0.4, min: 0, max: 1 },
  units: { kind: 'number', default: 64, min: 8, max: 128, integer: true },
  patience: { kind: 'number', default: 40, min: 0, max: 500, integer: true },
  lr: { kind: 'number', default: 0.01, min: 1e-4, max: 0.3 },
  epochs: { kind: 'number', default: 400, min: 10, max: 2000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link EARLY_STOPPING_PARAMS}. */
export type EarlyStoppingValues = ParamValues<typeof EARLY_STOPPING_PARAMS>;

/** The early-stopping run the page's parameters describe (the same in the worker and in Node). */
export function earlyStoppingConfig(values: EarlyStoppingValues): EarlyStoppingConfig {
  return {
    source: {
      kind: 'synthetic',
      name: values.dataset as PlanarDatasetName,
      m: values.points,
      noise: values.noise,
      classes: 2,
      seed: values.seed,
    },
    hiddenLayers: Array.from({ length: EARLY_STOPPING_HIDDEN_LAYERS }, () => values.units),
    learningRate: values.lr,
    batchSize: 0,
    modelSeed: values.seed,
    epochs: values.epochs,
    epochsPerStep: 5,
    patience: values.patience,
    minDelta: 0,
    gridSize: 40,
  };
}
