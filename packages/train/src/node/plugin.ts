import { definePluginPackage } from '@deeptune/core';
import { checkpointPlugin } from './checkpoint.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'callback/checkpoint': typeof checkpointPlugin;
  }
}

/**
 * The Node-only plugins of `@deeptune/train`: the `checkpoint` callback (it writes files).
 *
 * @example
 * ```ts
 * import { createRegistry } from '@deeptune/core';
 * import { nodePlugin } from '@deeptune/train/node';
 *
 * const registry = createRegistry({ plugins: [nodePlugin] });
 * const save = registry.create('callback', 'checkpoint', { dir: 'checkpoints', every: 2 });
 * ```
 */
export const nodePlugin = definePluginPackage({
  name: '@deeptune/train',
  entries: [checkpointPlugin],
});
