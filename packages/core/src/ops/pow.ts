import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { binaryOp } from './internal/binary-op.js';
import { assertTensor, type TensorLike } from './internal/operands.js';
import { record } from './internal/record.js';
import { unbroadcast } from './internal/unbroadcast.js';
import { mul } from './mul.js';
import { log } from './log.js';
import { sub } from './sub.js';
import { ConfigError } from '../errors/config-error.js';

/**
 * Element-wise power `base ^ exponent`, with NumPy broadcasting (as `Math.pow`).
 *
 * A number exponent uses a faster scalar kernel. The gradient with respect to the exponent
 * is `base^exponent · ln(base)`, which is NaN for negative bases, as in PyTorch.
 *
 * @throws {@link ShapeError} when the shapes cannot be broadcast.
 * @throws {@link DTypeError} when the tensors have different dtypes.
 * @category Ops/Arithmetic
 *
 * @example
 * ```ts
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * pow(2, tensor([0, 1, 10])).toArray(); // [1, 2, 1024]
 * ```
 */
export function pow(base: TensorLike, exponent: TensorLike): Tensor {
  if (typeof exponent === 'number') {
    assertTensor('pow', 'base', base);
    if (!Number.isFinite(exponent)) {
      throw new ConfigError(`pow: the exponent must be a finite number, got ${exponent}.`);
    }
    const storage = allocateStorage('pow', base.dtype, base.shape);
    runKernel('powScalar', { x: base.data, out: storage, exponent });
    return record('pow', storage, base.shape, [base], (gradOutput) => [
      // d(x^p)/dx = p·x^(p−1)
      mul(gradOutput, mul(pow(base, exponent - 1), exponent)),
    ]);
  }
  return binaryOp('pow', 'pow', base, exponent, (gradOutput, left, right, output) => [
    left.requiresGrad
      ? unbroadcast(mul(gradOutput, mul(pow(left, sub(right, 1)), right)), left.shape)
      : null,
    right.requiresGrad ? unbroadcast(mul(gradOutput, mul(output, log(left))), right.shape) : null,
  ]);
}
