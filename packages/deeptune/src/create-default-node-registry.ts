/**
 * What `deeptune/node` adds to the Node-only parts it re-exports from `@deeptune/data/node`
 * and `@deeptune/train/node`: {@link createDefaultNodeRegistry}.
 *
 * @module node
 */
import type { Registry } from '@deeptune/core';
import { nodePlugin as dataNodePlugin } from '@deeptune/data/node';
import { nodePlugin as trainNodePlugin } from '@deeptune/train/node';
import { createDefaultRegistry } from './create-default-registry.js';

/**
 * {@link createDefaultRegistry} plus the Node-only plugins: the `mnist` and `csv` datasets
 * and the `checkpoint` callback. What the CLI starts from.
 *
 * @example
 * ```ts
 * const registry = createDefaultNodeRegistry();
 * const loader = registry.create('dataset', 'mnist', {});
 * ```
 */
export function createDefaultNodeRegistry(): Registry {
  const registry = createDefaultRegistry();
  registry.use(dataNodePlugin);
  registry.use(trainNodePlugin);
  return registry;
}
