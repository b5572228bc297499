import { ShapeError } from '../errors/shape-error.js';
import type { DType, Storage } from '../tensor/dtype.js';
import { checkedSize, describeBytes, formatShape, type Shape } from '../tensor/shape.js';
import { allocateStateWithBackend, allocateWithBackend } from './default-backend.js';

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
  return allocateChecked(where, dtype, shape, allocateWithBackend);
}

/**
 * Allocates zeroed, long-lived storage of `shape` and `dtype` that the active backend's
 * kernels read or update in place — an optimizer's state, such as Adam's moments, or a
 * layer's parameters — through the
 * backend's `allocateState` (which may place it in the backend's own memory, e.g. WebAssembly
 * memory, so that its kernels need not copy it), else its `allocate`. Checked like
 * every tensor's storage. The result is an ordinary `Float32Array` / `Float64Array`,
 * garbage-collected like any other.
 *
 * @param where - the caller, for messages (e.g. `'adam'`).
 * @param dtype - a validated dtype.
 * @param shape - a validated shape.
 * @returns the backend's zero-filled storage.
 * @throws {@link ShapeError} when the array is too large or cannot be allocated.
 * @example
 * ```ts
 * const m = allocateStateStorage('adam', param.dtype, param.shape); // Adam's first moment
 * ```
 */
export function allocateStateStorage(where: string, dtype: DType, shape: Shape): Storage {
  return allocateChecked(where, dtype, shape, allocateStateWithBackend);
}

function allocateChecked(
  where: string,
  dtype: DType,
  shape: Shape,
  allocate: (dtype: DType, size: number) => Storage,
): Storage {
  const size = checkedSize(where, shape, dtype);
  try {
    return allocate(dtype, size);
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
