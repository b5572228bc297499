import { definePlugin, option } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import { initialLearningRateOption } from './initial-learning-rate.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `square-root-decay` schedule plugin: α = α₀·k/√epoch, epochs counting from 1.
 *
 * @remarks
 * ```text
 * α(epoch) = α₀ · k / √epoch,   epoch = 1, 2, 3, …   (k = factor)
 * ```
 * @category Schedules
 */
export const squareRootDecayPlugin = definePlugin({
  kind: 'schedule',
  name: 'square-root-decay',
  description: 'Square-root decay α₀·k/√epoch, epochs from 1.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: initialLearningRateOption,
    /** The constant k (> 0). */
    factor: option.number({ default: 1, exclusiveMin: 0, description: 'The constant k (> 0).' }),
  },
  create: ({ initialLearningRate, factor }): LearningRateSchedule => {
    return (epoch: number): number => {
      assertScheduleIndex("schedule 'square-root-decay'", epoch);
      return (initialLearningRate * factor) / Math.sqrt(epoch);
    };
  },
});

/**
 * Creates a square-root decay schedule α₀·k/√epoch, epochs counting from 1.
 *
 * @param options - `initialLearningRate` α₀ > 0 and `factor` k > 0 (default 1).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Schedules
 *
 * @example
 * ```ts
 * const schedule = squareRootDecay({ initialLearningRate: 0.1 });
 * [1, 4, 9, 16].map(schedule); // ≈ [0.1, 0.05, 0.0333, 0.025]
 * ```
 */
export function squareRootDecay(
  ...options: Parameters<typeof squareRootDecayPlugin.create>
): LearningRateSchedule {
  return squareRootDecayPlugin.create(...options);
}
