import { definePlugin, option } from '@deeptune/core';
import type { TrialRecord } from '../study/trial-record.js';
import type { PruneDecision, Pruner, PrunerContext } from './pruner.js';

/** Whether `epoch` is one of minEpochs·η^(s+k), k = 0, 1, 2, … */
function isRungEpoch(epoch: number, minEpochs: number, eta: number, s: number): boolean {
  let rung = minEpochs * eta ** s;
  while (rung < epoch) rung *= eta;
  return rung === epoch;
}

/** The first value `trial` reported at `epoch`, or `undefined` when it reported none. */
function valueAt(trial: TrialRecord, epoch: number): number | undefined {
  return trial.intermediate.find((entry) => entry.epoch === epoch)?.value;
}

/** `n` as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, … */
function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** `value` with 4 significant digits at most, trailing zeros dropped: 0.41, 0.1833, 1e-7. */
function formatFigure(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/**
 * The `asha` pruner plugin: asynchronous successive halving (Li et al., ASHA; Optuna's
 * `SuccessiveHalvingPruner`). At each rung epoch a trial goes on only when its value there
 * ranks in the top 1/η of all values any trial reported at that epoch; no trial waits for
 * the others, so a rung's competition grows as the study runs.
 *
 * @remarks
 * With `minEpochs` r, `reductionFactor` η and `minEarlyStoppingRate` s, the rungs are the
 * epochs `r·η^(s+k)`, k = 0, 1, 2, … (r = 1, η = 3, s = 0: epochs 1, 3, 9, 27, …). The check
 * runs only when the trial's newest value is at a rung epoch `e`; at any other epoch it
 * returns `null`:
 *
 * ```text
 * v    = the trial's value at e
 * if v is NaN                                  → prune
 * V    = [v] + every other trial's value at e  (any state: running, complete, pruned,
 *                                               failed; NaN values left out)
 * n    = |V|
 * k    = max(1, ⌊n/η⌋)                          the number that may go on
 * rank = 1 + |{ w ∈ V : w better than v }|     (ties share the better rank)
 * go on  ⇔  rank ≤ k                           i.e. v is no worse than the k-th best of V
 * ```
 *
 * **Small n.** While fewer than η values are in at a rung, ⌊n/η⌋ = 0 would stop every
 * trial; like Optuna, the rule then lets the top 1 go on: a trial continues only when no
 * value at the rung is better than its own (so the very first trial to reach a rung always
 * goes on). Optuna's comment on why: it cannot suspend a trial and resume it later when the
 * rung has filled (which ASHA's paper assumes), so it promotes the current best instead.
 *
 * Differences from Optuna: the value compared at a rung is the one reported exactly at the
 * rung epoch (Optuna records the value of the first step at or past the rung, because steps
 * may be skipped; a trial here that never reports a rung epoch is never checked there);
 * there is no `min_resource: 'auto'` or `bootstrap_count`; and η defaults to 3 (Optuna: 4).
 *
 * The decision's reason gives the figures, e.g.
 * `value 0.41 at rung epoch 3 ranks 5th of 6 (top 2 continue, η = 3)`, or while a rung has
 * fewer than η values `value 0.5 at rung epoch 1 ranks 2nd of 2 (top 1 continues: fewer than
 * η = 3 values at this rung)`.
 *
 * @see Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020
 * (arXiv:1810.05934, 2018).
 * @see https://optuna.readthedocs.io/en/stable/reference/generated/optuna.pruners.SuccessiveHalvingPruner.html
 * @category Pruners
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * registry.register(ashaPrunerPlugin);
 * const pruner = registry.create('pruner', 'asha', { minEpochs: 1, reductionFactor: 3 });
 * // the same pruner as ashaPruner({ minEpochs: 1, reductionFactor: 3 }), validated by the same schema
 * ```
 */
export const ashaPrunerPlugin = definePlugin({
  kind: 'pruner',
  name: 'asha',
  description:
    'Asynchronous successive halving: at rung epochs minEpochs·η^(s+k), only the top 1/η of the values go on.',
  options: {
    /** The first rung's epoch r when s = 0 (integer ≥ 1). */
    minEpochs: option.number({
      default: 1,
      min: 1,
      integer: true,
      description: "The first rung's epoch r when s = 0 (integer ≥ 1).",
    }),
    /** Reduction factor η: the top 1/η of a rung go on (integer ≥ 2). */
    reductionFactor: option.number({
      default: 3,
      min: 2,
      integer: true,
      description: 'Reduction factor η: the top 1/η of a rung go on (integer ≥ 2).',
    }),
    /** Minimum early-stopping rate s: the first rung is at minEpochs·η^s (integer ≥ 0). */
    minEarlyStoppingRate: option.number({
      default: 0,
      min: 0,
      integer: true,
      description:
        'Minimum early-stopping rate s: the first rung is at minEpochs·η^s (integer ≥ 0).',
    }),
  },
  create: ({ minEpochs, reductionFactor, minEarlyStoppingRate }): Pruner => {
    const options = Object.freeze({ minEpochs, reductionFactor, minEarlyStoppingRate });
    const eta = reductionFactor;
    return Object.freeze({
      name: 'asha',
      options,
      check(trial: TrialRecord, context: PrunerContext): PruneDecision | null {
        const newest = trial.intermediate.at(-1);
        if (newest === undefined) return null;
        const { epoch, value } = newest;
        if (!isRungEpoch(epoch, minEpochs, eta, minEarlyStoppingRate)) return null;
        if (Number.isNaN(value)) return { reason: `value NaN at rung epoch ${epoch}` };
        const better = (w: number): boolean =>
          context.direction === 'minimize' ? w < value : w > value;
        let n = 1;
        let rank = 1;
        for (const other of context.trials) {
          if (other.number === trial.number) continue;
          const w = valueAt(other, epoch);
          if (w === undefined || Number.isNaN(w)) continue;
          n += 1;
          if (better(w)) rank += 1;
        }
        const top = Math.max(1, Math.floor(n / eta));
        if (rank <= top) return null;
        const rule =
          n < eta
            ? `top 1 continues: fewer than η = ${eta} values at this rung`
            : `top ${top} ${top === 1 ? 'continues' : 'continue'}, η = ${eta}`;
        return {
          reason: `value ${formatFigure(value)} at rung epoch ${epoch} ranks ${ordinal(rank)} of ${n} (${rule})`,
        };
      },
    });
  },
});

/**
 * Creates an `asha` pruner (asynchronous successive halving): at the rung epochs
 * `minEpochs·η^(s+k)` a trial goes on only when its value ranks in the top `max(1, ⌊n/η⌋)` of
 * the `n` values any trial reported there (see {@link ashaPrunerPlugin} for the exact rule).
 *
 * @param options - `minEpochs` r (integer ≥ 1, default 1), `reductionFactor` η (integer ≥ 2,
 * default 3), `minEarlyStoppingRate` s (integer ≥ 0, default 0).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range or
 * not an integer, e.g. `reductionFactor: 1`.
 * @category Pruners
 *
 * @example
 * ```ts
 * const pruner = ashaPruner({ reductionFactor: 3 }); // rungs at epochs 1, 3, 9, 27, …
 * // five other trials reported 0.12, 0.2, 0.3, 0.35 and 0.5 at epoch 3
 * pruner.check(trial, { direction: 'minimize', trials }); // trial reported 0.41 at epoch 3
 * // { reason: 'value 0.41 at rung epoch 3 ranks 5th of 6 (top 2 continue, η = 3)' }
 * ```
 */
export function ashaPruner(...options: Parameters<typeof ashaPrunerPlugin.create>): Pruner {
  return ashaPrunerPlugin.create(...options);
}
