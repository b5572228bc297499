import type { Tensor } from '../tensor/tensor.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { assertDType, type DType } from '../tensor/dtype.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';

/**
 * A copy of `x` converted to `dtype` (float64 → float32 rounds to nearest). The explicit
 * way to combine tensors of different dtypes; gradients are cast back.
 *
 * @throws {@link DTypeError} when `dtype` is not supported.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * const x = tensor([0.1], { dtype: 'float64' });
 * cast(x, 'float32').toArray(); // [0.10000000149011612]
 * add(cast(x, 'float32'), tensor([1])).dtype; // 'float32' (add(x, tensor([1])) throws a DTypeError)
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  assertTensor('cast', 'x', x);
  assertDType('cast', dtype);
  const storage = allocateStorage('cast', dtype, x.shape);
  storage.set(x.data);
  return record('cast', storage, x.shape, [x], (gradOutput) => [cast(gradOutput, x.dtype)]);
}
