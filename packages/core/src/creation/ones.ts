import type { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import type { CreationOptions } from './creation-options.js';
import { full } from './full.js';

/**
 * A tensor of ones.
 * @category Creation
 *
 * @example
 * ```ts
 * ones([2, 3]).toArray(); // [[1, 1, 1], [1, 1, 1]]
 * const gamma = ones([1, 64], { requiresGrad: true }); // a batch-norm scale starts at 1
 * ```
 */
export function ones(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * A tensor of ones with the shape and dtype of `like` (dtype overridable).
 * @category Creation
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
 * onesLike(x).toArray(); // [[1, 1], [1, 1]]
 * onesLike(x).dtype; // 'float64'
 * ```
 */
export function onesLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return full(like.shape, 1, { dtype: like.dtype, ...options });
}
