import type { DType, Storage } from '../../tensor/dtype.js';

/**
 * Allocates zero-filled storage for `size` elements of `dtype`; see
 * `Backend.allocate`.
 *
 * @param dtype - The element type.
 * @param size - Number of elements (a non-negative integer).
 * @returns A new `Float32Array` or `Float64Array`, garbage-collected like any array.
 * @internal
 */
export function allocate(dtype: DType, size: number): Storage {
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
}
