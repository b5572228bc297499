import { ConfigError, definePlugin, option } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `manual` schedule plugin: a user-supplied table, `values[epoch − 1]` for epochs
 * counting from 1.
 *
 * @remarks
 * ```text
 * α(epoch) = values[epoch − 1],   epoch = 1 … values.length
 * ```
 * An epoch beyond the table is an error, never the last value silently repeated: give one
 * value per epoch you train for.
 * @category Schedules
 */
export const manualSchedulePlugin = definePlugin({
  kind: 'schedule',
  name: 'manual',
  description: 'A table of learning rates, one per epoch (epoch 1 is values[0]).',
  options: {
    /** The learning rate of each epoch, from epoch 1 (each ≥ 0). */
    values: option.numberList({
      min: 0,
      minLength: 1,
      description: 'The learning rate of each epoch, from epoch 1 (each ≥ 0).',
    }),
  },
  create: ({ values }): LearningRateSchedule => {
    const table = Object.freeze([...values]);
    return (epoch: number): number => {
      assertScheduleIndex("schedule 'manual'", epoch);
      if (epoch > table.length) {
        throw new ConfigError(
          `schedule 'manual': epoch ${epoch} is beyond the table of ${table.length} learning rates. Hint: give one value per epoch of training.`,
        );
      }
      return table[epoch - 1]!;
    };
  },
});

/**
 * Creates a manual schedule from a table: epoch e (from 1) uses `values[e − 1]`.
 *
 * @param options - `values`, a non-empty list of learning rates ≥ 0.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a value is negative; the
 * schedule itself throws {@link @deeptune/core!ConfigError} for an epoch beyond the table.
 * @category Schedules
 *
 * @example
 * ```ts
 * const schedule = manualSchedule({ values: [0.1, 0.1, 0.05, 0.01] });
 * [1, 2, 3, 4].map(schedule); // [0.1, 0.1, 0.05, 0.01]
 * schedule(5); // throws ConfigError: give one value per epoch you train for
 * ```
 */
export function manualSchedule(
  ...options: Parameters<typeof manualSchedulePlugin.create>
): LearningRateSchedule {
  return manualSchedulePlugin.create(...options);
}
