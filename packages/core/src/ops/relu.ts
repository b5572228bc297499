import type { Tensor } from '../tensor/tensor.js';
import { unaryOp, unaryKernel } from './internal/unary-op.js';
import { mul } from './mul.js';

/**
 * Element-wise rectified linear unit `max(x, 0)`. Its gradient is 1 where `x > 0` and 0 elsewhere (0 at 0, as in PyTorch).
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * const z = tensor([-1, 0, 2], { requiresGrad: true });
 * relu(z).toArray(); // [0, 0, 2]
 * relu(z).sum().backward();
 * z.grad!.toArray(); // [0, 0, 1]
 * ```
 */
export function relu(x: Tensor): Tensor {
  return unaryOp('relu', 'relu', x, {}, (gradOutput, input) =>
    mul(gradOutput, unaryKernel('step', input, {})),
  );
}
