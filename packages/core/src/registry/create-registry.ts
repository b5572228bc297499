import type { PluginPackage } from './define-plugin-package.js';
import { Registry } from './registry.js';

/** Options of {@link createRegistry}. */
export interface CreateRegistryOptions {
  /** Plugin packages to `use` right away, in order. */
  readonly plugins?: readonly PluginPackage[];
}

/**
 * Creates a fresh registry, empty unless `plugins` are given.
 *
 * Tests and apps use their own registries so that nothing leaks between them; the
 * `deeptune` umbrella package's `createDefaultRegistry()` passes every built-in package.
 *
 * @param options - plugin packages to add.
 * @returns a new {@link Registry}.
 * @throws whatever {@link Registry.use} throws for the given packages.
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [optimizersPlugin, layersPlugin] });
 * ```
 */
export function createRegistry(options: CreateRegistryOptions = {}): Registry {
  const registry = new Registry();
  for (const pluginPackage of options.plugins ?? []) registry.use(pluginPackage);
  return registry;
}
