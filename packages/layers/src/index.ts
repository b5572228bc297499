/**
 * Layers for deeptune: the `Module` base and `Sequential`, the `Dense` and `Activation`
 * layers, activations by name, losses (softmax and binary cross-entropy from logits, binary
 * cross-entropy on probabilities, mean squared error), weight initializers (He, Xavier,
 * Glorot, LeCun) and a diagnostic for vanishing and exploding signals in deep networks.
 *
 * ```ts
 * import { Rng, randn, tensor } from '@deeptune/core';
 * import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
 *
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, activation: 'relu', rng }), // He normal
 *   new Dense({ inputs: 128, units: 10, rng }), // logits, Xavier normal
 * ]);
 * const images = randn([32, 784], { rng });
 * const labels = tensor(Array.from({ length: 32 }, (_, i) => i % 10));
 * const loss = softmaxCrossEntropy(model.forward(images), labels);
 * loss.backward();
 * console.log(model.summary([784]));
 * ```
 *
 * @packageDocumentation
 */

// Modules
export { Module } from './module/module.js';
export type { NamedBuffer } from './module/module.js';
export { Sequential } from './module/sequential.js';

// Layers
export { Dense } from './layers/dense.js';
export type { DenseOptions } from './layers/dense-options.js';
export { Activation } from './layers/activation.js';
export { activationLayer } from './layers/activation-layer.js';
export type {
  ActivationLayerFactoryOptions,
  ActivationLayerOptions,
} from './layers/activation-layer-options.js';

// Activations
export { ACTIVATION_NAMES, isActivationName } from './activations/activation-name.js';
export type { ActivationName } from './activations/activation-name.js';
export type { ActivationId } from './activations/activation-id.js';
export type { ActivationOptions } from './activations/activation-options.js';
export type { ActivationFunction } from './activations/activation-function.js';
export { resolveActivation } from './activations/resolve-activation.js';
export { leakyReluActivation } from './activations/leaky-relu-activation.js';
export type { ResolveActivationOptions } from './activations/resolve-activation.js';

// Losses
export { softmaxCrossEntropy } from './losses/softmax-cross-entropy.js';
export { binaryCrossEntropy } from './losses/binary-cross-entropy.js';
export { binaryCrossEntropyFromProbabilities } from './losses/binary-cross-entropy-from-probabilities.js';
export { meanSquaredError } from './losses/mean-squared-error.js';

// Initializers
export { heNormal, heUniform } from './initializers/he.js';
export { xavierNormal, xavierUniform } from './initializers/xavier.js';
export { glorotNormal, glorotUniform } from './initializers/glorot.js';
export { lecunNormal, lecunUniform } from './initializers/lecun.js';
export { zerosInitializer } from './initializers/zeros-initializer.js';
export { constantInitializer } from './initializers/constant-initializer.js';
export type { ConstantInitializerOptions } from './initializers/constant-initializer.js';
export { INITIALIZER_NAMES, isInitializerName } from './initializers/initializer-name.js';
export type { InitializerName } from './initializers/initializer-name.js';
export { resolveInitializer } from './initializers/resolve-initializer.js';
export { defaultInitializerFor } from './initializers/default-initializer.js';

// Diagnostics
export { diagnoseSignalPropagation } from './diagnostics/signal-propagation.js';
export type {
  LayerSignal,
  SignalPropagationOptions,
  SignalPropagationReport,
  SignalVerdict,
} from './diagnostics/signal-propagation.js';
export { formatSignalPropagationReport } from './diagnostics/format-signal-propagation-report.js';

// This package's plugins
export { plugin, register } from './plugin.js';
