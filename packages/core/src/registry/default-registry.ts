import { ConfigError } from '../errors/config-error.js';
import { describeValue } from '../format/describe-value.js';
import { Registry } from './registry.js';

let defaultRegistry: Registry | undefined;

/**
 * The default registry, which libraries use when they are not given one.
 *
 * It is created empty on first use; importing deeptune never registers anything. The
 * `deeptune` umbrella package and the apps fill it (or install a filled one with
 * {@link setDefaultRegistry}).
 *
 * @returns the current default registry.
 *
 * @example
 * ```ts
 * const registry = getDefaultRegistry(); // empty until something fills it
 * registry.use(optimizersPlugin); // the `plugin` of @deeptune/optimizers
 * registry.create('optimizer', 'sgd', { learningRate: 0.1 });
 * ```
 */
export function getDefaultRegistry(): Registry {
  defaultRegistry ??= new Registry();
  return defaultRegistry;
}

/**
 * Replaces the default registry, e.g. with one built by `createRegistry({ plugins })`, or
 * with a fresh one for a test.
 *
 * @param registry - the new default.
 * @returns a disposer that restores the previous default, if this one is still installed.
 * @throws {@link ConfigError} when `registry` is not a {@link Registry}.
 *
 * @example
 * ```ts
 * // a test that must not see plugins registered elsewhere
 * const restore = setDefaultRegistry(createRegistry({ plugins: [optimizersPlugin] }));
 * try {
 *   getDefaultRegistry().names('optimizer'); // ['adam', 'adamw', 'momentum', 'rmsprop', 'sgd']
 * } finally {
 *   restore();
 * }
 * ```
 */
export function setDefaultRegistry(registry: Registry): () => void {
  if (!Registry.isRegistry(registry)) {
    throw new ConfigError(
      `setDefaultRegistry: expected a Registry (from createRegistry()), got ${describeValue(registry)}`,
    );
  }
  const previous = defaultRegistry;
  defaultRegistry = registry;
  return () => {
    if (defaultRegistry === registry) defaultRegistry = previous;
  };
}
