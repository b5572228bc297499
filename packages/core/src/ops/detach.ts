import type { Tensor } from '../tensor/tensor.js';
import { assertTensor } from './internal/operands.js';

/**
 * A tensor that shares `x`'s storage but is outside the autograd graph: no gradient flows
 * through it. Same as `x.detach()`.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * const w = tensor([3], { requiresGrad: true });
 * mul(w, detach(w)).sum().backward(); // d(w·c)/dw with c = w held constant
 * w.grad!.toArray(); // [3] (not 6: no gradient flows through detach(w))
 * ```
 */
export function detach(x: Tensor): Tensor {
  assertTensor('detach', 'x', x);
  return x.detach();
}
