import {
  ConfigError,
  MONITOR_PATTERN,
  definePlugin,
  option,
  readMonitor,
  type Callback,
} from '@deeptune/core';
import type { PlateauSchedule } from '@deeptune/optimizers';

/**
 * Options of {@link lrScheduler}.
 *
 * @category Callbacks
 */
export interface LrSchedulerOptions {
  /** The optimizer's reduce-on-plateau schedule (`reduceOnPlateau(...)` from `@deeptune/optimizers`). */
  readonly schedule: PlateauSchedule;
  /**
   * The epoch quantity to observe: `'devCost'`, `'cost'`, `'dataCost'`,
   * `'regularizationCost'`, `'metrics.<name>'` or `'devMetrics.<name>'`. The schedule's own
   * `mode` says whether lower or higher is better.
   * @defaultValue 'devCost'
   */
  readonly monitor?: string;
}

/** Whether `value` looks like a reduce-on-plateau schedule. */
function isPlateauSchedule(value: unknown): value is PlateauSchedule {
  return (
    typeof value === 'function' && typeof (value as Partial<PlateauSchedule>).observe === 'function'
  );
}

/**
 * The `lr-scheduler` callback as a registry entry:
 * `registry.create('callback', 'lr-scheduler', { schedule, monitor })`.
 *
 * @category Callbacks
 */
export const lrSchedulerPlugin = definePlugin({
  kind: 'callback',
  name: 'lr-scheduler',
  description: 'Feeds an epoch quantity (devCost by default) to a reduce-on-plateau schedule.',
  options: {
    /** The reduce-on-plateau schedule. */
    schedule: option.custom({
      typeName:
        "a reduce-on-plateau schedule (reduceOnPlateau(...); other schedules go straight into the optimizer's learningRate)",
      check: isPlateauSchedule,
      description: "The optimizer's reduce-on-plateau schedule.",
    }),
    /** The epoch quantity to observe. */
    monitor: option.string({
      default: 'devCost',
      pattern: MONITOR_PATTERN,
      description: "The epoch quantity to observe, e.g. 'devCost' or 'devMetrics.accuracy'.",
    }),
  },
  create: ({ schedule, monitor }): Callback => ({
    name: 'lr-scheduler',
    onEpochEnd: ({ logs, epoch }) => {
      const value = readMonitor(logs, monitor);
      if (value === undefined) {
        throw new ConfigError(
          `lrScheduler: monitor '${monitor}' is missing from the logs of epoch ${epoch}. Hint: give fit devData (for dev quantities) and the metric in metrics, or monitor 'cost'.`,
        );
      }
      schedule.observe(value);
    },
  }),
});

/**
 * A callback that drives a reduce-on-plateau learning-rate schedule from the training loop:
 * after every epoch it calls `schedule.observe(value)` with the monitored quantity.
 *
 * Other schedules need no callback: an optimizer evaluates them from its step count (see
 * `perEpoch` in `@deeptune/optimizers`). Reduce-on-plateau is different because it reacts to
 * a validation quantity, which only the training loop knows.
 *
 * @param options - `schedule` and `monitor` (default `'devCost'`).
 * @returns a {@link @deeptune/core!Callback} named `'lr-scheduler'`.
 * @throws {@link @deeptune/core!ConfigError} when `schedule` is not a reduce-on-plateau
 *   schedule or `monitor` is not a known quantity; during training, when the monitored
 *   quantity is missing from the epoch logs.
 * @category Callbacks
 *
 * @example
 * ```ts
 * import { adam, reduceOnPlateau } from '@deeptune/optimizers';
 *
 * const schedule = reduceOnPlateau({ initialLearningRate: 1e-3, patience: 2, factor: 0.5 });
 * await fit(model, train, {
 *   loss,
 *   optimizer: adam({ learningRate: schedule }),
 *   epochs: 20,
 *   batchSize: 64,
 *   devData: dev,
 *   callbacks: [lrScheduler({ schedule })],
 * });
 * ```
 */
export function lrScheduler(options: LrSchedulerOptions): Callback {
  return lrSchedulerPlugin.create(options);
}
