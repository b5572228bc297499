import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { PlanarDatasetName } from '../../experiments/classifier/planar-data.js';
import type { MiniBatchConfig } from '../../experiments/mini-batch/mini-batch-config.js';

/** The URL parameters of the mini-batch-size page. */
export const MINI_BATCH_PARAMS = {
  // Two-class datasets only: the network has two outputs.
  dataset: { kind: 'choice', default: 'moons', values: ['moons', 'circles', 'xor'] },
  points: { kind: 'number', default: 400, min: 40, max: 2000, integer: true },
  noise: { kind: 'number', default: 0.2, min: 0, max: 1 },
  batch: { kind: 'number', default: 64, min: 1, max: 2048, integer: true },
  lr: { kind: 'number', default: 0.1, min: 1e-3, max: 5 },
  units: { kind: 'number', default: 8, min: 1, max: 64, integer: true },
  epochs: { kind: 'number', default: 10, min: 1, max: 100, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link MINI_BATCH_PARAMS}. */
export type MiniBatchValues = ParamValues<typeof MINI_BATCH_PARAMS>;

/** The experiment the page's parameters describe (the same in the worker and in Node). */
export function miniBatchConfig(values: MiniBatchValues): MiniBatchConfig {
  return {
    source: {
      kind: 'synthetic',
      name: values.dataset as PlanarDatasetName,
      m: values.points,
      noise: values.noise,
      classes: 2,
      seed: values.seed,
    },
    hiddenUnits: values.units,
    learningRate: values.lr,
    batchSize: values.batch,
    epochs: values.epochs,
    epochsPerStep: 1,
    modelSeed: values.seed,
  };
}
