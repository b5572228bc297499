import { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape } from '../tensor/shape.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { isTensor } from '../tensor/is-tensor.js';

/**
 * Selects rows of `x` (entries along axis 0) by index, e.g. to build a shuffled
 * mini-batch. Indices may repeat; their gradients add up.
 *
 * @param indices - integer row indices in `[0, x.shape[0])`, as an array, an `Int32Array`
 *   or a tensor of integer values.
 * @throws {@link ShapeError} when `x` is a scalar or an index is not an integer in range.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4], [5, 6]]);
 * gather(x, [2, 0, 2]).toArray(); // [[5, 6], [1, 2], [5, 6]]
 * ```
 */
export function gather(x: Tensor, indices: Int32Array | readonly number[] | Tensor): Tensor {
  assertTensor('gather', 'x', x);
  if (x.rank === 0) {
    throw new ShapeError('gather: cannot select rows of a scalar; expected a tensor of rank ≥ 1.');
  }
  const rows = x.shape[0]!;
  const values = isTensor(indices) ? indices.data : indices;
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isInteger(value) || value < 0 || value >= rows) {
      throw new ShapeError(
        `gather: index ${value} at position ${i} is out of range for ${formatShape(x.shape)}; expected an integer in [0, ${rows}).`,
      );
    }
    index[i] = value;
  }
  const rowSize = x.size / Math.max(rows, 1);
  const outShape = [index.length, ...x.shape.slice(1)];
  const storage = allocateStorage('gather', x.dtype, outShape);
  runKernel('gatherRows', { x: x.data, rowSize, indices: index, out: storage });
  return record('gather', storage, outShape, [x], (gradOutput) => {
    const full = allocateStorage('gather', gradOutput.dtype, x.shape);
    runKernel('scatterAddRows', { x: gradOutput.data, rowSize, indices: index, out: full });
    return [new Tensor(full, x.shape)];
  });
}
