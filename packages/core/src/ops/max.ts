import type { Tensor } from '../tensor/tensor.js';
import { runReduction } from './internal/reduce-op.js';
import { record } from './internal/record.js';
import { reshape } from './reshape.js';
import { equal } from './compare.js';
import { div } from './div.js';
import { mul } from './mul.js';
import { sum } from './sum.js';

/**
 * The largest element over `axis` (one axis, a list, or all when omitted). NaN propagates.
 *
 * The gradient flows to the element(s) equal to the maximum; ties share it evenly.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 */
export function max(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  const { storage, shape, keptShape, axes } = runReduction('max', 'max', x, axis, keepDims);
  const output: Tensor = record('max', storage, shape, [x], (gradOutput) => {
    const mask = equal(x, reshape(output, keptShape));
    const share = div(reshape(gradOutput, keptShape), sum(mask, axes, true));
    return [mul(mask, share)];
  });
  return output;
}
