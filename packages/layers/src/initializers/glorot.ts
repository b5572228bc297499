import type { InitializerContext, Tensor } from '@deeptune/core';
import { checkContext, normalWithVariance, uniformWithVariance } from './scaled-sample.js';

/**
 * Glorot normal initialization: weights drawn from N(0, 2/(nIn + nOut)), the compromise
 * between keeping the forward signal (1/nIn) and the backward signal (1/nOut) constant.
 *
 * This is Glorot and Bengio's original "Xavier" variance, which PyTorch's `xavier_normal_`
 * and Keras's `glorot_normal` implement (Keras truncates the normal; here it is plain). The
 * course's "Xavier" uses 1/nIn instead: see {@link xavierNormal}.
 *
 * ```text
 * W ~ N(0, σ²),  σ² = 2 / (fanIn + fanOut)
 * ```
 *
 * @param shape - the shape of the tensor to create, e.g. `[nIn, nOut]`.
 * @param context - dtype, generator, fanIn (nIn) and fanOut (nOut).
 * @returns a new tensor.
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` or `fanOut` is not a positive integer or `rng` is missing.
 * @see Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010
 * @category Initializers
 *
 * @example
 * ```ts
 * const context = { dtype: 'float32', rng: new Rng(0), fanIn: 256, fanOut: 128 } as const;
 * const w = glorotNormal([256, 128], context); // σ² = 2 / (256 + 128)
 * w.var().item(); // ≈ 0.0052
 * new Dense({ inputs: 256, units: 128, activation: 'tanh', initializer: glorotNormal }); // PyTorch's xavier_normal_
 * ```
 */
export function glorotNormal(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('glorotNormal', context, true);
  return normalWithVariance(shape, context, 2 / (context.fanIn + context.fanOut));
}

/**
 * Glorot uniform initialization: U(−√(6/(nIn + nOut)), √(6/(nIn + nOut))), variance
 * 2/(nIn + nOut) like {@link glorotNormal}; PyTorch's `xavier_uniform_` and Keras's default
 * `glorot_uniform`.
 *
 * ```text
 * W ~ U(−limit, limit),  limit = √(6 / (fanIn + fanOut))
 * ```
 *
 * @param shape - the shape of the tensor to create.
 * @param context - dtype, generator, fanIn and fanOut.
 * @returns a new tensor.
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` or `fanOut` is not a positive integer or `rng` is missing.
 * @category Initializers
 *
 * @example
 * ```ts
 * // Keras's default initializer, for a layer ported from Keras
 * const layer = new Dense({ inputs: 256, units: 128, initializer: 'glorot-uniform', rng: new Rng(0) });
 * ```
 */
export function glorotUniform(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('glorotUniform', context, true);
  return uniformWithVariance(shape, context, 2 / (context.fanIn + context.fanOut));
}
