import { definePlugin, option } from '@deeptune/core';
import type { Direction, TrialRecord } from '../study/trial-record.js';
import type { PruneDecision, Pruner, PrunerContext } from './pruner.js';

/** Whether `a` is strictly worse than `b` in `direction`. */
function isWorse(a: number, b: number, direction: Direction): boolean {
  return direction === 'minimize' ? a > b : a < b;
}

/** The trial's best value so far (NaN ignored), or NaN when it reported no number. */
function bestSoFar(trial: TrialRecord, direction: Direction): number {
  let best = Number.NaN;
  for (const { value } of trial.intermediate) {
    if (Number.isNaN(value)) continue;
    if (Number.isNaN(best) || isWorse(best, value, direction)) best = value;
  }
  return best;
}

/** The first value `trial` reported at `epoch`, or `undefined` when it reported none. */
function valueAt(trial: TrialRecord, epoch: number): number | undefined {
  return trial.intermediate.find((entry) => entry.epoch === epoch)?.value;
}

/** The median of non-empty `values`: the middle one, or the mean of the two middle ones. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * `a` and `b` with as few significant digits as tell them apart (3 at least, 17 at most),
 * so that a reason never reads "0.183 is worse than 0.183".
 */
function formatPair(a: number, b: number): [string, string] {
  for (let digits = 3; digits < 17; digits += 1) {
    const left = String(Number(a.toPrecision(digits)));
    const right = String(Number(b.toPrecision(digits)));
    if (left !== right) return [left, right];
  }
  return [String(a), String(b)];
}

/**
 * The `median` pruner plugin: the median stopping rule (Optuna's `MedianPruner`, Google
 * Vizier's "median stopping rule"). A trial is stopped at an epoch when the best value it
 * reached so far is worse than the median of the values that the completed trials reported
 * at that same epoch.
 *
 * @remarks
 * Called each time a trial reports a value; `e` is the epoch of that (newest) value:
 *
 * ```text
 * C    = other trials in state 'complete'
 * if |C| = 0 or |C| < startupTrials            → go on
 * if e ≤ warmupEpochs                          → go on
 * best = min of the trial's values so far      (max when maximizing; NaN ignored)
 * if every value so far is NaN                 → prune
 * V    = { c's value at epoch e : c ∈ C reported epoch e, value not NaN }
 * if |V| < minTrials                           → go on
 * m    = median(V)                             (mean of the two middle values when |V| is even)
 * prune  ⇔  best > m   (minimize)
 *        ⇔  best < m   (maximize)               a tie with the median goes on
 * ```
 *
 * This is Optuna's `PercentilePruner` at the 50th percentile with `interval_steps = 1`, with
 * epochs counting from 1 instead of steps from 0: `warmupEpochs: w` allows pruning from epoch
 * `w + 1` on (Optuna's `n_warmup_steps` allows it from step `n_warmup_steps` on). One
 * difference: Optuna counts NaN values towards `n_min_trials`, this pruner does not (a NaN
 * value says nothing about the median). A trial whose epoch-`e` value was reported twice is
 * compared by its first one, as Optuna ignores a repeated report of the same step.
 *
 * The decision's reason gives the figures, e.g.
 * `best value 0.412 by epoch 2 is worse than the median 0.183 of 6 completed trials at epoch 2`.
 *
 * @see https://optuna.readthedocs.io/en/stable/reference/generated/optuna.pruners.MedianPruner.html
 * @see Golovin et al., "Google Vizier: A Service for Black-Box Optimization", KDD 2017, §3.2.1.
 * @category Pruners
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * registry.register(medianPrunerPlugin);
 * const pruner = registry.create('pruner', 'median', { startupTrials: 10, warmupEpochs: 2 });
 * // the same pruner as medianPruner({ startupTrials: 10, warmupEpochs: 2 }), validated by the same schema
 * ```
 */
export const medianPrunerPlugin = definePlugin({
  kind: 'pruner',
  name: 'median',
  description:
    "Prunes a trial whose best value so far is worse than the completed trials' median at the same epoch.",
  options: {
    /** No pruning until this many trials have completed (integer ≥ 0). */
    startupTrials: option.number({
      default: 5,
      min: 0,
      integer: true,
      description: 'No pruning until this many trials have completed (integer ≥ 0).',
    }),
    /** No pruning at epochs ≤ this (integer ≥ 0; epochs count from 1). */
    warmupEpochs: option.number({
      default: 0,
      min: 0,
      integer: true,
      description: 'No pruning at epochs ≤ this (integer ≥ 0; epochs count from 1).',
    }),
    /** At least this many completed trials must have a value at the epoch (integer ≥ 1). */
    minTrials: option.number({
      default: 1,
      min: 1,
      integer: true,
      description:
        'At least this many completed trials must have a value at the epoch (integer ≥ 1).',
    }),
  },
  create: ({ startupTrials, warmupEpochs, minTrials }): Pruner => {
    const options = Object.freeze({ startupTrials, warmupEpochs, minTrials });
    return Object.freeze({
      name: 'median',
      options,
      check(trial: TrialRecord, context: PrunerContext): PruneDecision | null {
        const newest = trial.intermediate.at(-1);
        if (newest === undefined) return null;
        const epoch = newest.epoch;
        const completed = context.trials.filter(
          (other) => other.state === 'complete' && other.number !== trial.number,
        );
        if (completed.length === 0 || completed.length < startupTrials) return null;
        if (epoch <= warmupEpochs) return null;
        const { direction } = context;
        const best = bestSoFar(trial, direction);
        if (Number.isNaN(best)) {
          return { reason: `every value reported by epoch ${epoch} is NaN` };
        }
        const values: number[] = [];
        for (const other of completed) {
          const value = valueAt(other, epoch);
          if (value !== undefined && !Number.isNaN(value)) values.push(value);
        }
        if (values.length < minTrials) return null;
        const middle = median(values);
        if (!isWorse(best, middle, direction)) return null;
        const [bestText, medianText] = formatPair(best, middle);
        const trials =
          values.length === 1 ? '1 completed trial' : `${values.length} completed trials`;
        return {
          reason: `best value ${bestText} by epoch ${epoch} is worse than the median ${medianText} of ${trials} at epoch ${epoch}`,
        };
      },
    });
  },
});

/**
 * Creates a `median` pruner: stops a trial at epoch `e` when its best value so far is worse
 * than the median of the completed trials' values at epoch `e` (see
 * {@link medianPrunerPlugin} for the exact rule).
 *
 * @param options - `startupTrials` (integer ≥ 0, default 5): no pruning until this many trials
 * have completed; `warmupEpochs` (integer ≥ 0, default 0): no pruning at epochs ≤ this;
 * `minTrials` (integer ≥ 1, default 1): at least this many completed trials must have a value
 * at the epoch.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range or
 * not an integer.
 * @category Pruners
 *
 * @example
 * ```ts
 * const pruner = medianPruner({ startupTrials: 2 });
 * // two completed trials reported dev errors 0.30 and 0.20 at epoch 1 (median 0.25)
 * pruner.check(trial, { direction: 'minimize', trials }); // trial reported 0.41 at epoch 1
 * // { reason: 'best value 0.41 by epoch 1 is worse than the median 0.25 of 2 completed trials at epoch 1' }
 * ```
 */
export function medianPruner(...options: Parameters<typeof medianPrunerPlugin.create>): Pruner {
  return medianPrunerPlugin.create(...options);
}
