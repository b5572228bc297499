import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a file or buffer does not have the expected format (wrong magic number, truncated data, bad header).
 *
 * Code: `'DATA_FORMAT'`.
 *
 * @example
 * ```ts
 * const truncated = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 5, 1, 2]); // declares 5 bytes, holds 2
 * try {
 *   parseIdx(truncated, 'labels.idx');
 * } catch (error) {
 *   if (DataFormatError.isInstance(error)) console.error(error.code); // 'DATA_FORMAT'
 *   // labels.idx: truncated: 3 bytes are missing: … Hint: the file may be incomplete or corrupt; …
 * }
 * ```
 */
export class DataFormatError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'DATA_FORMAT';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(DataFormatError.code, message, options);
    this.name = 'DataFormatError';
  }

  /** Whether `value` is a {@link DataFormatError} (works across package copies). */
  static override isInstance(value: unknown): value is DataFormatError {
    return isThis(value);
  }
}

const isThis = markerCheck<DataFormatError>(DataFormatError.code);
