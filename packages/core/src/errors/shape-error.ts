import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when tensor shapes do not fit an operation (inner dimensions of a product, broadcasting, reshape sizes, gradient shapes), or when a tensor is too large to allocate (more than `MAX_TENSOR_ELEMENTS` elements, or more memory than the engine can give).
 *
 * Code: `'SHAPE_MISMATCH'`.
 *
 * @example
 * ```ts
 * const x = randn([32, 784]);
 * const w = randn([128, 784]);
 * try {
 *   matmul(x, w);
 * } catch (error) {
 *   if (ShapeError.isInstance(error)) console.error(error.message);
 *   // matmul: inner dimensions differ: [32, 784] · [128, 784] (784 ≠ 128). Hint: … did you mean
 *   // matmul(a, b, { transposeB: true })?
 * }
 * matmul(x, w, { transposeB: true }).shape; // [32, 128]
 * ```
 */
export class ShapeError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'SHAPE_MISMATCH';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(ShapeError.code, message, options);
    this.name = 'ShapeError';
  }

  /** Whether `value` is a {@link ShapeError} (works across package copies). */
  static override isInstance(value: unknown): value is ShapeError {
    return isThis(value);
  }
}

const isThis = markerCheck<ShapeError>(ShapeError.code);
