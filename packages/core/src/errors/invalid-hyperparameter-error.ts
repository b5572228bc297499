import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a hyperparameter is outside its valid range, e.g. `adam: beta1 must be in [0, 1), got 1.2`.
 *
 * Code: `'INVALID_HYPERPARAMETER'`.
 *
 * @example
 * ```ts
 * try {
 *   adam({ beta1: 1.2 });
 * } catch (error) {
 *   if (InvalidHyperparameterError.isInstance(error)) console.error(error.message);
 *   // optimizer 'adam': option 'beta1' must be in [0, 1), got 1.2
 * }
 * ```
 */
export class InvalidHyperparameterError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'INVALID_HYPERPARAMETER';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(InvalidHyperparameterError.code, message, options);
    this.name = 'InvalidHyperparameterError';
  }

  /** Whether `value` is a {@link InvalidHyperparameterError} (works across package copies). */
  static override isInstance(value: unknown): value is InvalidHyperparameterError {
    return isThis(value);
  }
}

const isThis = markerCheck<InvalidHyperparameterError>(InvalidHyperparameterError.code);
