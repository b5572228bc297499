import type { Tensor } from '../../tensor/tensor.js';
import type { KernelSignatures, UnaryKernelName } from '../../backend/kernels.js';
import { runKernel } from '../../backend/default-backend.js';
import { allocateStorage } from '../../backend/allocate-storage.js';
import { assertTensor } from './operands.js';
import { record } from './record.js';

/** The attributes of a one-input kernel: its arguments other than `x` and `out`. */
type UnaryAttributes<N extends UnaryKernelName> = Omit<KernelSignatures[N], 'x' | 'out'>;

/**
 * Runs an element-wise kernel on one tensor and records `backward` (which gets the output
 * gradient, the input and the output) for autograd.
 * @internal
 */
export function unaryOp<N extends UnaryKernelName>(
  op: string,
  kernel: N,
  x: Tensor,
  attributes: UnaryAttributes<N>,
  backward: (gradOutput: Tensor, input: Tensor, output: Tensor) => Tensor,
): Tensor {
  assertTensor(op, 'x', x);
  const storage = allocateStorage(op, x.dtype, x.shape);
  runKernel(kernel, { ...attributes, x: x.data, out: storage } as KernelSignatures[N]);
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
export function unaryKernel<N extends UnaryKernelName>(
  kernel: N,
  x: Tensor,
  attributes: UnaryAttributes<N>,
): Tensor {
  return unaryOp(kernel, kernel, x, attributes, () => {
    throw new Error(`unaryKernel '${kernel}' is not differentiable`);
  });
}
