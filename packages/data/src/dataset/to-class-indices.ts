import { DataFormatError, ShapeError, zeros, type Tensor, formatShape } from '@deeptune/core';
import { assertTensor } from '../internal/assert-tensor.js';

/**
 * Turns one-hot rows `[m, k]` back into class indices `[m]`.
 *
 * Each row must be exactly one-hot (one 1, every other entry 0); anything else throws
 * instead of being guessed at. For scores or probabilities use `argmax(x, 1)` from
 * `@deeptune/core`. The result has the dtype of the input. The inverse of {@link oneHot}.
 *
 * @param oneHotRows - one-hot rows, `[m, k]` with k ≥ 1.
 * @returns a new `[m]` tensor of class indices.
 * @throws {@link @deeptune/core!ShapeError} when the input is not `[m, k]` with k ≥ 1.
 * @throws {@link @deeptune/core!DataFormatError} when a row is not one-hot, naming the row.
 * @category Datasets
 *
 * @example
 * ```ts
 * toClassIndices(tensor([[0, 0, 1], [1, 0, 0]])).toArray(); // [2, 0]
 * ```
 */
export function toClassIndices(oneHotRows: Tensor): Tensor {
  const where = 'toClassIndices';
  assertTensor(where, 'oneHot', oneHotRows);
  if (oneHotRows.rank !== 2 || oneHotRows.shape[1]! < 1) {
    throw new ShapeError(
      `${where}: expected one-hot rows of shape [m, k] with k >= 1, got ${formatShape(oneHotRows.shape)}.`,
    );
  }
  const [m, k] = oneHotRows.shape as [number, number];
  const data = oneHotRows.data;
  const result = zeros([m], { dtype: oneHotRows.dtype });
  const out = result.data;
  for (let i = 0; i < m; i++) {
    let hot = -1;
    for (let j = 0; j < k; j++) {
      const value = data[i * k + j]!;
      if (value === 1 && hot === -1) hot = j;
      else if (value !== 0) {
        throw new DataFormatError(
          `${where}: row ${i} is not one-hot (column ${j} is ${value}); expected exactly one 1 and zeros elsewhere. ` +
            'Hint: for scores or probabilities use argmax(x, 1).',
        );
      }
    }
    if (hot === -1) {
      throw new DataFormatError(`${where}: row ${i} is all zeros; expected exactly one 1 per row.`);
    }
    out[i] = hot;
  }
  return result;
}
