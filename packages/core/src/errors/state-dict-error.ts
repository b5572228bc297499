import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a saved state does not match what it is loaded into (missing or unexpected keys, shapes, dtypes).
 *
 * Code: `'STATE_DICT_MISMATCH'`.
 *
 * @example
 * ```ts
 * const saved = new Dense({ inputs: 4, units: 5 }).stateDict();
 * try {
 *   new Dense({ inputs: 4, units: 3 }).loadStateDict(saved);
 * } catch (error) {
 *   if (StateDictError.isInstance(error)) console.error(error.message);
 *   // Dense.loadStateDict: 'weight' is float32 [4, 5] but the model has float32 [4, 3].
 * }
 * ```
 */
export class StateDictError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'STATE_DICT_MISMATCH';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(StateDictError.code, message, options);
    this.name = 'StateDictError';
  }

  /** Whether `value` is a {@link StateDictError} (works across package copies). */
  static override isInstance(value: unknown): value is StateDictError {
    return isThis(value);
  }
}

const isThis = markerCheck<StateDictError>(StateDictError.code);
