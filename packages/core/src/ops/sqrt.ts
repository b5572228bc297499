import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { div } from './div.js';
import { mul } from './mul.js';

/**
 * Element-wise square root. Derivative `1 / (2√x)`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * sqrt(tensor([4, 9, 2])).toArray(); // ≈ [2, 3, 1.41421]
 * ```
 */
export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', 'sqrt', x, {}, (gradOutput, input, output) =>
    div(mul(gradOutput, 0.5), output),
  );
}
