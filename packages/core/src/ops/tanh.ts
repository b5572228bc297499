import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise hyperbolic tangent. Derivative `1 − tanh²(x)`.
 * @category Ops/Element-wise
 */
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', 'tanh', x, 0, 0, (gradOutput, input, output) =>
    mul(gradOutput, unaryKernel('tanhGrad', output)),
  );
}
