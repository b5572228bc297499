import type { Tensor } from '../tensor/tensor.js';
import { mean } from './mean.js';
import { square } from './square.js';
import { sub } from './sub.js';

/**
 * Population variance over `axis` (one axis, a list, or all when omitted):
 * `mean((x − mean(x))²)`, dividing by n — the (1/m) variance of the course and of batch
 * normalisation. (PyTorch's `var` divides by n − 1 by default.) Available as the method
 * `x.var()`.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * variance(tensor([1, 2, 3, 4])).item(); // 1.25 (divides by n; PyTorch's var gives 1.6667)
 * tensor([[1, 3], [2, 6]]).var(0).toArray(); // [0.25, 2.25]
 * ```
 */
export function variance(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  return mean(square(sub(x, mean(x, axis, true))), axis, keepDims);
}
