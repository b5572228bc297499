import { definePlugin } from './registry/define-plugin.js';
import { definePluginPackage } from './registry/define-plugin-package.js';
import { cpuBackend } from './backend/cpu/cpu-backend.js';

/**
 * The `cpu` backend as a registry entry: the pure-TypeScript reference backend.
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * setBackend(registry.create('backend', 'cpu'));
 * ```
 */
export const cpuBackendPlugin = definePlugin({
  kind: 'backend',
  name: 'cpu',
  description: 'Pure-TypeScript reference backend: cache-blocked matmul, no native code.',
  create: () => cpuBackend,
});

/** The plugins of `@deeptune/core`: the `cpu` backend. */
export const plugin = definePluginPackage({
  name: '@deeptune/core',
  entries: [cpuBackendPlugin],
});

/**
 * Adds the plugins of `@deeptune/core` to a registry.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry); // the same as registry.use(plugin)
 * setBackend(registry.create('backend', 'cpu'));
 * ```
 */
export const register = plugin.register;
