import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { MnistTrainConfig } from '../../experiments/mnist/mnist-config.js';
import type { MnistSubset } from '../../experiments/mnist/mnist-subset.js';

/** Examples per mini-batch of the page's training runs. */
export const MNIST_BATCH_SIZE = 64;

/** The URL parameters of the MNIST page. */
export const MNIST_PARAMS = {
  units: { kind: 'number', default: 64, min: 8, max: 256, integer: true },
  lr: { kind: 'number', default: 0.003, min: 1e-4, max: 0.1 },
  epochs: { kind: 'number', default: 8, min: 1, max: 30, integer: true },
  train: { kind: 'number', default: 3000, min: 500, max: 3000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link MNIST_PARAMS}. */
export type MnistValues = ParamValues<typeof MNIST_PARAMS>;

/** The training run the page's parameters describe on `subset` (the same in the worker and in Node). */
export function mnistConfig(values: MnistValues, subset: MnistSubset): MnistTrainConfig {
  return {
    subset,
    trainImages: Math.min(values.train, subset.train.count),
    hiddenUnits: values.units,
    learningRate: values.lr,
    batchSize: MNIST_BATCH_SIZE,
    epochs: values.epochs,
    epochsPerStep: 1,
    seed: values.seed,
  };
}
