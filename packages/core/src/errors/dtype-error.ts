import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when an operation receives tensors of different dtypes, or a dtype it does not support. Nothing is ever converted silently: use `cast`.
 *
 * Code: `'DTYPE_MISMATCH'`.
 *
 * @example
 * ```ts
 * const a = tensor([1, 2], { dtype: 'float64' });
 * const b = tensor([3, 4]); // float32
 * try {
 *   add(a, b);
 * } catch (error) {
 *   if (DTypeError.isInstance(error)) console.error(error.message);
 *   // add: dtypes differ — a is float64, b is float32. Hint: convert one explicitly, e.g.
 *   // b.cast('float64').
 * }
 * add(a, b.cast('float64')).toArray(); // [4, 6]
 * ```
 */
export class DTypeError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'DTYPE_MISMATCH';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(DTypeError.code, message, options);
    this.name = 'DTypeError';
  }

  /** Whether `value` is a {@link DTypeError} (works across package copies). */
  static override isInstance(value: unknown): value is DTypeError {
    return isThis(value);
  }
}

const isThis = markerCheck<DTypeError>(DTypeError.code);
