import { definePlugin, option, portablePow } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import { initialLearningRateOption } from './initial-learning-rate.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `staircase-decay` schedule plugin: α = α₀·decayRate^⌊epoch/decaySteps⌋ (the course's
 * discrete staircase with decayRate 0.5: halve every k epochs), epochs counting from 1.
 *
 * @remarks
 * ```text
 * α(epoch) = α₀ · decayRate^⌊epoch / k⌋,   epoch = 1, 2, 3, …   (k = decaySteps, decayRate = 0.5)
 * k = 2:  epochs 1, 2, 3, 4, 5 → α₀, α₀/2, α₀/2, α₀/4, α₀/4
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html
 * @category Schedules
 */
export const staircaseDecayPlugin = definePlugin({
  kind: 'schedule',
  name: 'staircase-decay',
  description: 'Staircase decay α₀·decayRate^⌊epoch/decaySteps⌋, epochs from 1.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: initialLearningRateOption,
    /** Epochs k per stair (an integer ≥ 1). */
    decaySteps: option.number({
      integer: true,
      min: 1,
      description: 'Epochs k per stair (an integer ≥ 1).',
    }),
    /** Factor per stair, in (0, 1]. */
    decayRate: option.number({
      default: 0.5,
      exclusiveMin: 0,
      max: 1,
      description: 'Factor per stair, in (0, 1].',
    }),
  },
  create: ({ initialLearningRate, decaySteps, decayRate }): LearningRateSchedule => {
    return (epoch: number): number => {
      assertScheduleIndex("schedule 'staircase-decay'", epoch);
      return initialLearningRate * portablePow(decayRate, Math.floor(epoch / decaySteps));
    };
  },
});

/**
 * Creates a staircase schedule α₀·decayRate^⌊epoch/decaySteps⌋, epochs counting from 1.
 *
 * @param options - `initialLearningRate` α₀ > 0, `decaySteps` k ≥ 1, `decayRate` in (0, 1]
 * (default 0.5).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Schedules
 *
 * @example
 * ```ts
 * // halve the learning rate every 2 epochs
 * const schedule = staircaseDecay({ initialLearningRate: 0.1, decaySteps: 2 });
 * [1, 2, 3, 4, 5].map(schedule); // [0.1, 0.05, 0.05, 0.025, 0.025]
 * ```
 */
export function staircaseDecay(
  ...options: Parameters<typeof staircaseDecayPlugin.create>
): LearningRateSchedule {
  return staircaseDecayPlugin.create(...options);
}
