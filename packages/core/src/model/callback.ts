import type { Model } from './model.js';

/**
 * What the training loop reports to callbacks: the cost J with its two parts, the dev
 * cost, the metrics and the learning rate.
 *
 * In `onBatchEnd` the numbers are those of the mini-batch just trained on; in `onEpochEnd`
 * and `onTrainEnd` they are the epoch's: the costs are the mean over the epoch's
 * mini-batches, the metrics are computed in inference mode after the epoch.
 */
export interface TrainingLogs {
  /** J = `dataCost` + `regularizationCost`: the quantity being minimised. */
  readonly cost: number;
  /** The loss (the data term of J). */
  readonly dataCost: number;
  /** The sum of the regularizers' penalties (0 without regularizers). */
  readonly regularizationCost: number;
  /** The data cost on the dev set (no penalty), when dev data was given; epoch logs only. */
  readonly devCost?: number;
  /** Metrics on the training set by name (`accuracy`, `error-rate`, `loss`); epoch logs only. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Metrics on the dev set by name, when dev data was given; epoch logs only. */
  readonly devMetrics?: Readonly<Record<string, number>>;
  /** The learning rate of the optimizer's default group for the last step taken. */
  readonly learningRate: number;
}

/**
 * What every callback hook receives: where training is, the model, and a way to stop.
 *
 * Plain data plus functions: a callback reads it and may call `stop`, nothing more.
 */
export interface CallbackContext {
  /** The current epoch, counted from 1 (0 in `onTrainBegin`). */
  readonly epoch: number;
  /** The number of optimizer steps taken so far in the whole run. */
  readonly step: number;
  /** The number of epochs the run was asked for. */
  readonly epochs: number;
  /** The number of mini-batches (optimizer steps) per epoch. */
  readonly stepsPerEpoch: number;
  /** The model being trained. */
  readonly model: Model;
  /**
   * Asks the loop to stop after the current hook; the epoch in progress finishes its
   * current step, then `onTrainEnd` runs. Calling it again only keeps the first reason.
   *
   * @param reason - shown in the history and progress events, e.g. `'early stopping'`.
   */
  stop(reason?: string): void;
}

/** The context of hooks that report numbers: {@link CallbackContext} plus the logs. */
export interface CallbackLogsContext extends CallbackContext {
  /** The numbers of the batch or epoch that just ended. */
  readonly logs: TrainingLogs;
}

/** The context of `onTrainEnd`: {@link CallbackContext} plus the outcome of the run. */
export interface TrainEndContext extends CallbackContext {
  /** The last finished epoch's logs, or `undefined` when no epoch finished. */
  readonly logs: TrainingLogs | undefined;
  /** Why training ended early (a callback's reason, `'aborted'`), or `null` when every epoch ran. */
  readonly stopReason: string | null;
}

/**
 * A training callback: optional hooks the training loop calls at fixed points. Early
 * stopping, checkpoints, learning-rate control and progress reporting are callbacks.
 *
 * Every hook may return a promise, which the loop awaits. Callbacks run in the order they
 * were given. A callback is a plain object — no base class to extend — usually made by a
 * factory such as `earlyStopping({ patience: 3 })`, and registered as a plugin of kind
 * `callback`.
 *
 * Hook order: `onTrainBegin`, then per epoch `onEpochBegin`, `onBatchEnd` after each
 * optimizer step, `onEpochEnd` after the epoch's metrics are computed, and finally
 * `onTrainEnd` (also after a stop request or an abort signal, but not after an error).
 *
 * @example
 * ```ts
 * import type { Callback } from '@deeptune/core';
 *
 * const stopBelow = (threshold: number): Callback => ({
 *   name: 'stop-below',
 *   onEpochEnd: ({ logs, stop }) => {
 *     if (logs.cost < threshold) stop(`cost below ${threshold}`);
 *   },
 * });
 * ```
 */
export interface Callback {
  /** A name for messages and progress events, e.g. `'early-stopping'`. */
  readonly name?: string;
  /** Before the first epoch. */
  onTrainBegin?(context: CallbackContext): void | Promise<void>;
  /** At the start of every epoch. */
  onEpochBegin?(context: CallbackContext): void | Promise<void>;
  /** After every optimizer step, with the batch's costs. */
  onBatchEnd?(context: CallbackLogsContext): void | Promise<void>;
  /** After every epoch, with the epoch's costs, dev cost and metrics. */
  onEpochEnd?(context: CallbackLogsContext): void | Promise<void>;
  /** After the last epoch, a stop request or an abort, with the last epoch's logs and the stop reason. */
  onTrainEnd?(context: TrainEndContext): void | Promise<void>;
}
