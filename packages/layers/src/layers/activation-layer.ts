import { validateOptions } from '@deeptune/core';
import { withoutRegistry } from '../internal/without-registry.js';
import { Activation } from './activation.js';
import {
  activationLayerOptionsSchema,
  type ActivationLayerFactoryOptions,
} from './activation-layer-options.js';

/** The `where` of the `activation` layer plugin, so both paths report options alike. */
const WHERE = "layer 'activation'";

/**
 * Creates an {@link Activation} layer from the `activation` layer plugin's options: the
 * factory behind `registry.create('layer', 'activation', options)`, validated by the same
 * schema with the same messages.
 *
 * `activationLayer({ activation: 'relu' })` is `new Activation('relu')`; use whichever
 * reads better. The options object is the form configs and the CLI use.
 *
 * @param options - `activation`, its `activationOptions` and the `registry` of activation
 *   plugins (default `getDefaultRegistry()`).
 * @returns the layer.
 * @throws {@link @deeptune/core!ConfigError} when an option is missing, unknown or of the
 *   wrong type (`layer 'activation': option 'activation' must be a string, got 1 (a number)`),
 *   or when the activation is unknown (the closest name is suggested).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when an activation option is out
 *   of range (the message is the one the activation's plugin gives).
 * @category Layers
 *
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, useBias: false }),
 *   activationLayer({ activation: 'leaky-relu', activationOptions: { alpha: 0.1 } }),
 *   new Dense({ inputs: 128, units: 10 }),
 * ]);
 * activationLayer({ activation: 'acme:swish', activationOptions: { beta: 1.5 }, registry });
 * ```
 */
export function activationLayer(options: ActivationLayerFactoryOptions): Activation {
  const { registry, options: rest } = withoutRegistry(WHERE, options);
  const { activation, activationOptions } = validateOptions(
    WHERE,
    activationLayerOptionsSchema,
    rest,
  );
  return new Activation(activation, {
    ...(activationOptions === undefined ? {} : { activationOptions }),
    ...(registry === undefined ? {} : { registry }),
  });
}
