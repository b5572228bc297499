import type { InitializerContext, Tensor } from '@deeptune/core';
import { checkContext, normalWithVariance, uniformWithVariance } from './scaled-sample.js';

/**
 * LeCun normal initialization: weights drawn from N(0, 1/nIn), under Keras's name
 * `lecun_normal` (the standard choice for SELU networks).
 *
 * It is the same distribution as the course's "Xavier" ({@link xavierNormal}): the course,
 * Keras and PyTorch disagree on names, not on maths. Course "Xavier" = Keras `lecun_normal`
 * (1/nIn); PyTorch `xavier_normal_` = Keras `glorot_normal` (2/(nIn + nOut)); course "He" =
 * Keras `he_normal` = PyTorch `kaiming_normal_` (2/nIn). Both names exist here so that code
 * ported from either side keeps its meaning.
 *
 * ```text
 * W ~ N(0, σ²),  σ² = 1 / fanIn
 * ```
 *
 * @param shape - the shape of the tensor to create.
 * @param context - dtype, generator, fanIn and fanOut.
 * @returns a new tensor.
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` is not a positive integer or `rng` is missing.
 * @see LeCun et al., "Efficient BackProp", 1998
 * @category Initializers
 *
 * @example
 * ```ts
 * // a layer ported from Keras's kernel_initializer='lecun_normal'
 * const layer = new Dense({ inputs: 64, units: 64, initializer: 'lecun-normal', rng: new Rng(0) });
 * ```
 */
export function lecunNormal(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('lecunNormal', context, false);
  return normalWithVariance(shape, context, 1 / context.fanIn);
}

/**
 * LeCun uniform initialization: U(−√(3/nIn), √(3/nIn)), variance 1/nIn, Keras's
 * `lecun_uniform`; the same distribution as {@link xavierUniform}.
 *
 * ```text
 * W ~ U(−limit, limit),  limit = √(3 / fanIn)
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
 * const w = lecunUniform([64, 32], { dtype: 'float32', rng: new Rng(0), fanIn: 64, fanOut: 32 });
 * w.abs().max().item() <= Math.sqrt(3 / 64); // true
 * ```
 */
export function lecunUniform(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('lecunUniform', context, false);
  return uniformWithVariance(shape, context, 1 / context.fanIn);
}
