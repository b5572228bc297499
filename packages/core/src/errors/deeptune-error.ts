const baseMarker = Symbol.for('deeptune.error');

/** Options accepted by every deeptune error constructor. */
export interface DeeptuneErrorOptions {
  /** The underlying error, when this one wraps another. */
  readonly cause?: unknown;
}

/**
 * The base class of every error deeptune throws.
 *
 * Each subclass has a stable `code` (for example `'SHAPE_MISMATCH'`) that programs can
 * switch on, and a message that says where the problem happened, what was given, what was
 * expected and, where one helps, a hint. `isInstance` works even when two copies of the
 * package are loaded, because it checks a `Symbol.for` marker instead of the prototype chain.
 *
 * @example
 * ```ts
 * try {
 *   matmul(a, b);
 * } catch (error) {
 *   if (ShapeError.isInstance(error)) console.log(error.code); // 'SHAPE_MISMATCH'
 * }
 * ```
 */
export class DeeptuneError extends Error {
  /** A stable, machine-readable identifier of the kind of error. */
  readonly code: string;

  /**
   * @param code - the stable error code, e.g. `'SHAPE_MISMATCH'`.
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(code: string, message: string, options: DeeptuneErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.name = 'DeeptuneError';
    Object.defineProperty(this, baseMarker, { value: true });
    Object.defineProperty(this, Symbol.for(`deeptune.error.${code}`), { value: true });
  }

  /** Whether `value` is a deeptune error of any kind (works across package copies). */
  static isInstance(value: unknown): value is DeeptuneError {
    return typeof value === 'object' && value !== null && baseMarker in value;
  }
}

/**
 * Builds the `isInstance` check of an error subclass from its code.
 * @internal
 */
export function markerCheck<T extends DeeptuneError>(code: string): (value: unknown) => value is T {
  const marker = Symbol.for(`deeptune.error.${code}`);
  return (value: unknown): value is T =>
    typeof value === 'object' && value !== null && marker in value;
}
