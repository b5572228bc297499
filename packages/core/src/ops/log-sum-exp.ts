import { Tensor } from '../tensor/tensor.js';
import { add } from './add.js';
import { exp } from './exp.js';
import { log } from './log.js';
import { max } from './max.js';
import { reshape } from './reshape.js';
import { sub } from './sub.js';
import { sum } from './sum.js';
import { assertTensor } from './internal/operands.js';
import { normalizeAxes } from '../tensor/shape.js';

/**
 * `log Σ exp(x)` over `axis` (one axis, a list, or all when omitted), computed stably as
 * `m + log Σ exp(x − m)` with `m` the maximum, so logits like 1000 do not overflow.
 *
 * Its gradient is the softmax of `x` over the same axes.
 *
 * @param keepDims - keep each reduced axis as size 1.
 * @defaultValue keepDims = false
 * @throws {@link ShapeError} when an axis is out of range or repeated.
 * @category Ops/Reduction
 *
 * @example
 * ```ts
 * logSumExp(tensor([1000, 1000], { dtype: 'float64' })).item(); // ≈ 1000.6931 (no overflow)
 * logSumExp(tensor([[0, 0], [1, 1]], { dtype: 'float64' }), 1).toArray(); // ≈ [0.6931, 1.6931]
 * ```
 */
export function logSumExp(x: Tensor, axis?: number | readonly number[], keepDims = false): Tensor {
  assertTensor('logSumExp', 'x', x);
  const axes = normalizeAxes('logSumExp', axis, x.rank);
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const shape = keepDims ? keptShape : x.shape.filter((_, i) => !axes.includes(i));
  // The shift m is a constant for autograd (its contributions cancel exactly). A non-finite
  // maximum (all −∞, or +∞) is replaced by 0 so that x − m stays meaningful, as in PyTorch.
  const shift = max(x.detach(), axes, true).data;
  for (let i = 0; i < shift.length; i++) if (!Number.isFinite(shift[i]!)) shift[i] = 0;
  const m = new Tensor(shift, keptShape);
  const result = add(log(sum(exp(sub(x, m)), axes, true)), m);
  return reshape(result, shape);
}
