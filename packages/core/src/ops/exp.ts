import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise exponential `eˣ`. Its derivative is its output.
 * @category Ops/Element-wise
 */
export function exp(x: Tensor): Tensor {
  return unaryOp('exp', 'exp', x, 0, 0, (gradOutput, input, output) => mul(gradOutput, output));
}
