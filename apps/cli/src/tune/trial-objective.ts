import { TrialPrunedError, type Objective, type Trial } from 'deeptune';
import type { SearchTarget } from './search-keys.js';
import type { TrialEpoch } from './run-trial.js';
import type { TrialWorkerPool } from './trial-worker-pool.js';
import { trialSettings, type RunSettings } from './trial-settings.js';

/** What the objective tells the terminal about a running trial. */
export interface TrialProgress {
  /** A trial started with these hyperparameters. */
  readonly start?: (trial: Trial) => void;
  /** A trial finished an epoch. */
  readonly epoch?: (trial: Trial, epoch: TrialEpoch) => void;
  /** A trial's training ended (its outcome is recorded next). */
  readonly end?: (trial: Trial) => void;
}

/**
 * The objective of a `deeptune tune` study: trains the trial's settings (the base run's with
 * its hyperparameters and seed) in a worker thread of `pool`, reports the objective after
 * every epoch (a pruner may stop it), and records the dev and train errors and costs as the
 * trial's attributes.
 */
export function trialObjective(
  pool: TrialWorkerPool,
  base: RunSettings,
  targets: ReadonlyMap<string, SearchTarget>,
  progress: TrialProgress = {},
): Objective {
  return async (trial) => {
    const settings = trialSettings(base, targets, trial.params, trial.seed);
    progress.start?.(trial);
    const stop = (): void => pool.abort(trial.number);
    trial.signal.addEventListener('abort', stop, { once: true });
    let pruned = false;
    try {
      const outcome = await pool.run(trial.number, settings, (epoch) => {
        progress.epoch?.(trial, epoch);
        if (pruned || !Number.isFinite(epoch.value) || epoch.epoch <= trial.lastEpoch) return;
        trial.report(epoch.epoch, epoch.value);
        if (trial.shouldPrune()) {
          pruned = true;
          pool.abort(trial.number);
        }
      });
      if (pruned) throw new TrialPrunedError(trial.pruneReason!);
      trial.setAttribute('devError', outcome.devError);
      trial.setAttribute('devCost', outcome.devCost);
      trial.setAttribute('trainError', outcome.trainError);
      trial.setAttribute('trainCost', outcome.trainCost);
      trial.setAttribute('epochs', outcome.epochs);
      trial.setAttribute('stopReason', outcome.stopReason);
      return outcome.value;
    } finally {
      trial.signal.removeEventListener('abort', stop);
      progress.end?.(trial);
    }
  };
}
