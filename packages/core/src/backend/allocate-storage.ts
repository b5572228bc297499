import { ShapeError } from '../errors/shape-error.js';
import type { DType, Storage } from '../tensor/dtype.js';
import { checkedSize, describeBytes, formatShape, type Shape } from '../tensor/shape.js';
import { allocateWithBackend } from './default-backend.js';

/** The engine's `RangeError` behind a failed allocation, directly or as a backend error's cause. */
function engineAllocationError(error: unknown): RangeError | undefined {
  if (error instanceof RangeError) return error;
  if (ShapeError.isInstance(error) && error.cause instanceof RangeError) return error.cause;
  return undefined;
}

/**
 * Allocates zeroed storage for a tensor of `shape` and `dtype` through the active backend,
 * for the op `where`: the element count is checked first (without silent overflow, against
 * `MAX_TENSOR_ELEMENTS`), and an engine that cannot allocate the array (`RangeError: Array
 * buffer allocation failed`) becomes a {@link ShapeError} naming the op, the shape and the
 * bytes requested.
 *
 * @param where - the op, for messages (e.g. `'zeros'`).
 * @param dtype - a validated dtype.
 * @param shape - a validated shape (see `assertShape`).
 * @returns the backend's zero-filled storage.
 * @throws {@link ShapeError} when the tensor is too large or cannot be allocated.
 * @internal
 */
export function allocateStorage(where: string, dtype: DType, shape: Shape): Storage {
  const size = checkedSize(where, shape, dtype);
  try {
    return allocateWithBackend(dtype, size);
  } catch (error) {
    const engineError = engineAllocationError(error);
    if (engineError === undefined) throw error;
    throw new ShapeError(
      `${where}: allocating shape ${formatShape(shape)} of ${dtype} (${size} elements, ${describeBytes(size, dtype)}) failed: ${engineError.message}. ` +
        'Hint: the machine is out of memory for a tensor this large; use a smaller shape (fewer units per layer, fewer features, a smaller batch).',
      { cause: engineError },
    );
  }
}
