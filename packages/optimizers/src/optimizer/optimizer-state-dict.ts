import type { Storage } from '@deeptune/core';
import type { ScheduleState } from '../schedules/stateful-schedule.js';

/**
 * An optimizer's saved state, keyed by parameter path (never by position).
 *
 * The update rule's state is `parameters[path]`, as it always was; the state of any other
 * stateful transform of the chain is `transforms[name][path]`.
 *
 * `Optimizer.stateDict()` returns copies of the state buffers as typed arrays of the
 * parameters' dtypes. For JSON, turn the typed arrays into plain arrays (`Array.from`);
 * `loadStateDict` accepts either, and since JSON writes every double so that it reads back
 * exactly, a JSON round trip still resumes bit-identically.
 *
 * @category Optimizers/Framework
 */
export interface OptimizerStateDict {
  /** The registry name of the optimizer that saved it, e.g. `'adam'`. */
  readonly optimizer: string;
  /** How many steps had been taken. */
  readonly step: number;
  /** Per parameter path, the rule's state: buffers and numbers. */
  readonly parameters: Readonly<
    Record<string, Readonly<Record<string, number | Storage | readonly number[]>>>
  >;
  /** Per group name, the state of a stateful learning-rate schedule (e.g. reduce-on-plateau). */
  readonly schedules: Readonly<Record<string, ScheduleState>>;
  /**
   * Per transform name, then per parameter path, the state of every transform of the chain
   * other than the update rule that keeps state (e.g. a weight EMA's shadow weights).
   * Absent when there is none: the default chains of the built-in optimizers, and every
   * state dict saved before optimizers became chains of transforms.
   */
  readonly transforms?: Readonly<
    Record<
      string,
      Readonly<Record<string, Readonly<Record<string, number | Storage | readonly number[]>>>>
    >
  >;
}
