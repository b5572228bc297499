import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';
import { unbroadcast } from './internal/unbroadcast.js';
import { mul } from './mul.js';
import { neg } from './neg.js';

/**
 * Element-wise quotient `a / b`, with NumPy broadcasting. Division by zero follows IEEE-754
 * (±Infinity or NaN).
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * div(tensor([[2, 4], [6, 8]]), tensor([2, 4])).toArray(); // [[1, 1], [3, 2]]
 * div(tensor([1, -1, 0]), 0).toArray(); // [Infinity, -Infinity, NaN]
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  // d(a/b)/da = 1/b; d(a/b)/db = −a/b² = −(a/b)/b.
  return binaryOp('div', 'div', a, b, (gradOutput, left, right, output) => [
    left.requiresGrad ? unbroadcast(div(gradOutput, right), left.shape) : null,
    right.requiresGrad ? unbroadcast(neg(div(mul(gradOutput, output), right)), right.shape) : null,
  ]);
}
