import type { Tensor } from '../tensor/tensor.js';
import { argExtremum } from './internal/extremum.js';

/**
 * The index of the smallest element along `axis` (the first one on ties), as whole numbers
 * in `x`'s dtype. Without an axis, the index into the flattened tensor. Not differentiable.
 *
 * @param keepDims - keep the reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when the axis is out of range.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * argmin(tensor([[1, 9, 3], [7, 2, 7]]), 1).toArray(); // [0, 1]
 * ```
 */
export function argmin(x: Tensor, axis?: number, keepDims = false): Tensor {
  return argExtremum('argmin', x, axis, keepDims);
}
