import type { InitializerContext, Tensor } from '@deeptune/core';
import { checkContext, normalWithVariance, uniformWithVariance } from './scaled-sample.js';

/**
 * Xavier normal initialization as the course defines it: weights drawn from N(0, 1/nIn),
 * the default for tanh, sigmoid, softmax and linear layers.
 *
 * It keeps Var(z) constant through layers whose activation is linear around 0 (tanh):
 * `nIn · Var(w) = 1`. **Naming:** this is what the course calls "Xavier initialization"
 * (`np.sqrt(1 / nPrev)`); Keras calls it `lecun_normal`, and it equals this package's
 * {@link lecunNormal}. PyTorch's `xavier_normal_` and Keras's `glorot_normal` are the
 * fan-average variant 2/(nIn + nOut), here {@link glorotNormal}.
 *
 * ```text
 * W ~ N(0, σ²),  σ² = 1 / fanIn
 * ```
 *
 * @param shape - the shape of the tensor to create, e.g. `[nIn, nOut]`.
 * @param context - dtype, generator, fanIn (nIn) and fanOut (nOut).
 * @returns a new tensor.
 * @throws {@link @deeptune/core!ConfigError} when `fanIn` is not a positive integer or `rng` is missing.
 * @see Glorot and Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010
 * @category Initializers
 *
 * @example
 * ```ts
 * const w = xavierNormal([256, 128], { dtype: 'float64', rng: new Rng(0), fanIn: 256, fanOut: 128 });
 * w.var().item(); // ≈ 0.0039 (1 / 256)
 * new Dense({ inputs: 256, units: 128, activation: 'tanh' }); // uses 'xavier-normal' by default
 * ```
 */
export function xavierNormal(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('xavierNormal', context, false);
  return normalWithVariance(shape, context, 1 / context.fanIn);
}

/**
 * Xavier uniform initialization as the course defines it: U(−√(3/nIn), √(3/nIn)), variance
 * 1/nIn like {@link xavierNormal} (and equal to {@link lecunUniform}).
 *
 * ```text
 * W ~ U(−limit, limit),  limit = √(3 / fanIn)   (variance 1 / fanIn)
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
 * const layer = new Dense({ inputs: 64, units: 10, initializer: 'xavier-uniform', rng: new Rng(0) });
 * ```
 */
export function xavierUniform(shape: readonly number[], context: InitializerContext): Tensor {
  checkContext('xavierUniform', context, false);
  return uniformWithVariance(shape, context, 1 / context.fanIn);
}
