import type { Tensor } from '../tensor/tensor.js';
import { ConfigError } from '../errors/config-error.js';
import type { CreationOptions } from './creation-options.js';
import { allocateFor, finish } from './internal.js';

/**
 * The 1-D tensor `[start, start + step, …]` up to but excluding `stop` (as NumPy's
 * `arange`). With one argument, `arange(n)` is `[0, 1, …, n − 1]`.
 *
 * @throws {@link ConfigError} when `step` is 0 or a bound is not finite.
 * @category Creation
 * @example
 * ```ts
 * arange(5).toArray(); // [0, 1, 2, 3, 4]
 * arange(1, 2, 0.25).toArray(); // [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: CreationOptions = {},
): Tensor {
  const from = stop === undefined ? 0 : start;
  const to = stop === undefined ? start : stop;
  if (!Number.isFinite(from) || !Number.isFinite(to) || !Number.isFinite(step) || step === 0) {
    throw new ConfigError(
      `arange: expected finite start and stop and a non-zero finite step, got start ${from}, stop ${to}, step ${step}.`,
    );
  }
  const length = Math.max(0, Math.ceil((to - from) / step));
  const { storage } = allocateFor('arange', [length], options);
  for (let i = 0; i < length; i++) storage[i] = from + i * step;
  return finish(storage, [length], options);
}
