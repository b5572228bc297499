import type { LearningRateSchedule } from './learning-rate-schedule.js';

/**
 * Plain-data state of a stateful schedule, as JSON would hold it (no `Infinity`, no `NaN`).
 *
 * @category Schedules
 */
export type ScheduleState = Readonly<Record<string, number | null>>;

/**
 * A schedule with explicit, serialisable state, such as reduce-on-plateau.
 *
 * An optimizer whose learning rate is such a schedule saves its state in
 * `Optimizer.stateDict()` and restores it in `loadStateDict()`.
 *
 * @category Schedules
 */
export interface StatefulSchedule extends LearningRateSchedule {
  /** A copy of the current state. */
  stateDict(): ScheduleState;
  /**
   * Replaces the state.
   * @throws {@link @deeptune/core!StateDictError} when `state` does not have this schedule's fields.
   */
  loadStateDict(state: ScheduleState): void;
}

/**
 * Whether a learning rate (a number or a schedule) is a {@link StatefulSchedule}.
 *
 * @param value - a learning rate or schedule.
 * @returns `true` when `value` is a function with `stateDict` and `loadStateDict` methods.
 * @category Schedules
 *
 * @example
 * ```ts
 * isStatefulSchedule(reduceOnPlateau({ initialLearningRate: 0.1 })); // true
 * isStatefulSchedule(timeDecay({ initialLearningRate: 0.1 })); // false: a pure function of the epoch
 * isStatefulSchedule(0.01); // false
 * ```
 */
export function isStatefulSchedule(value: unknown): value is StatefulSchedule {
  return (
    typeof value === 'function' &&
    typeof (value as Partial<StatefulSchedule>).stateDict === 'function' &&
    typeof (value as Partial<StatefulSchedule>).loadStateDict === 'function'
  );
}
