import type { TrainingLogs } from '@deeptune/core';

/**
 * One epoch of a {@link History}: the epoch's {@link @deeptune/core!TrainingLogs} plus its
 * number, steps and wall time.
 *
 * @category Training
 */
export interface EpochRecord extends TrainingLogs {
  /** The epoch, counted from 1. */
  readonly epoch: number;
  /** The optimizer steps taken so far in the run, after this epoch. */
  readonly step: number;
  /** Wall time of the epoch in seconds, metrics included. */
  readonly seconds: number;
  /**
   * Wall time of the epoch's training steps alone (forward, backward, update), without the
   * end-of-epoch evaluation of the training and dev sets. Set by `fit`; absent in records a
   * callback rebuilds.
   */
  readonly trainSeconds?: number;
}

/**
 * One logged optimizer step of a {@link History} (see `FitOptions.logEvery`).
 *
 * @category Training
 */
export interface StepRecord {
  /** The epoch, counted from 1. */
  readonly epoch: number;
  /** The step number in the whole run, counted from 1. */
  readonly step: number;
  /** J of the mini-batch: `dataCost + regularizationCost`. */
  readonly cost: number;
  /** The mini-batch's loss. */
  readonly dataCost: number;
  /** The mini-batch's penalty. */
  readonly regularizationCost: number;
  /** The learning rate the step used (default parameter group). */
  readonly learningRate: number;
}

/**
 * What `fit` returns: one record per finished epoch, the logged steps, and why training
 * ended.
 *
 * Plain JSON data: `JSON.stringify(history)` saves it; plots use `cost` (J, the quantity
 * being minimised) against `epoch`.
 *
 * @category Training
 */
export interface History {
  /** One record per finished epoch, in order. */
  readonly epochs: EpochRecord[];
  /** Every `logEvery`-th step; empty unless `logEvery` was given. */
  readonly steps: StepRecord[];
  /** Optimizer steps taken in total. */
  readonly stepCount: number;
  /**
   * Why training ended early: a callback's reason (e.g. `'early stopping: …'`) or
   * `'aborted'` for an abort signal; `null` when every epoch ran.
   */
  readonly stopReason: string | null;
  /** Wall time of the whole run in seconds. */
  readonly seconds: number;
}
