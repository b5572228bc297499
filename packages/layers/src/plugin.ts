import { definePlugin, definePluginPackage } from '@deeptune/core';
import type { ActivationFunction } from './activations/activation-function.js';
import { ACTIVATION_PLUGINS, type leakyReluPlugin } from './activations/activation-plugins.js';
import {
  constantInitializer,
  constantInitializerSchema,
} from './initializers/constant-initializer.js';
import { glorotNormal, glorotUniform } from './initializers/glorot.js';
import { heNormal, heUniform } from './initializers/he.js';
import { lecunNormal, lecunUniform } from './initializers/lecun.js';
import { xavierNormal, xavierUniform } from './initializers/xavier.js';
import { zerosInitializer } from './initializers/zeros-initializer.js';
import { activationLayer } from './layers/activation-layer.js';
import { activationLayerOptionsSchema } from './layers/activation-layer-options.js';
import { Dense } from './layers/dense.js';
import { denseOptionsSchema } from './layers/dense-options.js';
import { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
import { binaryCrossEntropyFromProbabilities } from './losses/binary-cross-entropy-from-probabilities.js';
import { meanSquaredError } from './losses/mean-squared-error.js';
import { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
import type { Module } from './module/module.js';

declare module '@deeptune/core' {
  interface PluginProducts {
    /** A layer or model: a `Module` from `@deeptune/layers`, e.g. `Dense`. */
    layer: Module;
    /** An activation function `(x: Tensor) => Tensor`, e.g. ReLU. */
    activation: ActivationFunction;
  }

  interface KnownPlugins {
    'layer/dense': typeof densePlugin;
    'layer/activation': typeof activationLayerPlugin;
    'activation/leaky-relu': typeof leakyReluPlugin;
    'initializer/constant': typeof constantPlugin;
  }
}

// Layers

const densePlugin = definePlugin({
  kind: 'layer',
  name: 'dense',
  description: 'Fully connected layer A = g(X·W + b) with He or Xavier initialization.',
  options: denseOptionsSchema,
  // Activation plugins are looked up in the registry creating the layer.
  create: (options, { registry }) => new Dense({ ...options, registry }),
  stateShapes: ({ inputs, units, useBias, dtype }) => ({
    weight: { shape: [inputs, units], dtype },
    ...(useBias ? { bias: { shape: [units], dtype } } : {}),
  }),
});

const activationLayerPlugin = definePlugin({
  kind: 'layer',
  name: 'activation',
  description: 'Parameter-free layer applying an activation (built-in or plugin).',
  options: activationLayerOptionsSchema,
  // The same factory as the public activationLayer(options), with this registry.
  create: (options, { registry }) => activationLayer({ ...options, registry }),
  stateShapes: () => ({}),
});

// Losses

const lossPlugins = [
  definePlugin({
    kind: 'loss',
    name: 'softmax-cross-entropy',
    description: 'Softmax cross-entropy from logits, class indices or one-hot targets.',
    create: () => softmaxCrossEntropy,
  }),
  definePlugin({
    kind: 'loss',
    name: 'binary-cross-entropy',
    description: 'Binary cross-entropy from logits, stable for any logit.',
    create: () => binaryCrossEntropy,
  }),
  definePlugin({
    kind: 'loss',
    name: 'binary-cross-entropy-from-probabilities',
    description: 'Binary cross-entropy on sigmoid outputs in [0, 1], logs floored at −100.',
    create: () => binaryCrossEntropyFromProbabilities,
  }),
  definePlugin({
    kind: 'loss',
    name: 'mean-squared-error',
    description: 'Mean over all elements of (ŷ − y)².',
    create: () => meanSquaredError,
  }),
];

// Initializers

const initializerPlugins = [
  definePlugin({
    kind: 'initializer',
    name: 'he-normal',
    description: 'He normal: N(0, 2/nIn), for ReLU layers.',
    create: () => heNormal,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'he-uniform',
    description: 'He uniform: U(±√(6/nIn)), variance 2/nIn.',
    create: () => heUniform,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'xavier-normal',
    description: 'Xavier normal as in the course: N(0, 1/nIn), for tanh layers.',
    create: () => xavierNormal,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'xavier-uniform',
    description: 'Xavier uniform as in the course: U(±√(3/nIn)), variance 1/nIn.',
    create: () => xavierUniform,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'glorot-normal',
    description: 'Glorot normal: N(0, 2/(nIn + nOut)) (PyTorch xavier_normal_).',
    create: () => glorotNormal,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'glorot-uniform',
    description: 'Glorot uniform: U(±√(6/(nIn + nOut))) (PyTorch xavier_uniform_).',
    create: () => glorotUniform,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'lecun-normal',
    description: 'LeCun normal: N(0, 1/nIn), the same as the course’s Xavier.',
    create: () => lecunNormal,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'lecun-uniform',
    description: 'LeCun uniform: U(±√(3/nIn)), variance 1/nIn.',
    create: () => lecunUniform,
  }),
  definePlugin({
    kind: 'initializer',
    name: 'zeros',
    description: 'All zeros: for biases, never for hidden-layer weights.',
    create: () => zerosInitializer,
  }),
];

const constantPlugin = definePlugin({
  kind: 'initializer',
  name: 'constant',
  description: 'Fills every element with one value.',
  options: constantInitializerSchema,
  create: (options) => constantInitializer(options),
});

/**
 * The plugins of `@deeptune/layers`, declared as data: the `dense` and `activation`
 * layers, the activations `linear`, `relu`, `leaky-relu`, `tanh`, `sigmoid` and `softmax`,
 * the losses `softmax-cross-entropy`, `binary-cross-entropy`,
 * `binary-cross-entropy-from-probabilities` and `mean-squared-error`, and
 * the initializers `he-normal`, `he-uniform`, `xavier-normal`, `xavier-uniform`,
 * `glorot-normal`, `glorot-uniform`, `lecun-normal`, `lecun-uniform`, `zeros` and
 * `constant`.
 *
 * Importing the package registers nothing; a registry adds them with `registry.use(plugin)`
 * or `register(registry)`. Each entry runs the same code as the direct import
 * (`registry.create('layer', 'dense', options)` is `new Dense(options)`).
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * const layer = registry.create('layer', 'dense', { inputs: 4, units: 3, activation: 'relu' });
 * const loss = registry.create('loss', 'softmax-cross-entropy');
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/layers',
  entries: [
    densePlugin,
    activationLayerPlugin,
    ...Object.values(ACTIVATION_PLUGINS),
    ...lossPlugins,
    ...initializerPlugins,
    constantPlugin,
  ],
});

/**
 * Adds the plugins of `@deeptune/layers` to a registry; the same as `registry.use(plugin)`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry);
 * const layer = registry.create('layer', 'dense', { inputs: 784, units: 128, activation: 'relu' });
 * registry.names('loss');
 * // ['binary-cross-entropy', 'binary-cross-entropy-from-probabilities', 'mean-squared-error',
 * //  'softmax-cross-entropy']
 * ```
 */
export const register = plugin.register;
