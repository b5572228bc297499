import { ConfigError, describeValue } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { checkDistribution, formatDistribution, hp } from '../space/hp.js';
import type { PruneDecision } from '../pruner/pruner.js';

/**
 * What a trial needs from its study (the study implements it).
 *
 * @category Studies
 */
export interface TrialHost {
  /** Samples and records a hyperparameter of the trial. */
  suggest(trial: Trial, name: string, distribution: Distribution): ParamValue;
  /** Records a per-epoch value and asks the pruner. */
  report(trial: Trial, epoch: number, value: number): PruneDecision | null;
  /** Records an attribute. */
  setAttribute(trial: Trial, key: string, value: number | string | boolean | null): void;
}

/** Two distributions are the same declaration. */
function sameDistribution(a: Distribution, b: Distribution): boolean {
  return formatDistribution(a) === formatDistribution(b);
}

/**
 * One run of the objective with one set of hyperparameters: the objective asks it for
 * values (define-by-run: `trial.log('learningRate', 1e-4, 1)`), or reads `trial.params`
 * when the study declares its space; it reports per-epoch values for pruning.
 *
 * Created by a {@link Study}; never constructed directly.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * await study.optimize(async (trial) => {
 *   const learningRate = trial.log('learningRate', 1e-4, 1);
 *   const beta = trial.oneMinusLog('beta', 0.9, 0.999);
 *   const units = trial.int('hiddenUnits', 32, 256);
 *   const optimizer = trial.choice('optimizer', ['adam', 'momentum']);
 *   const beta1 = optimizer === 'adam' ? trial.oneMinusLog('beta1', 0.8, 0.99) : undefined; // conditional
 *   const history = await train({ learningRate, beta, units, optimizer, beta1, seed: trial.seed });
 *   return history.devError;
 * }, { trials: 20 });
 * ```
 */
export class Trial {
  /** The trial's number, from 0. */
  readonly number: number;
  /** Which attempt this is (2 when re-run after its process died). */
  readonly attempt: number;
  /**
   * The seed for everything random in this trial (weights, shuffling, dropout): derived from
   * the study seed and the trial number, so the trial's result does not depend on which
   * worker runs it or when.
   */
  readonly seed: number;
  /** Aborted when the study stops (Ctrl-C, its own signal); pass it to `fit`. */
  readonly signal: AbortSignal;
  readonly #host: TrialHost;
  readonly #params: Record<string, ParamValue> = {};
  readonly #distributions: Record<string, Distribution> = {};
  #lastEpoch = 0;
  #decision: PruneDecision | null = null;

  /** @internal */
  constructor(host: TrialHost, number: number, attempt: number, seed: number, signal: AbortSignal) {
    this.#host = host;
    this.number = number;
    this.attempt = attempt;
    this.seed = seed;
    this.signal = signal;
  }

  /** The hyperparameters chosen so far. */
  get params(): Readonly<Record<string, ParamValue>> {
    return { ...this.#params };
  }

  /**
   * The distribution each hyperparameter was declared with (asking again for a name must use
   * the same one). A coarse-to-fine sampler draws from a narrowed box of it in later rounds;
   * the study's trial record (`study.trials[number].distributions`) holds that box.
   */
  get distributions(): Readonly<Record<string, Distribution>> {
    return { ...this.#distributions };
  }

  /** The last reported epoch (0 before any report). */
  get lastEpoch(): number {
    return this.#lastEpoch;
  }

  /** The pruner's reason when {@link Trial.shouldPrune} said yes, else `null`. */
  get pruneReason(): string | null {
    return this.#decision?.reason ?? null;
  }

  /**
   * The value of hyperparameter `name` drawn from `distribution` by the study's sampler;
   * asking again for the same name returns the same value.
   *
   * @throws {@link @deeptune/core!ConfigError} when `name` was already drawn from another
   * distribution in this trial, or the distribution is invalid.
   */
  suggest(name: string, distribution: Distribution): ParamValue {
    if (typeof name !== 'string' || name === '') {
      throw new ConfigError(
        `trial ${this.number}: a hyperparameter name must be a non-empty string, got ${describeValue(name)}`,
      );
    }
    const checked = checkDistribution(`trial ${this.number}: '${name}'`, distribution);
    const known = this.#distributions[name];
    if (known !== undefined) {
      if (!sameDistribution(known, checked)) {
        throw new ConfigError(
          `trial ${this.number}: '${name}' was drawn from ${formatDistribution(known)}, now asked from ${formatDistribution(checked)}; a hyperparameter keeps one distribution`,
        );
      }
      return this.#params[name]!;
    }
    const value = this.#host.suggest(this, name, checked);
    return value;
  }

  /** A real number uniform in [low, high]. */
  uniform(name: string, low: number, high: number): number {
    return this.suggest(name, hp.uniform(low, high)) as number;
  }

  /** An integer uniform in {low, …, high}. */
  int(name: string, low: number, high: number): number {
    return this.suggest(name, hp.int(low, high)) as number;
  }

  /** A number log-uniform in [low, high] (the learning-rate rule). */
  log(name: string, low: number, high: number): number {
    return this.suggest(name, hp.log(low, high)) as number;
  }

  /** A β in [low, high] with 1 − β log-uniform (the averaging-weight rule). */
  oneMinusLog(name: string, low: number, high: number): number {
    return this.suggest(name, hp.oneMinusLog(low, high)) as number;
  }

  /** One of `values`, each equally likely. */
  choice<const V extends ParamValue>(name: string, values: readonly V[]): V {
    return this.suggest(name, hp.choice(values)) as V;
  }

  /**
   * Reports the objective measured after an epoch (e.g. the dev error), for pruners and the
   * learning curves of the report.
   *
   * @throws {@link @deeptune/core!ConfigError} when the epoch is not an integer above the
   * last one, or the value is not finite (fail the trial instead: throw an error).
   */
  report(epoch: number, value: number): void {
    if (!Number.isSafeInteger(epoch) || epoch <= this.#lastEpoch) {
      throw new ConfigError(
        `trial ${this.number}: report: epoch must be an integer > ${this.#lastEpoch} (the last reported), got ${describeValue(epoch)}`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError(
        `trial ${this.number}: report: the value at epoch ${epoch} must be a finite number, got ${describeValue(value)}; throw an error to fail a diverged trial`,
      );
    }
    this.#lastEpoch = epoch;
    this.#decision = this.#host.report(this, epoch, value);
  }

  /** Whether the study's pruner says to stop this trial after its last report. */
  shouldPrune(): boolean {
    return this.#decision !== null;
  }

  /**
   * Attaches a result to the trial (shown in reports), e.g. `setAttribute('trainError', 0.02)`.
   *
   * @throws {@link @deeptune/core!ConfigError} for a value that is not a finite number, a
   * string, a boolean or null.
   */
  setAttribute(key: string, value: number | string | boolean | null): void {
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!ok) {
      throw new ConfigError(
        `trial ${this.number}: setAttribute('${key}'): expected a finite number, a string, a boolean or null, got ${describeValue(value)}`,
      );
    }
    this.#host.setAttribute(this, key, value);
  }

  /** @internal Records a value chosen by the host. */
  _record(name: string, value: ParamValue, distribution: Distribution): void {
    this.#params[name] = value;
    this.#distributions[name] = distribution;
  }
}
