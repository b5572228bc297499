import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise exponential `eˣ`. Its derivative is its output.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * exp(tensor([0, 1, 2], { dtype: 'float64' })).toArray(); // ≈ [1, 2.71828, 7.38906]
 * ```
 */
export function exp(x: Tensor): Tensor {
  return unaryOp('exp', 'exp', x, {}, (gradOutput, input, output) => mul(gradOutput, output));
}
