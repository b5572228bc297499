import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise hyperbolic tangent. Derivative `1 − tanh²(x)`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * tanh(tensor([0, 1, -1], { dtype: 'float64' })).toArray(); // ≈ [0, 0.7616, -0.7616]
 * ```
 */
export function tanh(x: Tensor): Tensor {
  return unaryOp('tanh', 'tanh', x, {}, (gradOutput, input, output) =>
    mul(gradOutput, unaryKernel('tanhGrad', output, {})),
  );
}
