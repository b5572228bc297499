import { InvalidHyperparameterError, definePlugin, option, portableSinCos } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import { initialLearningRateOption } from './initial-learning-rate.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * The `warmup-cosine` schedule plugin: a linear warmup to α₀, then a cosine decay to
 * `minLearningRate`, by step counting from 1.
 *
 * @remarks
 * ```text
 * t ≤ W:        α(t) = α₀ · t / W                                      (W = warmupSteps)
 * W < t ≤ T:    α(t) = αmin + (α₀ − αmin) · ½·(1 + cos(π·(t − W)/(T − W)))   (T = totalSteps)
 * t > T:        α(t) = αmin
 * ```
 * @see https://arxiv.org/abs/1608.03983 (SGDR: cosine annealing, Loshchilov & Hutter)
 * @see https://arxiv.org/abs/1706.02677 (linear warmup, Goyal et al.)
 * @category Schedules
 */
export const warmupCosinePlugin = definePlugin({
  kind: 'schedule',
  name: 'warmup-cosine',
  description: 'Linear warmup to α₀ over warmupSteps, then cosine decay to minLearningRate.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: initialLearningRateOption,
    /** Warmup steps W (≥ 0). */
    warmupSteps: option.number({ integer: true, min: 0, description: 'Warmup steps W (≥ 0).' }),
    /** Step T at which the cosine reaches minLearningRate (> warmupSteps). */
    totalSteps: option.number({
      integer: true,
      min: 1,
      description: 'Step T at which the cosine reaches minLearningRate (> warmupSteps).',
    }),
    /** Final learning rate αmin (≤ α₀). */
    minLearningRate: option.number({
      default: 0,
      min: 0,
      description: 'Final learning rate αmin (≤ α₀).',
    }),
  },
  create: ({
    initialLearningRate,
    warmupSteps,
    totalSteps,
    minLearningRate,
  }): LearningRateSchedule => {
    if (totalSteps <= warmupSteps) {
      throw new InvalidHyperparameterError(
        `schedule 'warmup-cosine': option 'totalSteps' must be > warmupSteps (${warmupSteps}), got ${totalSteps}`,
      );
    }
    if (minLearningRate > initialLearningRate) {
      throw new InvalidHyperparameterError(
        `schedule 'warmup-cosine': option 'minLearningRate' must be <= initialLearningRate (${initialLearningRate}), got ${minLearningRate}`,
      );
    }
    const span = totalSteps - warmupSteps;
    return (step: number): number => {
      assertScheduleIndex("schedule 'warmup-cosine'", step);
      if (step <= warmupSteps) return (initialLearningRate * step) / warmupSteps;
      if (step > totalSteps) return minLearningRate;
      const progress = (step - warmupSteps) / span;
      // cos(π·progress) = the cosine of progress/2 turns, computed portably (not Math.cos).
      const cosine = portableSinCos(progress / 2)[1];
      return minLearningRate + (initialLearningRate - minLearningRate) * 0.5 * (1 + cosine);
    };
  },
});

/**
 * Creates a warmup + cosine schedule (by step, counting from 1).
 *
 * @param options - `initialLearningRate` α₀ > 0 (the peak), `warmupSteps` ≥ 0, `totalSteps`
 * > warmupSteps, `minLearningRate` in [0, α₀] (default 0).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range
 * or `totalSteps <= warmupSteps`.
 * @category Schedules
 *
 * @example
 * ```ts
 * const schedule = warmupCosine({ initialLearningRate: 1e-3, warmupSteps: 100, totalSteps: 1000 });
 * [50, 100, 550, 1000, 2000].map(schedule); // [0.0005, 0.001, 0.0005, 0, 0]
 * const optimizer = adam({ learningRate: schedule }); // advanced once per step
 * ```
 */
export function warmupCosine(
  ...options: Parameters<typeof warmupCosinePlugin.create>
): LearningRateSchedule {
  return warmupCosinePlugin.create(...options);
}
