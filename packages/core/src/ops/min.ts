import type { Tensor } from '../tensor/tensor.js';
import { reduceExtremum } from './internal/extremum.js';

/**
 * The smallest element over `axis` (one axis, a list, or all when omitted). NaN propagates.
 *
 * The gradient flows to the element(s) equal to the minimum; ties share it evenly.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * min(tensor([[1, 9, 3], [7, 2, 7]]), 0).toArray(); // [1, 2, 3]
 * ```
 */
export function min(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  return reduceExtremum('min', x, axis, keepDims);
}
