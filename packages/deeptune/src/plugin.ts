import { definePluginPackage } from '@deeptune/core';
import { plugins } from './create-default-registry.js';

/** Every built-in entry of every deeptune library, as one plugin package. */
export const plugin = definePluginPackage({
  name: 'deeptune',
  entries: plugins.flatMap((pluginPackage) => pluginPackage.entries),
});
