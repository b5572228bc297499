import { definePlugin, option } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import { initialLearningRateOption } from './initial-learning-rate.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `time-decay` schedule plugin: α = α₀ / (1 + decayRate·epoch), epochs counting from 1.
 *
 * @remarks
 * ```text
 * α(epoch) = α₀ / (1 + decayRate · epoch),   epoch = 1, 2, 3, …
 * α₀ = 0.2, decayRate = 1:  0.1, 0.0667, 0.05, 0.04
 * ```
 * @see https://keras.io/api/optimizers/learning_rate_schedules/inverse_time_decay/
 * @category Schedules
 */
export const timeDecayPlugin = definePlugin({
  kind: 'schedule',
  name: 'time-decay',
  description: 'Time-based decay α₀/(1 + decayRate·epoch), epochs from 1.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: initialLearningRateOption,
    /** Decay rate (≥ 0). */
    decayRate: option.number({ default: 1, min: 0, description: 'Decay rate (≥ 0).' }),
  },
  create: ({ initialLearningRate, decayRate }): LearningRateSchedule => {
    return (epoch: number): number => {
      assertScheduleIndex("schedule 'time-decay'", epoch);
      return initialLearningRate / (1 + decayRate * epoch);
    };
  },
});

/**
 * Creates a time-based decay schedule α₀ / (1 + decayRate·epoch), epochs counting from 1.
 *
 * @param options - `initialLearningRate` α₀ > 0 and `decayRate` ≥ 0 (default 1).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Schedules
 *
 * @example
 * ```ts
 * const schedule = timeDecay({ initialLearningRate: 0.2, decayRate: 1 });
 * [1, 2, 3, 4].map(schedule); // [0.1, 0.0667, 0.05, 0.04]
 * ```
 */
export function timeDecay(
  ...options: Parameters<typeof timeDecayPlugin.create>
): LearningRateSchedule {
  return timeDecayPlugin.create(...options);
}
