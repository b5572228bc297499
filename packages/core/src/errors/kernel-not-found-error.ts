import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown by `setBackend` when a backend's kernel table names a kernel that does not exist
 * (a typo such as `matmull`), or gives something other than a function for one, or when the
 * object is not a backend `{ name, kernels }` at all.
 *
 * Code: `'KERNEL_NOT_FOUND'`.
 *
 * @example
 * ```ts
 * const typo = { name: 'fast', kernels: { matmull: fastMatmul } } as unknown as Backend;
 * try {
 *   setBackend(typo);
 * } catch (error) {
 *   if (KernelNotFoundError.isInstance(error)) console.error(error.message);
 *   // setBackend: backend 'fast' provides a kernel 'matmull', which is not a deeptune kernel;
 *   // expected one of neg, exp, …, matmul, …
 * }
 * setBackend({ name: 'fast', kernels: { matmul: fastMatmul } }); // the rest runs on cpu
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
