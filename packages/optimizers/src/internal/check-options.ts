import { ConfigError, InvalidHyperparameterError, describeValue } from '@deeptune/core';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';

/**
 * Checks a learning rate (number or schedule) and returns it.
 * @internal
 */
export function checkLearningRate(where: string, value: unknown): number | LearningRateSchedule {
  if (typeof value === 'function') return value as LearningRateSchedule;
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new InvalidHyperparameterError(
        `${where}: option 'learningRate' must be a number > 0, got ${describeValue(value)}. Hint: the learning rate α is a step size; typical values are 1e-4 to 1e-1.`,
      );
    }
    return value;
  }
  throw new ConfigError(
    `${where}: option 'learningRate' must be a number > 0 or a schedule function, got ${describeValue(value)}`,
  );
}

/**
 * Checks a decoupled weight decay and returns it.
 * @internal
 */
export function checkWeightDecay(where: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new ConfigError(
      `${where}: option 'weightDecay' must be a number >= 0, got ${describeValue(value)}`,
    );
  }
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidHyperparameterError(
      `${where}: option 'weightDecay' must be a finite number >= 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Checks the limit of a clipping transform: a finite number > 0.
 * @internal
 */
export function checkClipLimit(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidHyperparameterError(
      `${where}: ${name} must be a finite number > 0, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * The learning rate of a group at step t: the number itself, or the schedule's value, which
 * must be a finite number ≥ 0.
 * @internal
 */
export function resolveLearningRate(
  optimizer: string,
  group: string,
  source: number | LearningRateSchedule,
  t: number,
): number {
  if (typeof source === 'number') return source;
  const value = source(t);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidHyperparameterError(
      `optimizer '${optimizer}': the learning-rate schedule of group '${group}' returned ${describeValue(value)} at step ${t}; expected a finite number >= 0`,
    );
  }
  return value;
}
