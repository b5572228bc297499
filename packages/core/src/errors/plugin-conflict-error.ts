import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a different plugin is registered under a name that is already taken and `override: true` was not given.
 *
 * Code: `'PLUGIN_CONFLICT'`.
 */
export class PluginConflictError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'PLUGIN_CONFLICT';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(PluginConflictError.code, message, options);
    this.name = 'PluginConflictError';
  }

  /** Whether `value` is a {@link PluginConflictError} (works across package copies). */
  static override isInstance(value: unknown): value is PluginConflictError {
    return isThis(value);
  }
}

const isThis = markerCheck<PluginConflictError>(PluginConflictError.code);
