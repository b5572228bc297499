import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * Element-wise clamp of `x` to `[low, high]`.
 *
 * The gradient passes where `low ≤ x ≤ high` and is 0 where the value was clamped.
 *
 * @throws {@link ConfigError} when `low > high` or either bound is NaN.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * const x = tensor([-2, 0.5, 3], { requiresGrad: true });
 * clip(x, 0, 1).toArray(); // [0, 0.5, 1]
 * clip(x, 0, 1).sum().backward();
 * x.grad!.toArray(); // [0, 1, 0]
 * ```
 */
export function clip(x: Tensor, low: number, high: number): Tensor {
  if (Number.isNaN(low) || Number.isNaN(high) || low > high) {
    throw new ConfigError(`clip: expected low ≤ high, got low = ${low}, high = ${high}.`);
  }
  return unaryOp('clip', 'clip', x, { min: low, max: high }, (gradOutput, input) =>
    mul(gradOutput, unaryKernel('clipGrad', input, { min: low, max: high })),
  );
}
