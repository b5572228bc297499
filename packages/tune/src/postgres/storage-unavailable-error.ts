import { DeeptuneError, type DeeptuneErrorOptions } from '@deeptune/core';

const marker = Symbol.for('deeptune.error.STORAGE_UNAVAILABLE');

/**
 * Thrown when a study storage cannot be reached or refuses us: the database server is down
 * or unreachable, the credentials are wrong, the database does not exist. The message names
 * the storage with its password hidden, and what the server or the network said.
 *
 * Code: `'STORAGE_UNAVAILABLE'`.
 *
 * @category Storage
 *
 * @example
 * ```ts
 * try {
 *   await PostgresTrialStore.open('postgres://ann@db.example:5432/studies');
 * } catch (error) {
 *   if (StorageUnavailableError.isInstance(error)) console.error(error.message);
 *   // storage postgres://ann@db.example:5432/studies: cannot connect: connect ECONNREFUSED …
 * }
 * ```
 */
export class StorageUnavailableError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'STORAGE_UNAVAILABLE';

  /**
   * @param message - the storage (password hidden), and what went wrong.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(StorageUnavailableError.code, message, options);
    this.name = 'StorageUnavailableError';
  }

  /** Whether `value` is a {@link StorageUnavailableError} (works across package copies). */
  static override isInstance(value: unknown): value is StorageUnavailableError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    );
  }
}
