import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when an option, argument or configuration value is invalid (wrong type, out of range, unknown key).
 *
 * Code: `'INVALID_CONFIG'`.
 *
 * @example
 * ```ts
 * const options = JSON.parse('{ "lerningRate": 0.1 }'); // e.g. read from a config file
 * try {
 *   sgd(options);
 * } catch (error) {
 *   if (ConfigError.isInstance(error)) console.error(error.message);
 *   // optimizer 'sgd': unknown option 'lerningRate'. Did you mean 'learningRate'? Known options: …
 * }
 * ```
 */
export class ConfigError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'INVALID_CONFIG';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(ConfigError.code, message, options);
    this.name = 'ConfigError';
  }

  /** Whether `value` is a {@link ConfigError} (works across package copies). */
  static override isInstance(value: unknown): value is ConfigError {
    return isThis(value);
  }
}

const isThis = markerCheck<ConfigError>(ConfigError.code);
