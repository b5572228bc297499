import type { Backend } from '../backend/backend.js';
import type { Callback } from '../model/callback.js';
import type { Augmentation } from '../model/augmentation.js';
import type { Initializer } from '../model/initializer.js';
import type { Loss } from '../model/loss.js';
import type { Regularizer } from '../model/regularizer.js';

/**
 * Every plugin kind the registry knows, in a stable order.
 *
 * The order is the one `Registry.list()` uses when it lists plugins of every kind.
 */
export const PLUGIN_KINDS = [
  'backend',
  'initializer',
  'layer',
  'activation',
  'loss',
  'regularizer',
  'optimizer',
  'schedule',
  'callback',
  'dataset',
  'augmentation',
  'metric',
  'searcher',
  'pruner',
] as const;

/**
 * The kind of a plugin: what its factory creates and which registry table it lives in.
 *
 * `'backend'` factories create a {@link Backend}, `'optimizer'` factories an optimizer, and
 * so on; {@link PluginProducts} maps kinds to product types.
 */
export type PluginKind = (typeof PLUGIN_KINDS)[number];

/**
 * Maps a plugin kind to the type its factories create; augmentable by other packages.
 *
 * Core declares the kinds whose contract it defines (`backend`, `initializer`, `loss`,
 * `regularizer`, `augmentation`, `callback`). Every other
 * kind's product is `unknown` until a package adds it through declaration merging. A
 * property can be *added* by merging but never narrowed once declared, which is why the
 * remaining kinds are absent here rather than declared as `unknown`:
 *
 * ```ts
 * declare module '@deeptune/core' {
 *   interface PluginProducts {
 *     optimizer: OptimizerRule;
 *   }
 * }
 * ```
 *
 * Keys that are not a {@link PluginKind} have no effect. Each kind should be added once, by
 * the package that owns its contract (later, core itself declares the shared contracts).
 */
export interface PluginProducts {
  /** A compute backend, e.g. the pure-TypeScript `cpu` backend. */
  backend: Backend;
  /** A parameter initializer, e.g. He normal. */
  initializer: Initializer;
  /** A loss (the data term of the cost), e.g. softmax cross-entropy. */
  loss: Loss;
  /** A penalty added to the cost, e.g. L2. */
  regularizer: Regularizer;
  /** A data augmentation, e.g. a random horizontal flip. */
  augmentation: Augmentation;
  /** A training callback, e.g. early stopping. */
  callback: Callback;
}

/**
 * The type that factories of plugin kind `K` create: `PluginProducts[K]`, or `unknown`
 * when no package has declared the kind's product type yet.
 */
export type PluginProduct<K extends PluginKind> = K extends keyof PluginProducts
  ? PluginProducts[K]
  : unknown;

/**
 * Whether `value` is one of the {@link PLUGIN_KINDS}.
 *
 * For code that reads a kind from user input (a config file, a command-line flag) and
 * wants to check it before calling the registry.
 *
 * @param value - anything.
 * @returns `true` when `value` is a plugin kind string such as `'optimizer'`.
 *
 * @example
 * ```ts
 * isPluginKind('optimizer'); // true
 * isPluginKind('optimiser'); // false
 * const kind = process.argv[2] ?? 'optimizer';
 * if (isPluginKind(kind)) registry.names(kind); // the names of that kind
 * ```
 */
export function isPluginKind(value: unknown): value is PluginKind {
  return typeof value === 'string' && (PLUGIN_KINDS as readonly string[]).includes(value);
}
