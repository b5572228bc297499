import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise logistic sigmoid `σ(x) = 1 / (1 + e⁻ˣ)`, stable for large |x|. Derivative `σ(x)(1 − σ(x))`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * sigmoid(tensor([0, 2, -2], { dtype: 'float64' })).toArray(); // ≈ [0.5, 0.8808, 0.1192]
 * sigmoid(tensor([-1000, 1000])).toArray(); // [0, 1], no overflow
 * ```
 */
export function sigmoid(x: Tensor): Tensor {
  return unaryOp('sigmoid', 'sigmoid', x, {}, (gradOutput, input, output) =>
    mul(gradOutput, unaryKernel('sigmoidGrad', output, {})),
  );
}
