import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { broadcastShapes } from '../tensor/shape.js';
import {
  assertSameDType,
  assertTensor,
  binaryOperands,
  type TensorLike,
} from './internal/operands.js';
import { record } from './internal/record.js';
import { unbroadcast } from './internal/unbroadcast.js';
import { zerosLike } from '../creation/zeros.js';

/**
 * Element-wise choice: `a` where `condition` is non-zero, `b` elsewhere, all broadcast.
 *
 * `condition` (typically the 1/0 result of a comparison) gets no gradient; `a` and `b` get
 * the output gradient where they were chosen.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the dtypes differ.
 * @category Ops/Comparison
 *
 * @example
 * ```ts
 * const x = tensor([-2, 1, 3]);
 * where(greater(x, 0), x, 0).toArray(); // [0, 1, 3] (a ReLU)
 * where(tensor([1, 0]), tensor([10, 20]), tensor([-1, -2])).toArray(); // [10, -2]
 * ```
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  assertTensor('where', 'condition', condition);
  const [left, right] = binaryOperands('where', a, b);
  assertSameDType('where', condition, left, ['condition', 'a']);
  const shape = broadcastShapes(
    'where',
    condition.shape,
    broadcastShapes('where', left.shape, right.shape),
  );
  const storage = allocateStorage('where', left.dtype, shape);
  runKernel('where', {
    condition: condition.data,
    conditionShape: condition.shape,
    a: left.data,
    aShape: left.shape,
    b: right.data,
    bShape: right.shape,
    out: storage,
    outShape: shape,
  });
  return record('where', storage, shape, [condition, left, right], (gradOutput) => {
    const zero = zerosLike(gradOutput);
    return [
      null,
      left.requiresGrad ? unbroadcast(where(condition, gradOutput, zero), left.shape) : null,
      right.requiresGrad ? unbroadcast(where(condition, zero, gradOutput), right.shape) : null,
    ];
  });
}
