import { Tensor } from '../tensor/tensor.js';
import { assertDType, type DType, type Storage } from '../tensor/dtype.js';
import { assertShape, type Shape } from '../tensor/shape.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import type { CreationOptions } from './creation-options.js';

/**
 * Validates creation options and allocates zeroed storage for `shape`, checking its element
 * count first (see `allocateStorage`).
 * @internal
 */
export function allocateFor(
  where: string,
  shape: Shape,
  options: CreationOptions,
): { storage: Storage; dtype: DType } {
  assertShape(where, shape);
  const dtype = options.dtype ?? 'float32';
  assertDType(where, dtype);
  return { storage: allocateStorage(where, dtype, shape), dtype };
}

/**
 * Wraps storage in a tensor and applies `requiresGrad`.
 * @internal
 */
export function finish(storage: Storage, shape: Shape, options: CreationOptions): Tensor {
  const result = new Tensor(storage, shape);
  if (options.requiresGrad === true) result.requiresGrad = true;
  return result;
}
