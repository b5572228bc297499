import { Rng, option, type Augmentation } from '@deeptune/core';
import {
  evaluationBatchSizeOption,
  isAbortSignal,
  isArray,
  isDataset,
  isFunction,
  isOptimizer,
  lossOption,
  metricsOption,
} from '../internal/option-checks.js';

/**
 * The options schema of `fit`: the one description of its options, from which its
 * messages are formatted (`fit: option 'batchSize' must be an integer >= 1, got 0`).
 * Functions and objects are `option.custom`; the elements of `metrics`, `callbacks` and
 * `regularizers` are checked one by one after it.
 * @internal
 */
export const fitOptionsSchema = Object.freeze({
  loss: lossOption,
  optimizer: option.custom({
    typeName: 'an Optimizer such as adam({ learningRate: 1e-3 })',
    check: isOptimizer,
    description: 'The optimizer stepping the model’s parameters.',
  }),
  regularizers: option.custom({
    typeName: 'an array of Regularizers such as [l2({ lambda: 0.7 })]',
    check: isArray,
    optional: true,
    description: 'Penalties added to the cost J.',
  }),
  epochs: option.number({
    integer: true,
    min: 1,
    description: 'Passes over the training set.',
  }),
  batchSize: option.number({ integer: true, min: 1, description: 'Examples per mini-batch.' }),
  devData: option.custom({
    typeName: 'a Dataset { inputs, targets, size } (see dataset() in @deeptune/data)',
    check: isDataset,
    optional: true,
    description: 'Held-out data evaluated after each epoch.',
  }),
  metrics: metricsOption,
  callbacks: option.custom({
    typeName: 'an array of Callbacks',
    check: isArray,
    optional: true,
    description: 'Callbacks, run in order.',
  }),
  seed: option.number({
    optional: true,
    description: 'Seed of the generator that shuffles and augments; default 0.',
  }),
  rng: option.custom({
    typeName: 'an Rng',
    check: (value: unknown): value is Rng => Rng.isRng(value),
    optional: true,
    description: 'The generator that shuffles and augments; overrides seed.',
  }),
  shuffle: option.boolean({
    default: true,
    description: 'Reshuffle the training set every epoch.',
  }),
  augment: option.custom({
    typeName: 'an Augmentation (batch, rng) => Tensor',
    check: (value: unknown): value is Augmentation => isFunction(value),
    optional: true,
    description: 'A data augmentation applied to every training mini-batch.',
  }),
  logEvery: option.number({
    integer: true,
    min: 1,
    optional: true,
    description: 'Record every logEvery-th step in History.steps.',
  }),
  signal: option.custom({
    typeName: 'an AbortSignal (new AbortController().signal)',
    check: isAbortSignal,
    optional: true,
    description: 'Stops training cleanly after the current step when aborted.',
  }),
  yieldEvery: option.number({
    min: 0,
    allowInfinity: true,
    default: 100,
    description: 'Milliseconds between two yields to the event loop; Infinity never yields.',
  }),
  onProgress: option.custom({
    typeName: 'a function (event) => void',
    check: isFunction,
    optional: true,
    description: 'Receives the progress event stream.',
  }),
  evaluationBatchSize: evaluationBatchSizeOption,
});
