import type { Tensor } from '../tensor/tensor.js';
import { reduceExtremum } from './internal/extremum.js';

/**
 * The largest element over `axis` (one axis, a list, or all when omitted). NaN propagates.
 *
 * The gradient flows to the element(s) equal to the maximum; ties share it evenly.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * const x = tensor([[1, 9, 3], [7, 2, 7]]);
 * max(x).item(); // 9
 * max(x, 1).toArray(); // [9, 7]
 * ```
 */
export function max(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  return reduceExtremum('max', x, axis, keepDims);
}
