import type { PluginContext } from '@deeptune/core';
import type { ActivationFunction } from './activation-function.js';
import { leakyReluPlugin } from './activation-plugins.js';

/**
 * Creates the leaky ReLU activation `g(z) = z` if z > 0, else `alpha·z`, with `alpha` in
 * [0, 1) (0.01 by default): the factory of the `'leaky-relu'` activation plugin itself, so
 * `leakyReluActivation({ alpha })` and `registry.create('activation', 'leaky-relu',
 * { alpha })` are the same call.
 *
 * Layers take the activation by name (`activation: 'leaky-relu'` with
 * `activationOptions: { alpha }`); this factory gives the function itself. The op
 * `leakyRelu(x, alpha)` from `@deeptune/core` applies it to one tensor.
 *
 * @param options - `{ alpha }`, the slope for negative inputs, in [0, 1); default 0.01.
 * @param context - the creation context; the activation needs none.
 * @returns the activation function, built from core ops so autograd differentiates it.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `alpha` is outside [0, 1)
 *   (`activation 'leaky-relu': option 'alpha' must be in [0, 1), got 1`).
 * @throws {@link @deeptune/core!ConfigError} when `alpha` is not a number or another option
 *   is given.
 * @category Activations
 *
 * @example
 * ```ts
 * const g = leakyReluActivation({ alpha: 0.5 });
 * g(tensor([[-2, 3]])).toArray(); // [[-1, 3]]
 * ```
 */
export const leakyReluActivation: (
  options?: { readonly alpha?: number },
  context?: PluginContext,
) => ActivationFunction = leakyReluPlugin.create;
