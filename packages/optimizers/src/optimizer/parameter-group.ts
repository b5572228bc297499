import type { ParameterRole } from '@deeptune/core';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';

/**
 * A parameter group: which parameters it takes and the hyperparameters it overrides.
 *
 * A parameter joins the first group (in the order given) whose selectors all match it: its
 * `role` is one of `roles` (when given) and its path equals or matches one of `paths` (when
 * given). Parameters that match no group form the group `'default'`, which uses the
 * optimizer's own options.
 *
 * @example
 * ```ts
 * adam({
 *   learningRate: 1e-3,
 *   weightDecay: 0.01,
 *   groups: [
 *     { name: 'no-weight-decay', roles: ['bias', 'scale', 'shift'], weightDecay: 0 },
 *     { name: 'head', paths: [/^head\./], learningRate: 1e-2, hyperparameters: { beta2: 0.99 } },
 *   ],
 * });
 * ```
 * @category Optimizers/Framework
 */
export interface ParameterGroupOptions {
  /** A unique name for messages and `Optimizer.parameterGroups`; not `'default'`. */
  readonly name: string;
  /** The roles the group takes (all roles when omitted). */
  readonly roles?: readonly ParameterRole[];
  /** Exact paths or patterns the group takes (all paths when omitted). */
  readonly paths?: readonly (string | RegExp)[];
  /** The group's learning rate or schedule (the optimizer's when omitted). */
  readonly learningRate?: number | LearningRateSchedule;
  /** The group's decoupled weight decay (the optimizer's when omitted). */
  readonly weightDecay?: number;
  /** Overrides of the rule's own hyperparameters, e.g. `{ beta2: 0.99 }`; validated by its schema. */
  readonly hyperparameters?: Readonly<Record<string, unknown>>;
}

/**
 * The default parameter groups: no weight decay on biases, batch-norm γ (`'scale'`) and β
 * (`'shift'`) and `'other'` parameters, so decoupled weight decay reaches weight matrices
 * only (as the L1/L2 penalties do). Pass `groups: []` to decay every parameter.
 *
 * @category Optimizers/Framework
 */
export const DEFAULT_PARAMETER_GROUPS: readonly ParameterGroupOptions[] = Object.freeze([
  Object.freeze({
    name: 'no-weight-decay',
    roles: Object.freeze(['bias', 'scale', 'shift', 'other'] as const),
    weightDecay: 0,
  }),
]);

/**
 * A parameter group as an optimizer resolved it: its name, its members and its current
 * hyperparameters.
 *
 * @category Optimizers/Framework
 */
export interface ParameterGroupInfo {
  /** The group name (`'default'` for parameters no group matched). */
  readonly name: string;
  /** The paths of its parameters, in the order they were added. */
  readonly paths: readonly string[];
  /** Its learning rate: a number or a schedule. */
  readonly learningRate: number | LearningRateSchedule;
  /** Its decoupled weight decay. */
  readonly weightDecay: number;
  /** The rule's hyperparameters for this group (defaults and overrides applied). */
  readonly hyperparameters: Readonly<Record<string, unknown>>;
}
