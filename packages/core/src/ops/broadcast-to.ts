import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { broadcastShapes, formatShape, shapesEqual, type Shape } from '../tensor/shape.js';
import { assertTensor, scalarTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { unbroadcast } from './internal/unbroadcast.js';

/**
 * `x` repeated along broadcast axes to `shape` (NumPy broadcasting rules). The gradient sums
 * over the repeated axes.
 *
 * @throws {@link ShapeError} when `x` cannot be broadcast to `shape`.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2, 3]), [2, 3]).toArray(); // [[1, 2, 3], [1, 2, 3]]
 * broadcastTo(tensor([[1], [2]]), [2, 3]).toArray(); // [[1, 1, 1], [2, 2, 2]]
 * ```
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  assertTensor('broadcastTo', 'x', x);
  if (!shapesEqual(broadcastShapes('broadcastTo', x.shape, shape), shape)) {
    throw new ShapeError(
      `broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}; the target must contain the source's axes.`,
    );
  }
  const storage = allocateStorage('broadcastTo', x.dtype, shape);
  // x · 1 copies exactly (including −0 and NaN) while broadcasting.
  const one = scalarTensor(1, x.dtype, 'broadcastTo');
  runKernel('mul', {
    a: x.data,
    aShape: x.shape,
    b: one.data,
    bShape: one.shape,
    out: storage,
    outShape: shape,
  });
  return record('broadcastTo', storage, shape, [x], (gradOutput) => [
    unbroadcast(gradOutput, x.shape),
  ]);
}
