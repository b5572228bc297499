import {
  createRegistry,
  plugin as corePlugin,
  type PluginPackage,
  type Registry,
} from '@deeptune/core';
import { plugin as layersPlugin } from '@deeptune/layers';
import { plugin as regularizationPlugin } from '@deeptune/regularization';
import { plugin as batchnormPlugin } from '@deeptune/batchnorm';
import { plugin as optimizersPlugin } from '@deeptune/optimizers';
import { plugin as dataPlugin } from '@deeptune/data';
import { plugin as trainPlugin } from '@deeptune/train';
import { plugin as tunePlugin } from '@deeptune/tune';
import { plugin as backendWasmPlugin } from '@deeptune/backend-wasm';

/** The plugin packages of every deeptune library, in dependency order. */
export const plugins: readonly PluginPackage[] = Object.freeze([
  corePlugin,
  layersPlugin,
  regularizationPlugin,
  batchnormPlugin,
  optimizersPlugin,
  dataPlugin,
  trainPlugin,
  tunePlugin,
  backendWasmPlugin,
]);

/**
 * A fresh registry holding every built-in plugin: the `cpu` backend, layers, activations,
 * losses, initializers, regularizers, augmentations, batch norm, optimizers, learning-rate schedules, synthetic datasets and training callbacks.
 * Node-only plugins (MNIST, CSV, checkpoints) are added by `createDefaultNodeRegistry()` from
 * `deeptune/node`.
 *
 * Apps build their registry with it and then add user plugins; tests that need isolation
 * use `createRegistry()` from `@deeptune/core` instead.
 *
 * @example
 * ```ts
 * const registry = createDefaultRegistry();
 * const l2 = registry.create('regularizer', 'l2', { lambda: 0.01 });
 * registry.names('loss');
 * // ['binary-cross-entropy', 'binary-cross-entropy-from-probabilities', 'mean-squared-error',
 * //  'softmax-cross-entropy']
 * ```
 */
export function createDefaultRegistry(): Registry {
  return createRegistry({ plugins: [...plugins] });
}

/**
 * Adds every built-in plugin of deeptune to a registry.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry); // every built-in plugin, as in createDefaultRegistry()
 * registry.use(lionPlugin); // then the app's own plugins
 * ```
 */
export function register(registry: Registry): void {
  for (const pluginPackage of plugins) pluginPackage.register(registry);
}
