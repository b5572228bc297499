import { InvalidHyperparameterError, full } from '@deeptune/core';
import type { Initializer, InitializerContext, Tensor } from '@deeptune/core';

/**
 * An initializer that fills every element with `value`, e.g. a small positive bias such
 * as 0.01 so that ReLU units start active.
 *
 * Registered as the `'constant'` initializer plugin with a required `value` option.
 *
 * @param value - the fill value; any finite number.
 * @returns the initializer.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `value` is not a finite number.
 * @category Initializers
 *
 * @example
 * ```ts
 * const dense = new Dense({ inputs: 3, units: 2, initializer: constantInitializer(0.5) });
 * ```
 */
export function constantInitializer(value: number): Initializer {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidHyperparameterError(
      `constantInitializer: value must be a finite number, got ${String(value)}.`,
    );
  }
  return (shape: readonly number[], context: InitializerContext): Tensor =>
    full(shape, value, { dtype: context.dtype });
}
