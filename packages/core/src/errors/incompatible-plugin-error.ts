import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a plugin declares an API version this registry does not support.
 *
 * Code: `'INCOMPATIBLE_PLUGIN'`.
 */
export class IncompatiblePluginError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'INCOMPATIBLE_PLUGIN';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(IncompatiblePluginError.code, message, options);
    this.name = 'IncompatiblePluginError';
  }

  /** Whether `value` is a {@link IncompatiblePluginError} (works across package copies). */
  static override isInstance(value: unknown): value is IncompatiblePluginError {
    return isThis(value);
  }
}

const isThis = markerCheck<IncompatiblePluginError>(IncompatiblePluginError.code);
