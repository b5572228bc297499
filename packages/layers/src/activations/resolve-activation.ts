import { leakyRelu, option, relu, sigmoid, softmax, tanh, validateOptions } from '@deeptune/core';
import type { Tensor } from '@deeptune/core';
import type { ActivationFunction } from './activation-function.js';
import { ACTIVATION_NAMES, type ActivationName } from './activation-name.js';

/** The identity, `g(z) = z`: the output layer of a regression, or a "no activation" layer. */
function linear(x: Tensor): Tensor {
  return x;
}

const BUILT_IN_ACTIVATIONS: Readonly<Record<ActivationName, ActivationFunction>> = Object.freeze({
  linear,
  relu: (x: Tensor) => relu(x),
  'leaky-relu': (x: Tensor) => leakyRelu(x),
  tanh: (x: Tensor) => tanh(x),
  sigmoid: (x: Tensor) => sigmoid(x),
  softmax: (x: Tensor) => softmax(x, -1),
});

const nameSchema = Object.freeze({ activation: option.enum(ACTIVATION_NAMES) });

/**
 * The activation function of a built-in activation name.
 *
 * | name           | g(z)                                   |
 * | -------------- | -------------------------------------- |
 * | `'linear'`     | z (returns the input tensor itself)    |
 * | `'relu'`       | max(0, z)                              |
 * | `'leaky-relu'` | z if z > 0, else 0.01·z                |
 * | `'tanh'`       | tanh(z)                                |
 * | `'sigmoid'`    | 1 / (1 + e^(−z))                       |
 * | `'softmax'`    | e^(zᵢ) / Σⱼ e^(zⱼ) along the last axis |
 *
 * Names are resolved through this package's own table of built-ins, not through a
 * registry, so the result never depends on which plugins are installed. For a leaky ReLU
 * with another slope, use `leakyRelu(x, alpha)` from `@deeptune/core` or the
 * `'leaky-relu'` activation plugin with its `alpha` option.
 *
 * @param name - one of {@link ACTIVATION_NAMES}.
 * @returns the function, built from core ops so autograd differentiates it.
 * @throws {@link @deeptune/core!ConfigError} when `name` is not a built-in activation; the
 *   message lists the names and suggests the closest one.
 * @category Activations
 *
 * @example
 * ```ts
 * const g = resolveActivation('tanh');
 * g(tensor([[0, 1]])).toArray(); // [[0, 0.7616]]
 * resolveActivation('rleu'); // ConfigError: … Did you mean 'relu'?
 * ```
 */
export function resolveActivation(name: ActivationName): ActivationFunction {
  const { activation } = validateOptions('resolveActivation', nameSchema, { activation: name });
  return BUILT_IN_ACTIVATIONS[activation];
}
