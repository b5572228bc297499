import { DeeptuneError, type DeeptuneErrorOptions } from '@deeptune/core';

const marker = Symbol.for('deeptune.error.TRIAL_PRUNED');

/**
 * Thrown by an objective to say that its trial was pruned (after {@link Trial.shouldPrune}
 * returned true); the study records the trial as pruned with its last reported value and the
 * pruner's reason, and goes on with the next trial.
 *
 * Code: `'TRIAL_PRUNED'`.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   for (let epoch = 1; epoch <= 10; epoch++) {
 *     const devError = await trainOneEpoch(trial.params);
 *     trial.report(epoch, devError);
 *     if (trial.shouldPrune()) throw new TrialPrunedError(trial.pruneReason!);
 *   }
 *   return devError;
 * }, { trials: 30 });
 * ```
 */
export class TrialPrunedError extends DeeptuneError {
  /** The stable code of this error class. */
  static readonly code = 'TRIAL_PRUNED';

  /**
   * @param message - the pruner's reason.
   * @param options - an optional `cause`.
   */
  constructor(message: string, options: DeeptuneErrorOptions = {}) {
    super(TrialPrunedError.code, message, options);
    this.name = 'TrialPrunedError';
  }

  /** Whether `value` is a {@link TrialPrunedError} (works across package copies). */
  static override isInstance(value: unknown): value is TrialPrunedError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true
    );
  }
}
