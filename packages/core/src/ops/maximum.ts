import type { Tensor } from '../tensor/tensor.js';
import type { TensorLike } from './internal/operands.js';
import { elementwiseExtremum } from './internal/extremum.js';

/**
 * Element-wise maximum of `a` and `b`, with NumPy broadcasting. NaN propagates.
 *
 * The gradient flows to the larger operand; where the two are equal it is split evenly
 * (half to each), the convention tinygrad and JAX use.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return elementwiseExtremum('maximum', a, b);
}
