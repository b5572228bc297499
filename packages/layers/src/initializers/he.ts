import type { InitializerContext, Tensor } from '@deeptune/core';
import { checkContext, normalWithVariance, uniformWithVariance } from './scaled-sample.js';

/**
 * He normal initialization: weights drawn from N(0, 2/nIn), the default for ReLU layers.
 *
 * With ReLU, half of the pre-activations are zeroed, so keeping Var(z) the same from
 * layer to layer needs `nIn · Var(w) · ½ = 1`, i.e. `Var(w) = 2/nIn` (the course's
 * `np.random.randn(n, nPrev) * np.sqrt(2 / nPrev)`). Keras calls it `he_normal` (there a
 * truncated normal), PyTorch `kaiming_normal_` (a plain normal, as here).
 *
 * ```text
 * W ~ N(0, σ²),  σ² = 2 / fanIn
 * ```
 *
 * @param shape - the shape of the tensor to create, e.g. `[nIn, nOut]`.
 * @param context - dtype, generator, fanIn (nIn) and fanOut (nOut).
 * @returns a new tensor; it does not require gradients (the layer registers it).
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` is not a positive integer or `rng` is missing.
 * @see He et al., "Delving Deep into Rectifiers", 2015, https://arxiv.org/abs/1502.01852
 * @category Initializers
 *
 * @example
 * ```ts
 * const w = heNormal([784, 128], { dtype: 'float32', rng: new Rng(0), fanIn: 784, fanOut: 128 });
 * ```
 */
export function heNormal(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('heNormal', context, false);
  return normalWithVariance(shape, context, 2 / context.fanIn);
}

/**
 * He uniform initialization: weights drawn from U(−√(6/nIn), √(6/nIn)), which has the
 * same variance 2/nIn as {@link heNormal}.
 *
 * ```text
 * W ~ U(−limit, limit),  limit = √(6 / fanIn)   (variance limit²/3 = 2 / fanIn)
 * ```
 *
 * @param shape - the shape of the tensor to create.
 * @param context - dtype, generator, fanIn and fanOut.
 * @returns a new tensor.
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` is not a positive integer or `rng` is missing.
 * @category Initializers
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const w = heUniform([784, 128], { dtype: 'float32', rng, fanIn: 784, fanOut: 128 });
 * w.abs().max().item() <= Math.sqrt(6 / 784); // true: every weight is within ±0.0875
 * // in a layer, by name or as a function:
 * new Dense({ inputs: 784, units: 128, activation: 'relu', initializer: 'he-uniform', rng });
 * ```
 */
export function heUniform(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('heUniform', context, false);
  return uniformWithVariance(shape, context, 2 / context.fanIn);
}
