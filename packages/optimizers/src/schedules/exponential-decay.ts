import { definePlugin, option, portablePow } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import { initialLearningRateOption } from './initial-learning-rate.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `exponential-decay` schedule plugin: α = α₀·decayRate^epoch, epochs counting from 1.
 *
 * @remarks
 * ```text
 * α(epoch) = α₀ · decayRate^epoch,   epoch = 1, 2, 3, …   (e.g. decayRate = 0.95)
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html
 * @category Schedules
 */
export const exponentialDecayPlugin = definePlugin({
  kind: 'schedule',
  name: 'exponential-decay',
  description: 'Exponential decay α₀·decayRate^epoch, epochs from 1.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: initialLearningRateOption,
    /** Factor k per epoch, in (0, 1]. */
    decayRate: option.number({
      default: 0.95,
      exclusiveMin: 0,
      max: 1,
      description: 'Factor k per epoch, in (0, 1].',
    }),
  },
  create: ({ initialLearningRate, decayRate }): LearningRateSchedule => {
    return (epoch: number): number => {
      assertScheduleIndex("schedule 'exponential-decay'", epoch);
      return initialLearningRate * portablePow(decayRate, epoch);
    };
  },
});

/**
 * Creates an exponential decay schedule α₀·decayRate^epoch, epochs counting from 1.
 *
 * @param options - `initialLearningRate` α₀ > 0 and `decayRate` in (0, 1] (default 0.95).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Schedules
 *
 * @example
 * ```ts
 * const schedule = exponentialDecay({ initialLearningRate: 0.1, decayRate: 0.9 });
 * [1, 2, 3, 4].map(schedule); // ≈ [0.09, 0.081, 0.0729, 0.0656]
 * const optimizer = sgd({ learningRate: perEpoch(schedule, 100) }); // 100 mini-batches per epoch
 * ```
 */
export function exponentialDecay(
  ...options: Parameters<typeof exponentialDecayPlugin.create>
): LearningRateSchedule {
  return exponentialDecayPlugin.create(...options);
}
