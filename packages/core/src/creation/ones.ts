import type { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import type { CreationOptions } from './creation-options.js';
import { full } from './full.js';

/**
 * A tensor of ones.
 * @category Creation
 */
export function ones(shape: Shape, options: CreationOptions = {}): Tensor {
  return full(shape, 1, options);
}

/**
 * A tensor of ones with the shape and dtype of `like` (dtype overridable).
 * @category Creation
 */
export function onesLike(like: Tensor, options: CreationOptions = {}): Tensor {
  return full(like.shape, 1, { dtype: like.dtype, ...options });
}
