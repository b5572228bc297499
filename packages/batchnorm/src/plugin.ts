import { DTYPES, definePlugin, definePluginPackage, option } from '@deeptune/core';
import { BatchNorm } from './batch-norm.js';
import { RUNNING_VARIANCES } from './running-variance.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'layer/batch-norm': typeof batchNormPlugin;
  }
}

// The `batch-norm` layer entry: `registry.create('layer', 'batch-norm', options)` validates
// the options against this schema, then constructs a BatchNorm. The schema declares the
// same ranges the constructor checks, so help output and hyperparameter searches can read
// them; an out-of-range value given through the registry is reported by the schema check
// as a ConfigError naming the option.
const batchNormPlugin = definePlugin({
  kind: 'layer',
  name: 'batch-norm',
  description:
    'Batch normalization of dense features: batch statistics in training, running averages in eval.',
  options: {
    features: option.number({
      integer: true,
      min: 1,
      description: 'The number of features n (the units of the layer before).',
    }),
    epsilon: option.number({
      default: 1e-5,
      exclusiveMin: 0,
      scale: 'log',
      description: 'ε added to the variance for numerical stability.',
    }),
    runningAverageDecay: option.number({
      default: 0.9,
      min: 0,
      exclusiveMax: 1,
      description:
        'Weight of the old value in the running averages (PyTorch momentum = 1 − decay; Keras momentum = decay).',
    }),
    runningVariance: option.enum(RUNNING_VARIANCES, {
      default: 'unbiased',
      description:
        "The batch variance the running variance averages: 'unbiased' σ²·m/(m − 1) (PyTorch) or 'biased' σ² (the course, Keras).",
    }),
    dtype: option.enum(DTYPES, {
      default: 'float32',
      description: 'The dtype of the parameters and running averages.',
    }),
  },
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
