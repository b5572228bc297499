import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when the active backend does not provide a kernel an operation needs.
 *
 * Code: `'KERNEL_NOT_FOUND'`.
 */
export class KernelNotFoundError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'KERNEL_NOT_FOUND';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(KernelNotFoundError.code, message, options);
    this.name = 'KernelNotFoundError';
  }

  /** Whether `value` is a {@link KernelNotFoundError} (works across package copies). */
  static override isInstance(value: unknown): value is KernelNotFoundError {
    return isThis(value);
  }
}

const isThis = markerCheck<KernelNotFoundError>(KernelNotFoundError.code);
