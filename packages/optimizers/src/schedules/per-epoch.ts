import { InvalidHyperparameterError, describeValue } from '@deeptune/core';
import { assertScheduleIndex } from '../internal/check-step.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * Turns a schedule of the epoch into a schedule of the step, for an optimizer (which calls
 * its schedule with the step number): step t falls in epoch ⌊(t − 1)/stepsPerEpoch⌋ + 1.
 *
 * Both count from 1: steps 1 … stepsPerEpoch are epoch 1.
 *
 * @param schedule - a schedule of the epoch number, e.g. `timeDecay({...})`.
 * @param stepsPerEpoch - mini-batches per epoch, an integer ≥ 1.
 * @returns a schedule of the step number.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `stepsPerEpoch` is not an
 * integer ≥ 1.
 * @category Schedules
 *
 * @example
 * ```ts
 * const optimizer = momentum({
 *   learningRate: perEpoch(timeDecay({ initialLearningRate: 0.2, decayRate: 1 }), 100),
 * });
 * ```
 */
export function perEpoch(
  schedule: LearningRateSchedule,
  stepsPerEpoch: number,
): LearningRateSchedule {
  if (!Number.isInteger(stepsPerEpoch) || stepsPerEpoch < 1) {
    throw new InvalidHyperparameterError(
      `perEpoch: stepsPerEpoch must be an integer >= 1, got ${describeValue(stepsPerEpoch)}`,
    );
  }
  return (step: number): number => {
    assertScheduleIndex('perEpoch', step);
    return schedule(Math.floor((step - 1) / stepsPerEpoch) + 1);
  };
}
