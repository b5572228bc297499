import type { Tensor } from '../../tensor/tensor.js';
import type { BinaryKernelName } from '../../backend/kernels.js';
import { runKernel } from '../../backend/default-backend.js';
import { allocateStorage } from '../../backend/allocate-storage.js';
import { broadcastShapes } from '../../tensor/shape.js';
import { binaryOperands, type TensorLike } from './operands.js';
import { record } from './record.js';

/**
 * Runs a broadcasting binary kernel and records `backward` for autograd.
 *
 * `backward` receives the output gradient and the output, and returns gradients with the
 * *broadcast* shape (or `null`); they are summed back to each input's shape by the caller
 * through `unbroadcast`.
 * @internal
 */
export function binaryOp(
  op: string,
  kind: BinaryKernelName,
  left: TensorLike,
  right: TensorLike,
  backward:
    | ((gradOutput: Tensor, a: Tensor, b: Tensor, output: Tensor) => readonly (Tensor | null)[])
    | null,
): Tensor {
  const [a, b] = binaryOperands(op, left, right);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const storage = allocateStorage(op, a.dtype, shape);
  runKernel(kind, {
    a: a.data,
    aShape: a.shape,
    b: b.data,
    bShape: b.shape,
    out: storage,
    outShape: shape,
  });
  if (backward === null) return record(op, storage, shape, [], () => []);
  const output: Tensor = record(op, storage, shape, [a, b], (gradOutput) =>
    backward(gradOutput, a, b, output),
  );
  return output;
}
