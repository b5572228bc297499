import type { Tensor } from '../tensor/tensor.js';
import { unaryOp } from './internal/unary-op.js';

/**
 * Element-wise negation `−x`.
 * @category Ops/Element-wise
 *
 * @example
 * ```ts
 * neg(tensor([1, -2.5])).toArray(); // [-1, 2.5]
 * ```
 */
export function neg(x: Tensor): Tensor {
  return unaryOp('neg', 'neg', x, {}, (gradOutput) => neg(gradOutput));
}
