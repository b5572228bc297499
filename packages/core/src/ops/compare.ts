import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';

/**
 * Element-wise `a == b` as 1 (true) or 0 (false) in the operands' dtype, with broadcasting.
 * Comparisons are not differentiable: their results never require gradients.
 * @category Ops/Comparison
 */
export function equal(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('equal', 'equal', a, b, null);
}

/** Element-wise `a != b` as 1 or 0, with broadcasting. @category Ops/Comparison */
export function notEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('notEqual', 'notEqual', a, b, null);
}

/** Element-wise `a < b` as 1 or 0, with broadcasting. @category Ops/Comparison */
export function less(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('less', 'less', a, b, null);
}

/** Element-wise `a <= b` as 1 or 0, with broadcasting. @category Ops/Comparison */
export function lessEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('lessEqual', 'lessEqual', a, b, null);
}

/** Element-wise `a > b` as 1 or 0, with broadcasting. @category Ops/Comparison */
export function greater(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greater', 'greater', a, b, null);
}

/** Element-wise `a >= b` as 1 or 0, with broadcasting. @category Ops/Comparison */
export function greaterEqual(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('greaterEqual', 'greaterEqual', a, b, null);
}
