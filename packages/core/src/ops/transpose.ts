import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';

/**
 * Permutes the axes of `x`: axis `i` of the result is axis `permutation[i]` of `x`.
 *
 * Without a permutation the axes are reversed (the matrix transpose for rank 2). The
 * result is a copy; to multiply by a transpose, prefer `matmul`'s `transposeA`/`transposeB`.
 *
 * @throws {@link ShapeError} when `permutation` is not a permutation of `0 … rank−1`.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * transpose(tensor([[1, 2, 3], [4, 5, 6]])).toArray(); // [[1, 4], [2, 5], [3, 6]]
 * transpose(zeros([2, 3, 4]), [0, 2, 1]).shape; // [2, 4, 3]
 * ```
 */
export function transpose(x: Tensor, permutation?: readonly number[]): Tensor {
  assertTensor('transpose', 'x', x);
  const rank = x.rank;
  const perm = permutation ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const sorted = [...perm].sort((p, q) => p - q);
  if (perm.length !== rank || sorted.some((axis, i) => axis !== i)) {
    throw new ShapeError(
      `transpose: ${JSON.stringify(perm)} is not a permutation of the ${rank} axes of a tensor of shape [${x.shape.join(', ')}].`,
    );
  }
  const shape = perm.map((axis) => x.shape[axis]!);
  const storage = allocateStorage('transpose', x.dtype, shape);
  runKernel('transpose', { x: x.data, shape: x.shape, permutation: perm, out: storage });
  const inverse = new Array<number>(rank);
  for (let i = 0; i < rank; i++) inverse[perm[i]!] = i;
  return record('transpose', storage, shape, [x], (gradOutput) => [transpose(gradOutput, inverse)]);
}
