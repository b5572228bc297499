import { ConfigError, closestMatch, describeValue, getDefaultRegistry } from '@deeptune/core';
import type { Registry } from '@deeptune/core';
import type { ActivationFunction } from './activation-function.js';
import type { ActivationId } from './activation-id.js';
import { ACTIVATION_NAMES, isActivationName } from './activation-name.js';
import type { ActivationOptions } from './activation-options.js';
import { ACTIVATION_PLUGINS } from './activation-plugins.js';

/**
 * Options of {@link resolveActivation}.
 *
 * @category Activations
 */
export interface ResolveActivationOptions {
  /**
   * The activation's own options, validated by its plugin's schema, e.g. `{ alpha: 0.2 }`
   * for `'leaky-relu'`.
   * @defaultValue `{}` (the plugin's defaults)
   */
  readonly activationOptions?: ActivationOptions;
  /**
   * Where activation plugins (names other than the built-in ones) are looked up.
   * @defaultValue `getDefaultRegistry()`
   */
  readonly registry?: Registry;
  /**
   * Who asks: the start of the message when the name is unknown, e.g. `'Dense'`.
   * @defaultValue 'resolveActivation'
   */
  readonly where?: string;
}

/**
 * The activation function of an activation name: a built-in one or an activation plugin.
 *
 * | name           | g(z)                                              |
 * | -------------- | ------------------------------------------------- |
 * | `'linear'`     | z (returns the input tensor itself)               |
 * | `'relu'`       | max(0, z)                                         |
 * | `'leaky-relu'` | z if z > 0, else alpha·z (`alpha` 0.01, in [0, 1)) |
 * | `'tanh'`       | tanh(z)                                           |
 * | `'sigmoid'`    | 1 / (1 + e^(−z))                                  |
 * | `'softmax'`    | e^(zᵢ) / Σⱼ e^(zⱼ) along the last axis            |
 *
 * Built-in names are resolved through this package's own activation plugins, never through
 * a registry, so `'relu'` needs no registry and means the same whatever is installed (a
 * registry entry that overrides a built-in name is not used here). Any other name, e.g.
 * `'acme:swish'`, is created by the `activation` plugin of that name in `registry`, exactly
 * as `registry.create('activation', name, activationOptions)` would.
 *
 * In both cases `activationOptions` are validated by the activation plugin's own schema,
 * so an error names the activation and the option just as `registry.create` does, e.g.
 * `activation 'leaky-relu': option 'alpha' must be in [0, 1), got -1`.
 *
 * @param name - a built-in {@link ActivationName} or the name of a registered activation
 *   plugin.
 * @param options - `activationOptions`, `registry` and `where`.
 * @returns the function, built from core ops so autograd differentiates it.
 * @throws {@link @deeptune/core!ConfigError} when `name` is neither a built-in activation nor
 *   registered; the message lists the known names (the built-in ones and the registry's),
 *   suggests the closest one, and says how to install a plugin.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} (or `ConfigError`) when the
 *   activation's schema rejects `activationOptions`.
 * @category Activations
 *
 * @example
 * ```ts
 * const g = resolveActivation('tanh');
 * g(tensor([[0, 1]])).toArray(); // [[0, 0.7616]]
 * resolveActivation('leaky-relu', { activationOptions: { alpha: 0.2 } });
 * resolveActivation('acme:swish', { registry, activationOptions: { beta: 1.5 } }); // a plugin
 * resolveActivation('rleu'); // ConfigError: … Did you mean 'relu'? …
 * ```
 */
export function resolveActivation(
  name: ActivationId,
  options: ResolveActivationOptions = {},
): ActivationFunction {
  const { activationOptions, where = 'resolveActivation' } = options;
  if (isActivationName(name)) return ACTIVATION_PLUGINS[name].create(activationOptions);
  const registry = options.registry ?? getDefaultRegistry();
  if (typeof name === 'string' && registry.has('activation', name)) {
    const created: unknown = registry.create('activation', name, activationOptions);
    if (typeof created !== 'function') {
      throw new ConfigError(
        `${where}: the activation plugin '${name}' created ${describeValue(created)}, expected a function (x: Tensor) => Tensor. Hint: its definition's create must return the activation function.`,
      );
    }
    return created as ActivationFunction;
  }
  const known = [...new Set([...ACTIVATION_NAMES, ...registry.names('activation')])].sort();
  const closest = typeof name === 'string' ? closestMatch(name, known) : undefined;
  throw new ConfigError(
    `${where}: unknown activation ${describeValue(name)}.${closest === undefined ? '' : ` Did you mean '${closest}'?`} Known activations: ${known.join(', ')}. Hint: an activation plugin must be registered first: registry.use(plugin) in code, --plugin <module> on the command line.`,
  );
}
