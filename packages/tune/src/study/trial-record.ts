import type { Distribution, ParamValue } from '../space/distribution.js';

/**
 * Where a trial is: running, finished with a value (`complete`), stopped early by a pruner
 * (`pruned`), or stopped by an error (`failed`, e.g. a diverged training run).
 *
 * @category Studies
 */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/**
 * Whether a smaller or a larger objective is better.
 *
 * @category Studies
 */
export type Direction = 'minimize' | 'maximize';

/**
 * One per-epoch value a trial reported (the objective measured on the dev set after an
 * epoch), which pruners compare across trials.
 *
 * @category Studies
 */
export interface IntermediateValue {
  /** The epoch, from 1. */
  readonly epoch: number;
  /** The value (a dev error or dev cost). */
  readonly value: number;
}

/**
 * What a study knows about one trial: read-only data, as replayed from the storage.
 *
 * @category Studies
 */
export interface TrialRecord {
  /** The trial's number, from 0, dense in a study. */
  readonly number: number;
  /** Which attempt this is: 1, or 2 for a trial re-queued after its process died. */
  readonly attempt: number;
  /** Its state. */
  readonly state: TrialState;
  /** The hyperparameters sampled so far (all of them once it finished). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The distribution each hyperparameter was sampled from (a coarse-to-fine round's box). */
  readonly distributions: Readonly<Record<string, Distribution>>;
  /** The per-epoch values reported, in order. */
  readonly intermediate: readonly IntermediateValue[];
  /** The objective (complete), the last reported value (pruned), or `null`. */
  readonly value: number | null;
  /** Why it was pruned or failed. */
  readonly reason: string | null;
  /** Seconds from start to finish, once finished. */
  readonly seconds: number | null;
  /** Extra results the objective attached, e.g. `{ trainError: 0.02, epochs: 3 }`. */
  readonly attributes: Readonly<Record<string, number | string | boolean | null>>;
}
