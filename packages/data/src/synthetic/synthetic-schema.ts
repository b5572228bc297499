import { option } from '@deeptune/core';

/**
 * The options schema every synthetic dataset accepts (`m`, `noise`, `seed`, `dtype`): the
 * one description of them, for the dataset plugins and the functions (`moons`, `xor`)
 * alike, so both report a bad option with the same error and message.
 * @internal
 */
export const syntheticSchema = {
  m: option.number({
    integer: true,
    min: 1,
    max: 1_000_000,
    default: 1000,
    description: 'The number of examples.',
  }),
  noise: option.number({
    min: 0,
    optional: true,
    description: 'Standard deviation of the Gaussian noise on each coordinate.',
  }),
  seed: option.number({ default: 0, description: 'Seed of the generator.' }),
  dtype: option.enum(['float32', 'float64'], {
    default: 'float32',
    description: 'The dtype of inputs and targets.',
  }),
};

/**
 * The options schema of the synthetic datasets with a configurable number of classes
 * (`circles`, `spirals`, `blobs`): {@link syntheticSchema} plus `classes`.
 * @internal
 */
export const multiClassSyntheticSchema = {
  ...syntheticSchema,
  classes: option.number({
    integer: true,
    min: 2,
    optional: true,
    description: 'The number of classes.',
  }),
};
