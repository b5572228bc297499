import { full, option, validateOptions } from '@deeptune/core';
import type { Initializer, InitializerContext, Tensor } from '@deeptune/core';

/** The `where` of the `constant` initializer plugin, so both paths report options alike. */
const WHERE = "initializer 'constant'";

/**
 * The options schema of the `'constant'` initializer plugin, shared by
 * {@link constantInitializer}.
 * @internal
 */
export const constantInitializerSchema = Object.freeze({
  value: option.number({ description: 'The fill value.' }),
});

/**
 * The options of {@link constantInitializer}.
 *
 * @category Initializers
 */
export interface ConstantInitializerOptions {
  /** The fill value; any finite number. */
  readonly value: number;
}

/**
 * An initializer that fills every element with `value`, e.g. a small positive bias such
 * as 0.01 so that ReLU units start active.
 *
 * The factory of the `'constant'` initializer plugin: `constantInitializer({ value })` and
 * `registry.create('initializer', 'constant', { value })` validate through the same schema
 * and report a bad value in the same words. `constantInitializer(value)` is a shorthand for
 * `constantInitializer({ value })`.
 *
 * @param options - `{ value }`, or the value itself.
 * @returns the initializer.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `value` is NaN or infinite
 *   (`initializer 'constant': option 'value' must be finite, got Infinity`).
 * @throws {@link @deeptune/core!ConfigError} when `value` is missing or not a number, or the
 *   options object has another key.
 * @category Initializers
 *
 * @example
 * ```ts
 * const dense = new Dense({
 *   inputs: 3,
 *   units: 2,
 *   initializer: constantInitializer({ value: 0.5 }),
 * });
 * constantInitializer(0.5); // the same initializer
 * ```
 */
export function constantInitializer(options: ConstantInitializerOptions | number): Initializer {
  const given: unknown =
    typeof options === 'object' && options !== null ? options : { value: options };
  const { value } = validateOptions(WHERE, constantInitializerSchema, given);
  return (shape: readonly number[], context: InitializerContext): Tensor =>
    full(shape, value, { dtype: context.dtype });
}
