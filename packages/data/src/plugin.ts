import { definePluginPackage } from '@deeptune/core';
import type { DatasetLoader } from './plugin/dataset-loader.js';
import {
  blobsPlugin,
  circlesPlugin,
  moonsPlugin,
  spiralsPlugin,
  xorPlugin,
} from './plugin/synthetic-plugins.js';

declare module '@deeptune/core' {
  interface PluginProducts {
    /** A named source of data, e.g. the `moons` or `mnist` dataset: a `DatasetLoader`. */
    dataset: DatasetLoader;
  }

  interface KnownPlugins {
    'dataset/circles': typeof circlesPlugin;
    'dataset/moons': typeof moonsPlugin;
    'dataset/spirals': typeof spiralsPlugin;
    'dataset/xor': typeof xorPlugin;
    'dataset/blobs': typeof blobsPlugin;
  }
}

/**
 * The browser-safe plugins of `@deeptune/data`: the synthetic datasets `circles`, `moons`,
 * `spirals`, `xor` and `blobs` (kind `dataset`, options `m`, `noise`, `seed`, `dtype` and,
 * for circles, spirals and blobs, `classes`). The file-based `mnist` and `csv` datasets are
 * in `nodePlugin` from `@deeptune/data/node`.
 *
 * Importing the package registers nothing; a registry adds them with `registry.use(plugin)`
 * or `register(registry)`. Each entry runs the same code as the direct import.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * const loader = registry.create('dataset', 'moons', { m: 500, noise: 0.2 });
 * const { train } = await loader.load(); // all 500 examples; split them next
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/data',
  entries: [circlesPlugin, moonsPlugin, spiralsPlugin, xorPlugin, blobsPlugin],
});

/**
 * Adds the browser-safe plugins of `@deeptune/data` to a registry; the same as
 * `registry.use(plugin)`.
 *
 * @returns a disposer that removes what this call added.
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry);
 * const { train } = await registry.create('dataset', 'spirals', { m: 300, classes: 3, seed: 0 }).load();
 * train.inputs.shape; // [300, 2]
 * ```
 */
export const register = plugin.register;
