import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { div } from './div.js';
import { mul } from './mul.js';

/**
 * Element-wise square root. Derivative `1 / (2√x)`.
 * @category Ops/Element-wise
 */
export function sqrt(x: Tensor): Tensor {
  return unaryOp('sqrt', 'sqrt', x, 0, 0, (gradOutput, input, output) =>
    div(mul(gradOutput, 0.5), output),
  );
}
