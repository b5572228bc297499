import { ShapeError } from '../../errors/shape-error.js';
import type { DType, Storage } from '../../tensor/dtype.js';
import { describeBytes, MAX_TENSOR_ELEMENTS } from '../../tensor/shape.js';

/**
 * Allocates zero-filled storage for `size` elements of `dtype`; see
 * `Backend.allocate`.
 *
 * The public creation functions check the element count and name the op and the shape;
 * this check is the backstop for every other caller (an op's output, a plugin's kernel).
 *
 * @param dtype - The element type.
 * @param size - Number of elements (a non-negative integer ≤ `MAX_TENSOR_ELEMENTS`).
 * @returns A new `Float32Array` or `Float64Array`, garbage-collected like any array.
 * @throws {@link ShapeError} when `size` is not an integer in [0, 2^32], or when the engine
 *   cannot allocate the array (the engine's `RangeError` is the `cause`).
 * @internal
 */
export function allocate(dtype: DType, size: number): Storage {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_TENSOR_ELEMENTS) {
    throw new ShapeError(
      `allocate: cannot allocate ${size} elements of ${dtype}` +
        (size > 0 ? ` (${describeBytes(size, dtype)})` : '') +
        `; expected an integer count in [0, ${MAX_TENSOR_ELEMENTS}] (2^32, the typed-array limit of the JavaScript engine). ` +
        'Hint: the shapes of this operation are too large; use smaller ones.',
    );
  }
  try {
    return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ShapeError(
      `allocate: allocating ${size} elements of ${dtype} (${describeBytes(size, dtype)}) failed: ${error.message}. ` +
        'Hint: the machine is out of memory for a tensor this large; use smaller shapes.',
      { cause: error },
    );
  }
}
