import type { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';

/**
 * A tensor of zeros.
 * @category Creation
 * @example
 * ```ts
 * const bias = zeros([1, 128], { requiresGrad: true });
 * ```
 */
export function zeros(shape: Shape, options: CreationOptions = {}): Tensor {
  const { storage } = allocateFor('zeros', shape, options);
  return finish(storage, shape, options);
}

/**
 * A tensor of zeros with the shape and dtype of `like` (dtype overridable).
 * @category Creation
 *
 * @example
 * ```ts
 * const weight = randn([784, 128], { dtype: 'float64' });
 * const velocity = zerosLike(weight); // float64 [784, 128], like the weight
 * zerosLike(tensor([[1, 2]]), { dtype: 'float64' }).toArray(); // [[0, 0]]
 * ```
 */
export function zerosLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return zeros(like.shape, { dtype: like.dtype, ...options });
}
