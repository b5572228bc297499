import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a registry lookup names a plugin that is not registered; the message lists the known names and the closest match.
 *
 * Code: `'UNKNOWN_PLUGIN'`.
 *
 * @example
 * ```ts
 * // optimizersPlugin: the `plugin` of @deeptune/optimizers
 * const registry = createRegistry({ plugins: [optimizersPlugin] });
 * try {
 *   registry.create('optimizer', 'adma');
 * } catch (error) {
 *   if (UnknownPluginError.isInstance(error)) console.error(error.message);
 *   // registry.create: unknown optimizer 'adma'. Did you mean 'adam'? Known optimizer plugins: adam,
 *   // adamw, momentum, rmsprop, sgd.
 * }
 * ```
 */
export class UnknownPluginError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'UNKNOWN_PLUGIN';

  /**
   * @param message - where, what was given, what was expected, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(UnknownPluginError.code, message, options);
    this.name = 'UnknownPluginError';
  }

  /** Whether `value` is a {@link UnknownPluginError} (works across package copies). */
  static override isInstance(value: unknown): value is UnknownPluginError {
    return isThis(value);
  }
}

const isThis = markerCheck<UnknownPluginError>(UnknownPluginError.code);
