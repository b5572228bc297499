import { Tensor } from '../tensor/tensor.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { runKernel } from '../backend/default-backend.js';
import { unaryOp } from './internal/unary-op.js';

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
  return unaryOp('relu', 'relu', x, {}, (gradOutput, input) => {
    const gradient = allocateStorage('relu', input.dtype, input.shape);
    runKernel('reluBackward', { x: input.data, dy: gradOutput.data, out: gradient });
    return new Tensor(gradient, input.shape);
  });
}
