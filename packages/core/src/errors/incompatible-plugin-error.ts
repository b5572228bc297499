import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a plugin declares an API version this registry does not support.
 *
 * Code: `'INCOMPATIBLE_PLUGIN'`.
 *
 * @example
 * ```ts
 * const entry = definePlugin({
 *   kind: 'schedule',
 *   name: 'acme:inverse',
 *   description: 'α = 1/t.',
 *   create: () => (t: number) => 1 / t,
 * });
 * try {
 *   registry.register({ ...entry, apiVersion: 99 }); // as a plugin written for a future release
 * } catch (error) {
 *   if (IncompatiblePluginError.isInstance(error)) console.error(error.message);
 *   // registry.register: schedule 'acme:inverse' was written for plugin API version 99, but …
 * }
 * ```
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
