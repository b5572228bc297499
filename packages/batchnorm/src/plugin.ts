import { definePlugin, definePluginPackage } from '@deeptune/core';
import { BatchNorm } from './batch-norm.js';
import { batchNormSchema } from './internal/batch-norm-schema.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'layer/batch-norm': typeof batchNormPlugin;
  }
}

// The `batch-norm` layer entry: `registry.create('layer', 'batch-norm', options)` validates
// the options against the schema that the BatchNorm constructor validates with too, so both
// report a bad option with the same error and message; help output and hyperparameter
// searches read the ranges from it.
const batchNormPlugin = definePlugin({
  kind: 'layer',
  name: 'batch-norm',
  description:
    'Batch normalization of dense features: batch statistics in training, running averages in eval.',
  options: batchNormSchema,
  create: (options) => new BatchNorm(options),
  stateShapes: ({ features, dtype }) => ({
    gamma: { shape: [features], dtype },
    beta: { shape: [features], dtype },
    runningMean: { shape: [features], dtype },
    runningVar: { shape: [features], dtype },
    batchesTracked: { shape: [], dtype: 'float64' },
  }),
});

/**
 * The plugins of `@deeptune/batchnorm`: the `batch-norm` layer (options `features`,
 * `epsilon`, `runningAverageDecay`, `runningVariance`, `dtype`), which creates a
 * {@link BatchNorm}.
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * const layer = registry.create('layer', 'batch-norm', { features: 128 }); // a BatchNorm
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/batchnorm',
  entries: [batchNormPlugin],
});

/**
 * Adds the plugins of `@deeptune/batchnorm` to a registry; the same as
 * `registry.use(plugin)`.
 *
 * @returns a disposer that removes what this call added.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry);
 * const norm = registry.create('layer', 'batch-norm', { features: 128 });
 * ```
 */
export const register = plugin.register;
