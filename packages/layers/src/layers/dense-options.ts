import { DTYPES, Rng, option } from '@deeptune/core';
import type { DType, Initializer } from '@deeptune/core';
import { ACTIVATION_NAMES, type ActivationName } from '../activations/activation-name.js';
import {
  INITIALIZER_NAMES,
  isInitializerName,
  type InitializerName,
} from '../initializers/initializer-name.js';

/** The options of {@link Dense}. */
export interface DenseOptions {
  /** The number of input features nIn (the previous layer's units); an integer ≥ 1. */
  readonly inputs: number;
  /** The number of units nOut (output features); an integer ≥ 1. */
  readonly units: number;
  /**
   * The activation applied after `X·W + b`.
   * @defaultValue 'linear'
   */
  readonly activation?: ActivationName;
  /**
   * Whether to add a bias b. Turn it off when batch norm follows: its shift β replaces
   * the bias, which the normalization would subtract anyway.
   * @defaultValue true
   */
  readonly useBias?: boolean;
  /**
   * How to initialize the weights: an `Initializer` function or a built-in name such as
   * `'he-normal'`. Biases always start at zero.
   * @defaultValue `'he-normal'` for `'relu'`/`'leaky-relu'`, `'xavier-normal'` (variance 1/nIn) otherwise
   */
  readonly initializer?: Initializer | InitializerName;
  /**
   * The dtype of the parameters (and of the inputs the layer accepts).
   * @defaultValue 'float32'
   */
  readonly dtype?: DType;
  /**
   * The generator the initializer draws from.
   * @defaultValue the default generator, `getDefaultRng()`
   */
  readonly rng?: Rng;
}

function isInitializerOption(value: unknown): value is Initializer | InitializerName {
  return typeof value === 'function' || isInitializerName(value);
}

function isRng(value: unknown): value is Rng {
  return Rng.isRng(value);
}

/**
 * The options schema of `Dense`, shared by its constructor and the `'dense'` layer plugin.
 * @internal
 */
export const denseOptionsSchema = Object.freeze({
  inputs: option.number({
    integer: true,
    min: 1,
    description: 'Number of input features nIn (the previous layer’s units).',
  }),
  units: option.number({ integer: true, min: 1, description: 'Number of units nOut.' }),
  activation: option.enum(ACTIVATION_NAMES, {
    default: 'linear',
    description: 'Activation applied after X·W + b.',
  }),
  useBias: option.boolean({
    default: true,
    description: 'Add a bias b; turn it off before batch norm.',
  }),
  initializer: option.custom({
    typeName: `an Initializer function or one of ${INITIALIZER_NAMES.map((name) => `'${name}'`).join(', ')}`,
    check: isInitializerOption,
    optional: true,
    description:
      "Weight initializer; default 'he-normal' for relu/leaky-relu, 'xavier-normal' otherwise.",
  }),
  dtype: option.enum(DTYPES, { default: 'float32', description: 'Parameter dtype.' }),
  rng: option.custom({
    typeName: 'an Rng',
    check: isRng,
    optional: true,
    description: 'Generator for the initializer; default getDefaultRng().',
  }),
});
