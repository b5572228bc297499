import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise square `x²`. Derivative `2x`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * square(tensor([-3, 0.5])).toArray(); // [9, 0.25]
 * ```
 */
export function square(x: Tensor): Tensor {
  return unaryOp('square', 'square', x, {}, (gradOutput, input) => mul(gradOutput, mul(input, 2)));
}
