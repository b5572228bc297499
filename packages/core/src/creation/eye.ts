import type { Tensor } from '../tensor/tensor.js';
import { ConfigError } from '../errors/config-error.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';

/**
 * The `n × columns` identity matrix (ones on the main diagonal).
 *
 * @param columns - defaults to `n` (a square matrix).
 * @throws {@link ConfigError} when a size is not a non-negative integer.
 * @category Creation
 */
export function eye(n: number, columns = n, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(columns) || columns < 0) {
    throw new ConfigError(`eye: sizes must be non-negative integers, got ${n} × ${columns}.`);
  }
  const { storage } = allocateFor('eye', [n, columns], options);
  for (let i = 0; i < Math.min(n, columns); i++) storage[i * columns + i] = 1;
  return finish(storage, [n, columns], options);
}
