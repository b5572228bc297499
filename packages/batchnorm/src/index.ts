/**
 * Batch normalization for deeptune: the {@link BatchNorm} layer normalises each feature of
 * a dense layer's output Z over the mini-batch, then scales and shifts it by learnable γ
 * and β. In training it uses the batch mean and variance and keeps running averages of
 * them; in eval it uses those running averages, so single examples work at test time.
 *
 * Build the dense layer before it with `useBias: false` (β does the bias's job) and put
 * the activation after it:
 *
 * ```ts
 * import { Rng, createRegistry } from '@deeptune/core';
 * import { Activation, Dense, Sequential } from '@deeptune/layers';
 * import { BatchNorm, plugin } from '@deeptune/batchnorm';
 *
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, useBias: false, rng }),
 *   new BatchNorm({ features: 128, runningAverageDecay: 0.9 }), // PyTorch momentum 0.1
 *   new Activation('relu'),
 *   new Dense({ inputs: 128, units: 10, rng }),
 * ]);
 *
 * // or by name, e.g. from a config file
 * const registry = createRegistry({ plugins: [plugin] });
 * const batchNorm = registry.create('layer', 'batch-norm', { features: 128 });
 * ```
 *
 * @packageDocumentation
 */
export { BatchNorm } from './batch-norm.js';
export type { BatchNormOptions } from './batch-norm.js';
export { RUNNING_VARIANCES } from './running-variance.js';
export type { RunningVariance } from './running-variance.js';
export { plugin, register } from './plugin.js';
