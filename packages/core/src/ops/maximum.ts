import type { Tensor } from '../tensor/tensor.js';
import { binaryOp } from './internal/binary-op.js';
import type { TensorLike } from './internal/operands.js';
import { unbroadcast } from './internal/unbroadcast.js';
import { add } from './add.js';
import { mul } from './mul.js';
import { greater, equal } from './compare.js';

/**
 * Element-wise maximum of `a` and `b`, with NumPy broadcasting. NaN propagates.
 *
 * The gradient flows to the larger operand; where the two are equal it is split evenly
 * (half to each), the convention tinygrad and JAX use.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp('maximum', 'maximum', a, b, (gradOutput, left, right) => {
    const ties = mul(equal(left, right), 0.5);
    return [
      left.requiresGrad
        ? unbroadcast(mul(gradOutput, add(greater(left, right), ties)), left.shape)
        : null,
      right.requiresGrad
        ? unbroadcast(mul(gradOutput, add(greater(right, left), ties)), right.shape)
        : null,
    ];
  });
}
