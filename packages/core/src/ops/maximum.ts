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
 *
 * @example
 * ```ts
 * maximum(tensor([-2, 0.5, 3]), 0).toArray(); // [0, 0.5, 3]
 * const x = tensor([-1, 0, 2], { requiresGrad: true });
 * maximum(x, 0).sum().backward();
 * x.grad!.toArray(); // [0, 0.5, 1] (the tie at 0 is split)
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return elementwiseExtremum('maximum', a, b);
}
