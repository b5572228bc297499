import { DeeptuneError, markerCheck, type DeeptuneErrorOptions } from './deeptune-error.js';

/**
 * Thrown when a different plugin is registered under a name that is already taken and `override: true` was not given.
 *
 * Code: `'PLUGIN_CONFLICT'`.
 *
 * @example
 * ```ts
 * // optimizersPlugin: the `plugin` of @deeptune/optimizers
 * const registry = createRegistry({ plugins: [optimizersPlugin] });
 * const myAdam = defineOptimizer({
 *   name: 'adam',
 *   description: 'Adam with a different default.',
 *   defaults: { learningRate: 3e-4 },
 *   init: (param) => ({ m: zerosLike(param).data }),
 *   update: ({ param, grad, hp }) => {
 *     for (let i = 0; i < param.length; i++) param[i] = param[i]! - hp.learningRate * grad[i]!;
 *   },
 * });
 * try {
 *   registry.register(myAdam);
 * } catch (error) {
 *   if (PluginConflictError.isInstance(error)) console.error(error.message);
 *   // registry.register: optimizer 'adam' conflicts with a different entry already registered from
 *   // @deeptune/optimizers. Hint: choose another name (…'acme:adam'), or pass { override: true } …
 * }
 * registry.register(myAdam, { override: true }); // replaces the built-in on purpose
 * ```
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
