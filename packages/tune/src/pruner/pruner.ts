import type { Direction, TrialRecord } from '../study/trial-record.js';

/**
 * What a pruner compares a trial with.
 *
 * @category Pruners
 */
export interface PrunerContext {
  /** Whether smaller values are better (`minimize`, a dev error) or larger ones. */
  readonly direction: Direction;
  /** Every other trial of the study, in any state, with the values it reported so far. */
  readonly trials: readonly TrialRecord[];
}

/**
 * A pruner's decision to stop a trial, with the reason recorded and shown.
 *
 * @category Pruners
 */
export interface PruneDecision {
  /** Why, with the figures: `dev error 0.41 at epoch 2 is worse than the median 0.18 of 6 trials`. */
  readonly reason: string;
}

/**
 * Stops hopeless trials early from their per-epoch values. Built-in: `median` and `asha`
 * (asynchronous successive halving).
 *
 * @category Pruners
 */
export interface Pruner {
  /** Its registry name, e.g. `median`. */
  readonly name: string;
  /** Its options as JSON data (recorded in the study's storage). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Called each time the trial reports a value (its last `intermediate` entry): a decision
   * to prune it, or `null` to let it go on.
   */
  check(trial: TrialRecord, context: PrunerContext): PruneDecision | null;
}
