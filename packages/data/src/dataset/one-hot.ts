import {
  ShapeError,
  option,
  validateOptions,
  zeros,
  type Tensor,
  formatShape,
} from '@deeptune/core';
import { assertTensor } from '../internal/assert-tensor.js';
import { checkClassIndices } from '../internal/class-indices.js';

/** The schema of `oneHot`'s `classes` argument. */
const oneHotSchema = {
  classes: option.number({ integer: true, min: 1, description: 'The number of classes.' }),
};

/**
 * Turns class indices `[m]` into one-hot rows `[m, classes]`.
 *
 * Row `i` is all zeros except a 1 in column `labels[i]`. The result has the dtype of
 * `labels`. The inverse is {@link toClassIndices}.
 *
 * @param labels - class indices, `[m]`, integers in `[0, classes)`.
 * @param classes - the number of classes; an integer ≥ 1.
 * @returns a new `[m, classes]` tensor.
 * @throws {@link @deeptune/core!ShapeError} when `labels` is not rank 1.
 * @throws {@link @deeptune/core!DataFormatError} when a label is not an integer in `[0, classes)`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `classes` is not an integer ≥ 1
 *   (`oneHot: option 'classes' must be an integer >= 1, got 0`).
 * @throws {@link @deeptune/core!ConfigError} when `classes` is not a number.
 * @category Datasets
 *
 * @example
 * ```ts
 * oneHot(tensor([2, 0]), 3).toArray(); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function oneHot(labels: Tensor, classes: number): Tensor {
  const where = 'oneHot';
  assertTensor(where, 'labels', labels);
  validateOptions(where, oneHotSchema, { classes });
  if (labels.rank !== 1) {
    throw new ShapeError(
      `${where}: labels must be class indices of shape [m], got ${formatShape(labels.shape)}.`,
    );
  }
  checkClassIndices(where, 'labels', labels, classes);
  const m = labels.shape[0]!;
  const result = zeros([m, classes], { dtype: labels.dtype });
  const out = result.data;
  const source = labels.data;
  for (let i = 0; i < m; i++) out[i * classes + source[i]!] = 1;
  return result;
}
