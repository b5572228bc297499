import { definePluginPackage } from '@deeptune/core';
import { bestWeightsPlugin } from './callbacks/best-weights.js';
import { lrSchedulerPlugin } from './callbacks/lr-scheduler.js';
import { progressPlugin } from './callbacks/progress.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'callback/progress': typeof progressPlugin;
    'callback/lr-scheduler': typeof lrSchedulerPlugin;
    'callback/best-weights': typeof bestWeightsPlugin;
  }
}

/**
 * The browser-safe plugins of `@deeptune/train`: the `progress`, `lr-scheduler` and
 * `best-weights` callbacks. The `checkpoint` callback is in `nodePlugin` from `@deeptune/train/node`.
 *
 * Importing the package registers nothing; a registry adds these entries with
 * `registry.use(plugin)` (or {@link register}).
 *
 * @example
 * ```ts
 * import { createRegistry } from '@deeptune/core';
 * import { plugin } from '@deeptune/train';
 *
 * const registry = createRegistry({ plugins: [plugin] });
 * const onEvent = registry.create('callback', 'progress', { listener: (event) => render(event) });
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/train',
  entries: [progressPlugin, lrSchedulerPlugin, bestWeightsPlugin],
});

/**
 * Adds the plugins of `@deeptune/train` to a registry; the same as `registry.use(plugin)`.
 *
 * @returns a disposer that removes what this call added.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry);
 * registry.names('callback'); // ['best-weights', 'lr-scheduler', 'progress']
 * ```
 */
export const register = plugin.register;
