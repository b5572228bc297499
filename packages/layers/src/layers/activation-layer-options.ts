import { option } from '@deeptune/core';
import type { Registry } from '@deeptune/core';
import type { ActivationId } from '../activations/activation-id.js';
import {
  activationOptionsOption,
  type ActivationOptions,
} from '../activations/activation-options.js';

/**
 * The options of {@link Activation}, after its activation name.
 *
 * @category Layers
 */
export interface ActivationLayerOptions {
  /**
   * The activation's own options, validated by its plugin's schema, e.g. `{ alpha: 0.2 }`
   * for `'leaky-relu'`. Saved with the model.
   * @defaultValue `{}` (the activation's defaults)
   */
  readonly activationOptions?: ActivationOptions;
  /**
   * Where an activation plugin is looked up (built-in names never need it). The
   * `activation` layer plugin passes the registry creating the layer.
   * @defaultValue `getDefaultRegistry()`
   */
  readonly registry?: Registry;
}

/**
 * The options of {@link activationLayer}: the `activation` layer plugin's options
 * (`activation`, `activationOptions`) and the `registry` of activation plugins.
 *
 * @category Layers
 */
export interface ActivationLayerFactoryOptions extends ActivationLayerOptions {
  /**
   * The activation to apply: a built-in activation name (`'relu'`, `'tanh'`, …) or
   * the name of an activation plugin in `registry`, e.g. `'acme:swish'`.
   */
  readonly activation: ActivationId;
}

/**
 * The options schema of the `activation` layer plugin, shared by {@link activationLayer}
 * (everything but `registry`, which is not a hyperparameter: the plugin passes its own).
 * @internal
 */
export const activationLayerOptionsSchema = Object.freeze({
  activation: option.string({
    minLength: 1,
    description: "The activation to apply: a built-in name or an activation plugin's.",
  }),
  activationOptions: activationOptionsOption,
});
