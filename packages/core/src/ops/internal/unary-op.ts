import type { Tensor } from '../../tensor/tensor.js';
import type { UnaryKernelKind } from '../../backend/backend.js';
import { getBackend } from '../../backend/default-backend.js';
import { allocateStorage } from '../../backend/allocate-storage.js';
import { assertTensor } from './operands.js';
import { record } from './record.js';

/**
 * Runs an element-wise kernel on one tensor and records `backward` (which gets the output
 * gradient, the input and the output) for autograd.
 * @internal
 */
export function unaryOp(
  op: string,
  kind: UnaryKernelKind,
  x: Tensor,
  parameterA: number,
  parameterB: number,
  backward: (gradOutput: Tensor, input: Tensor, output: Tensor) => Tensor,
): Tensor {
  assertTensor(op, 'x', x);
  const storage = allocateStorage(op, x.dtype, x.shape);
  getBackend().unary(kind, x.data, storage, parameterA, parameterB);
  const output: Tensor = record(op, storage, x.shape, [x], (gradOutput) => [
    backward(gradOutput, x, output),
  ]);
  return output;
}

/**
 * Runs an element-wise kernel that is not differentiated itself (used inside backward
 * rules, e.g. the derivative of `relu`).
 * @internal
 */
export function unaryKernel(
  kind: UnaryKernelKind,
  x: Tensor,
  parameterA = 0,
  parameterB = 0,
): Tensor {
  return unaryOp(kind, kind, x, parameterA, parameterB, () => {
    throw new Error(`unaryKernel '${kind}' is not differentiable`);
  });
}
