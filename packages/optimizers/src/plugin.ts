import { definePluginPackage } from '@deeptune/core';
import type { Optimizer } from './optimizer/optimizer.js';
import { adamPlugin } from './optimizers/adam.js';
import { adamwPlugin } from './optimizers/adamw.js';
import { momentumPlugin } from './optimizers/momentum.js';
import { rmspropPlugin } from './optimizers/rmsprop.js';
import { sgdPlugin } from './optimizers/sgd.js';
import { exponentialDecayPlugin } from './schedules/exponential-decay.js';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { manualSchedulePlugin } from './schedules/manual-schedule.js';
import { reduceOnPlateauPlugin } from './schedules/reduce-on-plateau.js';
import { squareRootDecayPlugin } from './schedules/square-root-decay.js';
import { staircaseDecayPlugin } from './schedules/staircase-decay.js';
import { timeDecayPlugin } from './schedules/time-decay.js';
import { warmupCosinePlugin } from './schedules/warmup-cosine.js';

declare module '@deeptune/core' {
  interface PluginProducts {
    /** An optimizer from `@deeptune/optimizers`: an update rule plus the framework, e.g. Adam. */
    optimizer: Optimizer;
    /** A learning-rate schedule `(t) => learningRate`, e.g. time-based decay. */
    schedule: LearningRateSchedule;
  }

  interface KnownPlugins {
    'optimizer/sgd': typeof sgdPlugin;
    'optimizer/momentum': typeof momentumPlugin;
    'optimizer/rmsprop': typeof rmspropPlugin;
    'optimizer/adam': typeof adamPlugin;
    'optimizer/adamw': typeof adamwPlugin;
    'schedule/time-decay': typeof timeDecayPlugin;
    'schedule/exponential-decay': typeof exponentialDecayPlugin;
    'schedule/square-root-decay': typeof squareRootDecayPlugin;
    'schedule/staircase-decay': typeof staircaseDecayPlugin;
    'schedule/manual': typeof manualSchedulePlugin;
    'schedule/reduce-on-plateau': typeof reduceOnPlateauPlugin;
    'schedule/warmup-cosine': typeof warmupCosinePlugin;
  }
}

/**
 * The plugins of `@deeptune/optimizers`, declared as data: the optimizers `sgd`,
 * `momentum`, `rmsprop`, `adam` and `adamw`, and the schedules `time-decay`,
 * `exponential-decay`, `square-root-decay`, `staircase-decay`, `manual`,
 * `reduce-on-plateau` and `warmup-cosine`.
 *
 * Importing the package registers nothing; a registry adds them with `registry.use(plugin)`
 * or `register(registry)`. `registry.create('optimizer', 'adam', options)` runs the same
 * factory and validation as `adam(options)`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry({ plugins: [plugin] });
 * const optimizer = registry.create('optimizer', 'adam', { learningRate: 1e-3 });
 * const schedule = registry.create('schedule', 'time-decay', { initialLearningRate: 0.2 });
 * ```
 */
export const plugin = definePluginPackage({
  name: '@deeptune/optimizers',
  entries: [
    sgdPlugin,
    momentumPlugin,
    rmspropPlugin,
    adamPlugin,
    adamwPlugin,
    timeDecayPlugin,
    exponentialDecayPlugin,
    squareRootDecayPlugin,
    staircaseDecayPlugin,
    manualSchedulePlugin,
    reduceOnPlateauPlugin,
    warmupCosinePlugin,
  ],
});

/**
 * Adds the plugins of `@deeptune/optimizers` to a registry; the same as
 * `registry.use(plugin)`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * const unregister = register(registry);
 * registry.create('optimizer', 'momentum', { learningRate: 0.1, momentum: 0.9 });
 * registry.names('schedule'); // ['exponential-decay', 'manual', 'reduce-on-plateau', …]
 * unregister(); // removes what this call added
 * ```
 */
export const register = plugin.register;
