import { definePluginPackage } from '@deeptune/core';
import { earlyStoppingPlugin } from './callbacks/early-stopping.js';
import { gaussianNoisePlugin } from './augmentation/gaussian-noise.js';
import { dropoutPlugin } from './dropout/dropout.js';
import { horizontalFlipPlugin } from './augmentation/horizontal-flip.js';
import { randomRotationPlugin } from './augmentation/random-rotation.js';
import { randomShiftPlugin } from './augmentation/random-shift.js';
import { l1Plugin } from './regularizers/l1.js';
import { l2Plugin } from './regularizers/l2.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'regularizer/l2': typeof l2Plugin;
    'regularizer/l1': typeof l1Plugin;
    'layer/dropout': typeof dropoutPlugin;
    'augmentation/horizontal-flip': typeof horizontalFlipPlugin;
    'augmentation/random-shift': typeof randomShiftPlugin;
    'augmentation/random-rotation': typeof randomRotationPlugin;
    'augmentation/gaussian-noise': typeof gaussianNoisePlugin;
    'callback/early-stopping': typeof earlyStoppingPlugin;
  }
}

/**
 * The plugins of `@deeptune/regularization`: the regularizers `l2` and `l1`, the
 * `dropout` layer, and the augmentations `horizontal-flip`, `random-shift`, `random-rotation` and `gaussian-noise`, and the `early-stopping` callback.
 *
 * Importing the package registers nothing; a registry adds these entries with
 * `registry.use(plugin)` (or {@link register}).
 *
 * @example
 * ```ts
 * import { createRegistry } from '@deeptune/core';
 * import { plugin } from '@deeptune/regularization';
 *
 * const registry = createRegistry({ plugins: [plugin] });
 * const penalty = registry.create('regularizer', 'l2', { lambda: 0.7 });
 * const flip = registry.create('augmentation', 'horizontal-flip', { height: 28, width: 28 });
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/regularization',
  entries: [
    l2Plugin,
    l1Plugin,
    dropoutPlugin,
    horizontalFlipPlugin,
    randomShiftPlugin,
    randomRotationPlugin,
    gaussianNoisePlugin,
    earlyStoppingPlugin,
  ],
});

/**
 * Adds the plugins of `@deeptune/regularization` to a registry; the same as
 * `registry.use(plugin)`.
 *
 * @returns a disposer that removes what this call added.
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry);
 * const penalty = registry.create('regularizer', 'l2', { lambda: 0.01 });
 * const dropout = registry.create('layer', 'dropout', { keepProb: 0.8 });
 * ```
 */
export const register = plugin.register;
