import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise rectified linear unit `max(x, 0)`. Its gradient is 1 where `x > 0` and 0 elsewhere (0 at 0, as in PyTorch).
 * @category Ops/Element-wise
 */
export function relu(x: Tensor): Tensor {
  return unaryOp('relu', 'relu', x, 0, 0, (gradOutput, input) =>
    mul(gradOutput, unaryKernel('step', input)),
  );
}
