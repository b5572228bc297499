import type { Tensor } from '../tensor/tensor.js';
import { normalizeAxes } from '../tensor/shape.js';
import { assertTensor } from './internal/operands.js';
import { mul } from './mul.js';
import { sum } from './sum.js';

/**
 * Arithmetic mean over `axis` (one axis, a list, or all when omitted).
 *
 * The mean of an empty set is NaN (0 / 0), as in NumPy.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * mean(tensor([[1, 2], [3, 4]])).item(); // 2.5
 * mean(tensor([[1, 2], [3, 4]]), 1, true).toArray(); // [[1.5], [3.5]]
 * ```
 */
export function mean(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  assertTensor('mean', 'x', x);
  const axes = normalizeAxes('mean', axis, x.rank);
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  return mul(sum(x, axes, keepDims), 1 / count);
}
