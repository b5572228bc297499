import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { div } from './div.js';

/**
 * Element-wise natural logarithm (`log(0) = −Infinity`, negative inputs give NaN). Derivative `1/x`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * log(tensor([1, Math.E, 0], { dtype: 'float64' })).toArray(); // [0, 1, -Infinity]
 * ```
 */
export function log(x: Tensor): Tensor {
  return unaryOp('log', 'log', x, {}, (gradOutput, input) => div(gradOutput, input));
}
