import { definePluginPackage } from '@deeptune/core';
import './plugin-products.js';
import { ashaPrunerPlugin } from './pruner/asha-pruner.js';
import { medianPrunerPlugin } from './pruner/median-pruner.js';
import { coarseToFinePlugin } from './sampler/coarse-to-fine.js';
import { gridSamplerPlugin } from './sampler/grid-sampler.js';
import { quasiRandomSamplerPlugin } from './sampler/quasi-random-sampler.js';
import { randomSamplerPlugin } from './sampler/random-sampler.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'searcher/random': typeof randomSamplerPlugin;
    'searcher/grid': typeof gridSamplerPlugin;
    'searcher/quasi-random': typeof quasiRandomSamplerPlugin;
    'searcher/coarse-to-fine': typeof coarseToFinePlugin;
    'pruner/median': typeof medianPrunerPlugin;
    'pruner/asha': typeof ashaPrunerPlugin;
  }
}

/**
 * The plugins of `@deeptune/tune`, declared as data: the searchers `random`, `grid`,
 * `quasi-random` and `coarse-to-fine`, and the pruners `median` and `asha`.
 *
 * Importing the package registers nothing; a registry adds them with `registry.use(plugin)`
 * or `register(registry)`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * const sampler = registry.create('searcher', 'coarse-to-fine', { rounds: 3, trialsPerRound: 10 });
 * const pruner = registry.create('pruner', 'asha', { reductionFactor: 3 });
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/tune',
  entries: [
    randomSamplerPlugin,
    gridSamplerPlugin,
    quasiRandomSamplerPlugin,
    coarseToFinePlugin,
    medianPrunerPlugin,
    ashaPrunerPlugin,
  ],
});

/**
 * Adds the plugins of `@deeptune/tune` to a registry; the same as `registry.use(plugin)`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * const unregister = register(registry);
 * registry.names('searcher'); // ['coarse-to-fine', 'grid', 'quasi-random', 'random']
 * unregister(); // removes what this call added
 * ```
 */
export const register = plugin.register;
