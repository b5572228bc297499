import type { Tensor } from '../tensor/tensor.js';
import { assertTensor } from './internal/operands.js';

/**
 * A tensor that shares `x`'s storage but is outside the autograd graph: no gradient flows
 * through it. Same as `x.detach()`.
 * @category Ops/Shape
 */
export function detach(x: Tensor): Tensor {
  assertTensor('detach', 'x', x);
  return x.detach();
}
