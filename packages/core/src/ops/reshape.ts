import type { Tensor } from '../tensor/tensor.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape, shapeSize, type Shape } from '../tensor/shape.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';

/**
 * The same elements in another shape. One size may be `-1`, inferred from the others.
 *
 * Storage is contiguous, so the result shares it with `x` (no copy).
 *
 * @throws {@link ShapeError} when the sizes do not multiply to `x.size`, or more than one is -1.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * reshape(arange(6), [2, -1]).toArray(); // [[0, 1, 2], [3, 4, 5]]
 * reshape(zeros([64, 28, 28]), [64, -1]).shape; // [64, 784]
 * ```
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  assertTensor('reshape', 'x', x);
  const resolved = resolveShape(x, shape);
  return record('reshape', x.data, resolved, [x], (gradOutput) => [reshape(gradOutput, x.shape)]);
}

function resolveShape(x: Tensor, shape: Shape): number[] {
  const valid = Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= -1);
  const inferred = valid ? shape.filter((d) => d === -1).length : 0;
  if (!valid || inferred > 1) {
    throw new ShapeError(
      `reshape: invalid target shape ${JSON.stringify(shape)}; expected non-negative integers with at most one -1.`,
    );
  }
  const known = shapeSize(shape.filter((d) => d !== -1));
  const resolved = shape.slice();
  if (inferred === 1) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `reshape: cannot infer the -1 in ${formatShape(shape)} for ${x.size} elements (shape ${formatShape(x.shape)}).`,
      );
    }
    resolved[resolved.indexOf(-1)] = x.size / known;
  } else if (known !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) to ${formatShape(shape)} (${known} elements).`,
    );
  }
  return resolved;
}
