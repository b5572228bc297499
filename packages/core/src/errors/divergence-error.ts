import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when training diverges (the cost becomes NaN or infinite); the message names the step and suggests a lower learning rate.
 *
 * Code: `'DIVERGENCE'`.
 */
export class DivergenceError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'DIVERGENCE';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(DivergenceError.code, message, options);
    this.name = 'DivergenceError';
  }

  /** Whether `value` is a {@link DivergenceError} (works across package copies). */
  static override isInstance(value: unknown): value is DivergenceError {
    return isThis(value);
  }
}

const isThis = markerCheck<DivergenceError>(DivergenceError.code);
