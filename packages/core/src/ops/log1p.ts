import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';
import { add } from './add.js';
import { div } from './div.js';

/**
 * Element-wise `log(1 + x)`, accurate also when x is tiny (`log1p(−1) = −Infinity`, inputs
 * below −1 give NaN). Derivative `1/(1 + x)`.
 *
 * `log(1 + x)` rounds `1 + x` first and so loses x entirely below about 1e-16 (in float64);
 * `log1p` keeps every bit, which is what the stable binary cross-entropy
 * `log1p(e^(−|z|))` needs at large logits. The kernel is the portable fdlibm port
 * {@link portableLog1p}, bit-identical on every JavaScript engine.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * log1p(tensor([0, 1e-20, Math.E - 1], { dtype: 'float64' })).toArray(); // [0, 1e-20, 1]
 * ```
 */
export function log1p(x: Tensor): Tensor {
  return unaryOp('log1p', 'log1p', x, {}, (gradOutput, input) => div(gradOutput, add(input, 1)));
}
