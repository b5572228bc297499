import { DTYPES, Rng, option } from '@deeptune/core';
import type { DType, Initializer, Registry } from '@deeptune/core';
import type { ActivationId } from '../activations/activation-id.js';
import {
  activationOptionsOption,
  type ActivationOptions,
} from '../activations/activation-options.js';
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
   * The activation applied after `X·W + b`: a built-in name (`'relu'`, `'tanh'`, …; no
   * registry needed) or the name of an activation plugin in `registry`, e.g. `'acme:swish'`.
   * @defaultValue 'linear'
   */
  readonly activation?: ActivationId;
  /**
   * The activation's own options, validated by its plugin's schema, e.g. `{ alpha: 0.2 }`
   * for `'leaky-relu'` or `{ beta: 1.5 }` for a swish plugin. Saved with the model.
   * @defaultValue `{}` (the activation's defaults)
   */
  readonly activationOptions?: ActivationOptions;
  /**
   * Where an activation plugin is looked up (built-in names never need it). The `dense`
   * layer plugin passes the registry creating the layer.
   * @defaultValue `getDefaultRegistry()`
   */
  readonly registry?: Registry;
  /**
   * Whether to add a bias b. Turn it off when batch norm follows: its shift β replaces
   * the bias, which the normalization would subtract anyway.
   * @defaultValue true
   */
  readonly useBias?: boolean;
  /**
   * How to initialize the weights: an `Initializer` function or a built-in name such as
   * `'he-normal'`. Biases always start at zero.
   * @defaultValue `defaultInitializerFor(activation)`: `'he-normal'` for `'relu'`/`'leaky-relu'`,
   * `'xavier-normal'` (variance 1/nIn) otherwise, plugin activations included
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
 * The options schema of `Dense`, shared by its constructor and the `'dense'` layer plugin
 * (everything but `registry`, which is not a hyperparameter: the plugin passes its own).
 * @internal
 */
export const denseOptionsSchema = Object.freeze({
  inputs: option.number({
    integer: true,
    min: 1,
    description: 'Number of input features nIn (the previous layer’s units).',
  }),
  units: option.number({ integer: true, min: 1, description: 'Number of units nOut.' }),
  activation: option.string({
    default: 'linear',
    minLength: 1,
    description: "Activation applied after X·W + b: a built-in name or an activation plugin's.",
  }),
  activationOptions: activationOptionsOption,
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
