import { DTypeError, ShapeError, type Tensor, formatShape } from '@deeptune/core';
import { assertTensor } from '../internal/assert-tensor.js';
import { checkClassIndices } from '../internal/class-indices.js';

/**
 * A labelled set of m examples: inputs `X` and targets `Y`, batch-first.
 *
 * `inputs` has shape `[m, …]` (for example `[m, n]` features or `[m, 28, 28]` images) and
 * `targets` either `[m]` (class indices, integers in `[0, classes)`) or `[m, k]` (one-hot
 * rows or real-valued targets). Both have the same dtype. Create one with {@link dataset},
 * which validates this; a `Dataset` is a frozen plain object.
 *
 * The course writes the same data column-wise (`X` is `n × m`); deeptune keeps one example
 * per row.
 *
 * @category Datasets
 */
export interface Dataset {
  /** The inputs `X`: `[m, …]`, one example per row. */
  readonly inputs: Tensor;
  /** The targets `Y`: `[m]` class indices or `[m, k]` one-hot / real-valued rows. */
  readonly targets: Tensor;
  /** The number of examples m (the first dimension of both tensors). */
  readonly size: number;
}

/**
 * Pairs inputs and targets into a {@link Dataset}, checking that they fit together.
 *
 * Checks that `inputs` has rank ≥ 2 (`[m, n]`, `[m, h, w]`, …), that `targets` is `[m]` or
 * `[m, k]` with the same m, that both have the same dtype (nothing is converted: use
 * `cast`), and that `[m]` targets are class indices (integers ≥ 0). The tensors are not
 * copied.
 *
 * @param inputs - the inputs `X`, `[m, …]`.
 * @param targets - the targets `Y`, `[m]` class indices or `[m, k]`.
 * @returns a frozen `{ inputs, targets, size: m }`.
 * @throws {@link @deeptune/core!ShapeError} when the ranks or the first dimensions differ.
 * @throws {@link @deeptune/core!DTypeError} when the dtypes differ.
 * @throws {@link @deeptune/core!DataFormatError} when `[m]` targets are not class indices.
 * @throws {@link @deeptune/core!ConfigError} when an argument is not a tensor.
 * @category Datasets
 *
 * @example
 * ```ts
 * import { tensor } from '@deeptune/core';
 * import { dataset } from '@deeptune/data';
 *
 * const data = dataset(tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), tensor([0, 1, 1, 0]));
 * data.size; // 4
 * ```
 */
export function dataset(inputs: Tensor, targets: Tensor): Dataset {
  const where = 'dataset';
  assertTensor(where, 'inputs', inputs);
  assertTensor(where, 'targets', targets);
  if (inputs.rank < 2) {
    throw new ShapeError(
      `${where}: inputs must have shape [m, …] with rank >= 2, got ${formatShape(inputs.shape)}. ` +
        'Hint: one example per row; reshape [m] features to [m, 1].',
    );
  }
  if (targets.rank !== 1 && targets.rank !== 2) {
    throw new ShapeError(
      `${where}: targets must be [m] class indices or [m, k] rows, got ${formatShape(targets.shape)}.`,
    );
  }
  const size = inputs.shape[0]!;
  if (targets.shape[0] !== size) {
    throw new ShapeError(
      `${where}: inputs ${formatShape(inputs.shape)} and targets ${formatShape(targets.shape)} ` +
        `hold different numbers of examples (${size} ≠ ${targets.shape[0]}); expected the same first dimension m.`,
    );
  }
  if (inputs.dtype !== targets.dtype) {
    throw new DTypeError(
      `${where}: inputs are ${inputs.dtype} but targets are ${targets.dtype}; expected the same dtype. ` +
        `Hint: targets.cast('${inputs.dtype}').`,
    );
  }
  if (targets.rank === 1) checkClassIndices(where, 'targets', targets);
  return Object.freeze({ inputs, targets, size });
}
