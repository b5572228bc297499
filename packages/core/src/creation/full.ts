import type { Tensor } from '../tensor/tensor.js';
import type { Shape } from '../tensor/shape.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';

/**
 * A tensor with every element equal to `value`.
 * @category Creation
 *
 * @example
 * ```ts
 * full([2, 2], 0.5).toArray(); // [[0.5, 0.5], [0.5, 0.5]]
 * ```
 */
export function full(shape: Shape, value: number, options: CreationOptions = {}): Tensor {
  const { storage } = allocateFor('full', shape, options);
  storage.fill(value);
  return finish(storage, shape, options);
}

/**
 * A tensor with the shape and dtype of `like` (dtype overridable), filled with `value`.
 * @category Creation
 *
 * @example
 * ```ts
 * const logits = tensor([[2, -1, 0.5]], { dtype: 'float64' });
 * fullLike(logits, 1 / 3).toArray(); // [[0.3333, 0.3333, 0.3333]] (≈), float64 like logits
 * ```
 */
export function fullLike(like: Tensor, value: number, options: CreationOptions = {}): Tensor {
  return full(like.shape, value, { dtype: like.dtype, ...options });
}
