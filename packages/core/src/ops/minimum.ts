import type { Tensor } from '../tensor/tensor.js';
import type { TensorLike } from './internal/operands.js';
import { elementwiseExtremum } from './internal/extremum.js';

/**
 * Element-wise minimum of `a` and `b`, with NumPy broadcasting. NaN propagates.
 *
 * The gradient flows to the smaller operand; where the two are equal it is split evenly
 * (half to each), the convention tinygrad and JAX use.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * minimum(tensor([0.5, 1, 3]), 1).toArray(); // [0.5, 1, 1]
 * minimum(tensor([[1, 5], [7, 2]]), tensor([4, 4])).toArray(); // [[1, 4], [4, 2]]
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return elementwiseExtremum('minimum', a, b);
}
