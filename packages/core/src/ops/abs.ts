import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise absolute value. Its (sub)gradient is `sign(x)`, 0 at 0.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * abs(tensor([-1.5, 0, 2])).toArray(); // [1.5, 0, 2]
 * ```
 */
export function abs(x: Tensor): Tensor {
  return unaryOp('abs', 'abs', x, {}, (gradOutput, input) =>
    mul(gradOutput, unaryKernel('sign', input, {})),
  );
}
