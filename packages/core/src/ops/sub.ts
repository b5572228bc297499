import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';
import { unbroadcast } from './internal/unbroadcast.js';
import { neg } from './neg.js';

/**
 * Element-wise difference `a − b`, with NumPy broadcasting.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * sub(tensor([[5, 7], [9, 11]]), tensor([1, 2])).toArray(); // [[4, 5], [8, 9]]
 * sub(1, tensor([0.25, 0.75])).toArray(); // [0.75, 0.25]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('sub', 'sub', a, b, (gradOutput, left, right) => [
    left.requiresGrad ? unbroadcast(gradOutput, left.shape) : null,
    right.requiresGrad ? unbroadcast(neg(gradOutput), right.shape) : null,
  ]);
}
