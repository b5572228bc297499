import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * Element-wise leaky ReLU: `x` where `x > 0`, `alpha · x` elsewhere.
 *
 * @param alpha - the slope for negative inputs; a finite number, typically in (0, 1).
 * @defaultValue alpha = 0.01 (as PyTorch's `negative_slope`)
 * @throws {@link ConfigError} when `alpha` is not finite.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-100, 3])).toArray(); // [-1, 3]
 * leakyRelu(tensor([-2, 3]), 0.25).toArray(); // [-0.5, 3]
 * ```
 */
export function leakyRelu(x: Tensor, alpha = 0.01): Tensor {
  if (!Number.isFinite(alpha)) {
    throw new ConfigError(`leakyRelu: alpha must be a finite number, got ${alpha}.`);
  }
  return unaryOp('leakyRelu', 'leakyRelu', x, { alpha }, (gradOutput, input) =>
    mul(gradOutput, unaryKernel('leakyReluGrad', input, { alpha })),
  );
}
