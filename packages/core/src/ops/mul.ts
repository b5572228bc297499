import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';
import { unbroadcast } from './internal/unbroadcast.js';

/**
 * Element-wise product `a · b` (Hadamard product), with NumPy broadcasting.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * mul(tensor([[1, 2], [3, 4]]), tensor([[10], [100]])).toArray(); // [[10, 20], [300, 400]]
 * mul(tensor([1, 2, 3]), 0.5).toArray(); // [0.5, 1, 1.5]
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('mul', 'mul', a, b, (gradOutput, left, right) => [
    left.requiresGrad ? unbroadcast(mul(gradOutput, right), left.shape) : null,
    right.requiresGrad ? unbroadcast(mul(gradOutput, left), right.shape) : null,
  ]);
}
