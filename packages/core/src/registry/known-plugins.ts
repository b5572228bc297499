import type { PluginEntry } from './define-plugin.js';
import type { OptionsInputOf, OptionsSchema } from './option-schema.js';
import type { PluginKind, PluginProduct } from './plugin-kinds.js';

/**
 * Maps `'<kind>/<name>'` keys to plugin entry types, so that registry lookups by a literal
 * name are typed; augmentable by packages that ship plugins.
 *
 * It is empty in core. A package that ships a plugin adds its entry type through
 * declaration merging; then `registry.create('optimizer', 'adam', { learningRate: 'x' })`
 * fails to compile and `registry.get('optimizer', 'adam')` returns the entry's exact type.
 * Names not listed here (for example a name read from a command-line flag) still work,
 * with options typed as a plain record and checked at run time.
 *
 * ```ts
 * declare module '@deeptune/core' {
 *   interface KnownPlugins {
 *     'optimizer/adam': typeof adamPlugin;
 *   }
 * }
 * ```
 *
 * This is for typing only: it does not register anything, and a registry may hold a
 * different entry under the same name (for example after `register(entry, { override: true })`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface KnownPlugins {}

type Key<K extends PluginKind, N extends string> = `${K}/${N}`;

/**
 * The entry type of plugin `N` of kind `K`: its type from {@link KnownPlugins} when listed
 * there, otherwise `PluginEntry<K>`.
 */
export type PluginEntryFor<K extends PluginKind, N extends string> =
  Key<K, N> extends keyof KnownPlugins
    ? KnownPlugins[Key<K, N>] extends PluginEntry<K, infer S, infer P>
      ? PluginEntry<K, S, P>
      : PluginEntry<K>
    : PluginEntry<K>;

/**
 * What `registry.create(kind, name)` returns: the entry's exact product type when the
 * plugin is listed in {@link KnownPlugins}, otherwise the kind's product type.
 */
export type PluginProductFor<K extends PluginKind, N extends string> =
  PluginEntryFor<K, N> extends PluginEntry<K, OptionsSchema, infer P> ? P : PluginProduct<K>;

/**
 * The options `registry.create(kind, name, options)` accepts: the plugin's typed input
 * options when it is listed in {@link KnownPlugins}, otherwise a plain record (checked at
 * run time against the registered schema).
 */
export type PluginOptionsFor<K extends PluginKind, N extends string> =
  PluginEntryFor<K, N> extends PluginEntry<K, infer S extends OptionsSchema>
    ? string extends keyof S
      ? Readonly<Record<string, unknown>>
      : OptionsInputOf<S>
    : Readonly<Record<string, unknown>>;
