import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when training diverges (the cost becomes NaN or infinite); the message names the step and suggests a lower learning rate.
 *
 * Code: `'DIVERGENCE'`.
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: 1e6 }); // far too large
 * try {
 *   await fit(model, train, { loss: softmaxCrossEntropy, optimizer, epochs: 5, batchSize: 32 });
 * } catch (error) {
 *   if (!DivergenceError.isInstance(error)) throw error;
 *   console.error(error.message);
 *   // fit: the cost J became NaN at epoch …, step … Hint: lower the learning rate, …
 * }
 * ```
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
