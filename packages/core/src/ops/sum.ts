import type { Tensor } from '../tensor/tensor.js';
import { runReduction } from './internal/reduce-op.js';
import { record } from './internal/record.js';
import { reshape } from './reshape.js';
import { broadcastTo } from './broadcast-to.js';

/**
 * Sum of the elements over `axis` (one axis, a list, or all when omitted).
 *
 * @param keepDims - keep each reduced axis as size 1, so the result broadcasts against `x`.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 * ```
 */
export function sum(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const { storage, shape, keptShape } = runReduction('sum', 'sum', x, axis, keepDims);
  return record('sum', storage, shape, [x], (gradOutput) => [
    broadcastTo(reshape(gradOutput, keptShape), x.shape),
  ]);
}
