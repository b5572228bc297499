import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown by gradient checking when the analytic and numerical gradients disagree (with `raiseOnFailure`) or the check cannot run (e.g. float32 input).
 *
 * Code: `'GRADCHECK_FAILED'`.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true }); // float32
 * try {
 *   gradcheck(() => w.square().sum(), { w });
 * } catch (error) {
 *   if (GradcheckError.isInstance(error)) console.error(error.message);
 *   // gradcheck: parameter 'w' is float32; gradient checking needs float64. …
 * }
 * ```
 */
export class GradcheckError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'GRADCHECK_FAILED';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(GradcheckError.code, message, options);
    this.name = 'GradcheckError';
  }

  /** Whether `value` is a {@link GradcheckError} (works across package copies). */
  static override isInstance(value: unknown): value is GradcheckError {
    return isThis(value);
  }
}

const isThis = markerCheck<GradcheckError>(GradcheckError.code);
