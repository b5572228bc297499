import { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape } from '../tensor/shape.js';
import { assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';

/**
 * The block of `x` that starts at `begin` and has `size`.
 *
 * `begin` and `size` give one entry per leading axis (missing trailing axes are taken
 * whole); a number is shorthand for the first axis, so `x.slice(10, 32)` takes rows
 * 10 … 41. A size of `-1` runs to the end of its axis. Negative `begin` counts from the end.
 *
 * @throws {@link ShapeError} when the block does not fit inside `x`.
 * @category Ops/Shape
 *
 * @example
 * ```ts
 * const batch = images.slice(128, 64); // rows 128 … 191
 * ```
 */
export function slice(
  x: Tensor,
  begin: number | readonly number[],
  size?: number | readonly number[],
): Tensor {
  assertTensor('slice', 'x', x);
  const begins = typeof begin === 'number' ? [begin] : [...begin];
  const sizes = size === undefined ? [] : typeof size === 'number' ? [size] : [...size];
  if (begins.length > x.rank || sizes.length > begins.length) {
    throw new ShapeError(
      `slice: begin ${JSON.stringify(begin)} and size ${JSON.stringify(size)} have more entries than the ${x.rank} axes of ${formatShape(x.shape)}.`,
    );
  }
  const start = new Array<number>(x.rank);
  const outShape = new Array<number>(x.rank);
  for (let axis = 0; axis < x.rank; axis++) {
    const dim = x.shape[axis]!;
    const rawBegin = begins[axis] ?? 0;
    const from = rawBegin < 0 ? rawBegin + dim : rawBegin;
    const rawSize = sizes[axis] ?? -1;
    const length = rawSize === -1 ? dim - from : rawSize;
    if (
      !Number.isInteger(from) ||
      !Number.isInteger(length) ||
      from < 0 ||
      length < 0 ||
      from + length > dim
    ) {
      throw new ShapeError(
        `slice: axis ${axis} of ${formatShape(x.shape)}: begin ${rawBegin} with size ${rawSize} does not fit in [0, ${dim}).`,
      );
    }
    start[axis] = from;
    outShape[axis] = length;
  }
  const storage = allocateStorage('slice', x.dtype, outShape);
  runKernel('slice', { x: x.data, shape: x.shape, begin: start, out: storage, outShape });
  return record('slice', storage, outShape, [x], (gradOutput) => {
    // The adjoint of a slice: the gradient in the block, zeros elsewhere.
    const full = allocateStorage('slice', gradOutput.dtype, x.shape);
    runKernel('sliceAssign', {
      x: gradOutput.data,
      xShape: gradOutput.shape,
      begin: start,
      out: full,
      outShape: x.shape,
    });
    return [new Tensor(full, x.shape)];
  });
}
