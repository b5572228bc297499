import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a value made by one copy of `@deeptune/core` (a tensor, a generator, a
 * module, a plugin entry…) reaches another copy whose version is incompatible with it.
 *
 * Two copies are compatible when they have the same major version and, while the major
 * version is 0, the same minor version; the message names both versions and where each copy
 * was loaded from. Two copies of the same release at different paths are compatible.
 *
 * Code: `'INCOMPATIBLE_COPY'`.
 *
 * @example
 * ```ts
 * // the app runs @deeptune/core 0.4; the plugin was installed with its own @deeptune/core 0.3
 * const pluginModule = await import(pathToFileURL('plugins/lion.mjs').href);
 * try {
 *   registry.register(pluginModule.default);
 * } catch (error) {
 *   if (IncompatibleCopyError.isInstance(error)) console.error(error.message);
 *   // … made by @deeptune/core 0.3.2 at … reached @deeptune/core 0.4.0 at …, and these copies are incompatible …
 * }
 * ```
 */
export class IncompatibleCopyError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'INCOMPATIBLE_COPY';

  /**
   * @param message - both versions and paths, and a hint.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(IncompatibleCopyError.code, message, options);
    this.name = 'IncompatibleCopyError';
  }

  /** Whether `value` is a {@link IncompatibleCopyError} (works across package copies). */
  static override isInstance(value: unknown): value is IncompatibleCopyError {
    return isThis(value);
  }
}

const isThis = markerCheck<IncompatibleCopyError>(IncompatibleCopyError.code);
