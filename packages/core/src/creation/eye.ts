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
 *
 * @example
 * ```ts
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * eye(2, 3).toArray(); // [[1, 0, 0], [0, 1, 0]]
 * const x = tensor([[1], [2], [3]], { dtype: 'float64' });
 * eye(3, 3, { dtype: 'float64' }).matmul(x).toArray(); // [[1], [2], [3]]
 * ```
 */
export function eye(n: number, columns = n, options: CreationOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(columns) || columns < 0) {
    throw new ConfigError(`eye: sizes must be non-negative integers, got ${n} × ${columns}.`);
  }
  const { storage } = allocateFor('eye', [n, columns], options);
  for (let i = 0; i < Math.min(n, columns); i++) storage[i * columns + i] = 1;
  return finish(storage, [n, columns], options);
}
