import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';
import { unbroadcast } from './internal/unbroadcast.js';

/**
 * Element-wise sum `a + b`, with NumPy broadcasting.
 *
 * Either operand may be a number, which acts as a scalar of the other operand's dtype.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).toArray(); // [[11, 22], [13, 24]]
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('add', 'add', a, b, (gradOutput, left, right) => [
    left.requiresGrad ? unbroadcast(gradOutput, left.shape) : null,
    right.requiresGrad ? unbroadcast(gradOutput, right.shape) : null,
  ]);
}
