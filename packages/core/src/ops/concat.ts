import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { ConfigError } from '../errors/config-error.js';
import { formatShape, normalizeAxis } from '../tensor/shape.js';
import { assertSameDType, assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { slice } from './slice.js';

/**
 * Joins tensors along an existing axis. All other axes must match.
 *
 * @param axis - the axis to join along (negative counts from the end).
 * @defaultValue axis = 0
 * @throws {@link ShapeError} when the other axes differ.
 * @throws {@link DTypeError} when the dtypes differ.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * concat([tensor([[1, 2]]), tensor([[3, 4], [5, 6]])]).toArray(); // [[1, 2], [3, 4], [5, 6]]
 * concat([ones([2, 1]), zeros([2, 2])], 1).toArray(); // [[1, 0, 0], [1, 0, 0]]
 * ```
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (!Array.isArray(tensors) || tensors.length === 0) {
    throw new ConfigError('concat: expected a non-empty array of tensors.');
  }
  tensors.forEach((t, i) => assertTensor('concat', `tensors[${i}]`, t));
  const first = tensors[0]!;
  const joinAxis = normalizeAxis('concat', axis, first.rank);
  let total = 0;
  tensors.forEach((t, i) => {
    assertSameDType('concat', first, t, ['tensors[0]', `tensors[${i}]`]);
    const matches =
      t.rank === first.rank &&
      t.shape.every((d: number, a: number) => a === joinAxis || d === first.shape[a]);
    if (!matches) {
      throw new ShapeError(
        `concat: tensors[${i}] has shape ${formatShape(t.shape)}, which does not match tensors[0] ${formatShape(first.shape)} outside axis ${joinAxis}.`,
      );
    }
    total += t.shape[joinAxis]!;
  });
  const outShape = first.shape.slice();
  outShape[joinAxis] = total;
  const storage = allocateStorage('concat', first.dtype, outShape);
  const offsets: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    const begin = new Array<number>(first.rank).fill(0);
    begin[joinAxis] = offset;
    offsets.push(offset);
    runKernel('sliceAssign', { x: t.data, xShape: t.shape, begin, out: storage, outShape });
    offset += t.shape[joinAxis]!;
  }
  return record('concat', storage, outShape, tensors, (gradOutput) =>
    tensors.map((t, i) => {
      if (!t.requiresGrad) return null;
      const begin = new Array<number>(first.rank).fill(0);
      begin[joinAxis] = offsets[i]!;
      return slice(gradOutput, begin, t.shape);
    }),
  );
}
