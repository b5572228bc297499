import { definePlugin, leakyRelu, option, relu, sigmoid, softmax, tanh } from '@deeptune/core';
import type { Tensor } from '@deeptune/core';
import type { ActivationName } from './activation-name.js';

/** The identity, `g(z) = z`: the output layer of a regression, or a "no activation" layer. */
function linear(x: Tensor): Tensor {
  return x;
}

function simple(name: ActivationName, description: string, apply: (x: Tensor) => Tensor) {
  return definePlugin({ kind: 'activation', name, description, create: () => apply });
}

/**
 * The `'leaky-relu'` activation plugin: `g(z) = z` if z > 0, else `alpha·z`, with
 * `alpha` in [0, 1) (0.01 by default).
 * @internal
 */
export const leakyReluPlugin = definePlugin({
  kind: 'activation',
  name: 'leaky-relu',
  description: 'Leaky ReLU g(z) = z if z > 0, else alpha·z.',
  options: {
    alpha: option.number({
      default: 0.01,
      min: 0,
      exclusiveMax: 1,
      description: 'Slope for negative inputs, in [0, 1).',
    }),
  },
  create:
    ({ alpha }) =>
    (x: Tensor) =>
      leakyRelu(x, alpha),
});

/**
 * The built-in activation plugins by name, in {@link ACTIVATION_NAMES} order: what the
 * package's `plugin` registers, and what built-in names resolve to without any registry.
 * @internal
 */
export const ACTIVATION_PLUGINS = Object.freeze({
  linear: simple('linear', 'Identity g(z) = z.', linear),
  relu: simple('relu', 'Rectified linear unit g(z) = max(0, z).', (x) => relu(x)),
  'leaky-relu': leakyReluPlugin,
  tanh: simple('tanh', 'Hyperbolic tangent.', (x) => tanh(x)),
  sigmoid: simple('sigmoid', 'Logistic sigmoid g(z) = 1 / (1 + e^(−z)).', (x) => sigmoid(x)),
  softmax: simple('softmax', 'Softmax over the last axis.', (x) => softmax(x, -1)),
});
