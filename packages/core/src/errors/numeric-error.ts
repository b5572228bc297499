import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a value that must be finite is NaN or infinite.
 *
 * Code: `'NUMERIC_ERROR'`.
 *
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ initialLearningRate: 0.1 });
 * try {
 *   plateau.observe(Number.NaN); // a dev cost that diverged
 * } catch (error) {
 *   if (NumericError.isInstance(error)) console.error(error.code); // 'NUMERIC_ERROR'
 * }
 * ```
 */
export class NumericError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'NUMERIC_ERROR';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(NumericError.code, message, options);
    this.name = 'NumericError';
  }

  /** Whether `value` is a {@link NumericError} (works across package copies). */
  static override isInstance(value: unknown): value is NumericError {
    return isThis(value);
  }
}

const isThis = markerCheck<NumericError>(NumericError.code);
