import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';

/**
 * Element-wise `a == b` as 1 (true) or 0 (false) in the operands' dtype, with broadcasting.
 * Comparisons are not differentiable: their results never require gradients.
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * const predicted = argmax(tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]), 1); // [1, 0, 1]
 * equal(predicted, tensor([1, 0, 0])).toArray(); // [1, 1, 0]
 * equal(predicted, tensor([1, 0, 0])).mean().item(); // ≈ 0.6667, the accuracy
 * ```
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('equal', 'equal', a, b, null);
}

/**
 * Element-wise `a != b` as 1 or 0, with broadcasting.
 *
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * notEqual(tensor([1, 2, 3]), 2).toArray(); // [1, 0, 1]
 * ```
 */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('notEqual', 'notEqual', a, b, null);
}

/**
 * Element-wise `a < b` as 1 or 0, with broadcasting.
 *
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * less(tensor([1, 2, 3]), 2).toArray(); // [1, 0, 0]
 * ```
 */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('less', 'less', a, b, null);
}

/**
 * Element-wise `a <= b` as 1 or 0, with broadcasting.
 *
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * lessEqual(tensor([1, 2, 3]), 2).toArray(); // [1, 1, 0]
 * ```
 */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('lessEqual', 'lessEqual', a, b, null);
}

/**
 * Element-wise `a > b` as 1 or 0, with broadcasting.
 *
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * greater(tensor([[-1, 2], [3, -4]]), 0).toArray(); // [[0, 1], [1, 0]]
 * ```
 */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greater', 'greater', a, b, null);
}

/**
 * Element-wise `a >= b` as 1 or 0, with broadcasting.
 *
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * greaterEqual(tensor([1, 2, 3]), 2).toArray(); // [0, 1, 1]
 * ```
 */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greaterEqual', 'greaterEqual', a, b, null);
}
