import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when the active backend does not provide a kernel an operation needs.
 *
 * Code: `'KERNEL_NOT_FOUND'`.
 *
 * @example
 * ```ts
 * const incomplete = { name: 'fast-matmul', matmul: cpuBackend.matmul } as unknown as Backend;
 * try {
 *   setBackend(incomplete);
 * } catch (error) {
 *   if (KernelNotFoundError.isInstance(error)) console.error(error.message);
 *   // setBackend: backend 'fast-matmul' does not provide the kernel 'allocate'; … Hint: start from the
 *   // cpu backend ({ ...cpuBackend, name, matmul: fasterMatmul }).
 * }
 * setBackend({ ...cpuBackend, name: 'fast-matmul' }); // the fix: every other kernel from cpu
 * ```
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
