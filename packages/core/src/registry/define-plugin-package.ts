import { ConfigError } from '../errors/config-error.js';
import { PluginConflictError } from '../errors/plugin-conflict-error.js';
import { assertPluginEntry } from './check-plugin-entry.js';
import type { PluginEntry } from './define-plugin.js';
import { describeValue } from '../format/describe-value.js';
import type { Disposer, RegisterOptions, Registry } from './registry.js';

/**
 * npm package names (`@deeptune/optimizers`, `deeptune-plugin-lion`).
 * @internal
 */
const PACKAGE_NAME_PATTERN = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** What `definePluginPackage` takes. */
export interface PluginPackageDefinition {
  /** The npm package name, e.g. `'@deeptune/optimizers'`; used in conflict messages. */
  readonly name: string;
  /** The package's plugin entries, made with `definePlugin`. */
  readonly entries: readonly PluginEntry[];
}

/**
 * A package's plugins, declared as data: its name and its entries.
 *
 * Each deeptune package exports one as `plugin` (ARCHITECTURE: "a declarative `plugin`
 * that a registry `use`s") together with `register`. Nothing is registered until an app
 * or the umbrella package calls `registry.use(plugin)` or `plugin.register(registry)`,
 * which are the same.
 */
export interface PluginPackage {
  /** The npm package name. */
  readonly name: string;
  /** The plugin entries, in declaration order. */
  readonly entries: readonly PluginEntry[];
  /**
   * Adds every entry to `registry`; the same as `registry.use(this package, options)`.
   * Does not use `this`, so a package can `export const register = plugin.register;`.
   *
   * @returns a disposer that removes what this call added.
   */
  register(registry: Registry, options?: RegisterOptions): Disposer;
}

/**
 * Declares a package's plugins: checks the package name and the entries, and returns a
 * frozen {@link PluginPackage}.
 *
 * @param definition - the npm package name and the entries.
 * @throws {@link ConfigError} when the name is not an npm package name or an entry is
 * malformed. {@link PluginConflictError} when two different entries share a kind and name.
 *
 * @example
 * ```ts
 * // packages/optimizers/src/plugin.ts
 * export const plugin = definePluginPackage({
 *   name: '@deeptune/optimizers',
 *   entries: [sgdPlugin, momentumPlugin, adamPlugin, timeDecayPlugin],
 * });
 * export const register = plugin.register;
 *
 * // in an app
 * const registry = createRegistry();
 * registry.use(plugin);
 * ```
 */
export function definePluginPackage(definition: PluginPackageDefinition): PluginPackage {
  const { name, entries } = definition;
  if (typeof name !== 'string' || !PACKAGE_NAME_PATTERN.test(name)) {
    throw new ConfigError(
      `definePluginPackage: invalid package name ${describeValue(name)}; expected an npm package name like '@deeptune/optimizers'`,
    );
  }
  if (!Array.isArray(entries)) {
    throw new ConfigError(
      `definePluginPackage '${name}': 'entries' must be an array of plugin entries, got ${describeValue(entries)}`,
    );
  }
  const seen = new Map<string, PluginEntry>();
  for (const [index, entry] of entries.entries()) {
    assertPluginEntry(`definePluginPackage '${name}': entries[${index}]`, entry);
    const key = `${entry.kind}/${entry.name}`;
    const other = seen.get(key);
    if (other !== undefined && other !== entry) {
      throw new PluginConflictError(
        `definePluginPackage '${name}': two different entries are named ${entry.kind} '${entry.name}'. Hint: rename one of them.`,
      );
    }
    seen.set(key, entry);
  }
  const pluginPackage: PluginPackage = Object.freeze({
    name,
    entries: Object.freeze([...entries]),
    register: (registry: Registry, options?: RegisterOptions): Disposer =>
      registry.use(pluginPackage, options),
  });
  return pluginPackage;
}
