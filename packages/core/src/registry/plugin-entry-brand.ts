import { defineBrand } from '../copies/define-brand.js';
import type { PluginEntry } from './define-plugin.js';

/**
 * The brand `definePlugin` puts on every entry (a non-enumerable property): it records the
 * copy of `@deeptune/core` that made the entry, so a registry of an incompatible copy refuses
 * it with an `IncompatibleCopyError` at registration instead of failing at first use.
 * Entries written by hand carry no brand and are checked by shape only.
 * @internal
 */
export const pluginEntryBrand = defineBrand<PluginEntry>(
  'deeptune.core.PluginEntry',
  'a plugin entry',
);
