import {
  ConfigError,
  describeValue,
  type Augmentation,
  type Loss,
  type Model,
  type Regularizer,
  type StateDict,
} from '@deeptune/core';
import type { Dataset } from '@deeptune/data';
import type { Optimizer, OptimizerStateDict } from '@deeptune/optimizers';
import { fit, type EpochRecord, type MetricName, type ProgressListener } from '@deeptune/train';
import { deriveSeed } from '../study/derive-seed.js';

/**
 * Hyperparameters of the optimizer a babysitting session creates (JSON-like data).
 *
 * @category Babysitting
 */
export type BabysitHyperparameters = Readonly<Record<string, number | string | boolean>>;

/**
 * The settings of a babysitting session.
 *
 * @category Babysitting
 */
export interface BabysitOptions<H extends BabysitHyperparameters> {
  /** The data term of the cost, e.g. `softmaxCrossEntropy`. */
  readonly loss: Loss;
  /** Creates the optimizer from hyperparameters: `(hp) => adam(hp)`. */
  readonly optimizer: (hyperparameters: H) => Optimizer;
  /** The starting hyperparameters, e.g. `{ learningRate: 0.01 }`. */
  readonly hyperparameters: H;
  /** Examples per mini-batch. */
  readonly batchSize: number;
  /** The dev set: its cost and error are measured after every epoch. */
  readonly devData?: Dataset;
  /** Penalties added to the cost. @defaultValue [] */
  readonly regularizers?: readonly Regularizer[];
  /** Metrics measured after every epoch. @defaultValue ['error-rate'] */
  readonly metrics?: readonly MetricName[];
  /** A data augmentation of training mini-batches. */
  readonly augment?: Augmentation;
  /** The seed of shuffling and augmentation; epoch e uses `deriveSeed(seed, e)`. @defaultValue 0 */
  readonly seed?: number;
}

/**
 * The state saved at the end of an epoch (epoch 0: before training), to go back to.
 *
 * @category Babysitting
 */
export interface BabysitCheckpoint<H extends BabysitHyperparameters> {
  /** The epoch it was taken after (0: the start). */
  readonly epoch: number;
  /** The hyperparameters in force when it was taken. */
  readonly hyperparameters: H;
  /** The epoch's record (costs, metrics), `null` for epoch 0. */
  readonly record: EpochRecord | null;
}

/**
 * What happened in a session, in order: training, adjustments and reverts.
 *
 * @category Babysitting
 */
export type BabysitEvent<H extends BabysitHyperparameters> =
  BabysitTrainEvent | BabysitAdjustEvent<H> | BabysitRevertEvent;

/**
 * Epochs were trained.
 *
 * @category Babysitting
 */
export interface BabysitTrainEvent {
  /** The event type. */
  readonly type: 'train';
  /** The epoch count before. */
  readonly from: number;
  /** The epoch count after. */
  readonly to: number;
}

/**
 * Hyperparameters were changed.
 *
 * @category Babysitting
 */
export interface BabysitAdjustEvent<H extends BabysitHyperparameters> {
  /** The event type. */
  readonly type: 'adjust';
  /** The epoch count when they changed (they apply from the next epoch). */
  readonly epoch: number;
  /** The new values. */
  readonly changes: Partial<H>;
}

/**
 * The session went back to a checkpoint.
 *
 * @category Babysitting
 */
export interface BabysitRevertEvent {
  /** The event type. */
  readonly type: 'revert';
  /** The epoch count before. */
  readonly from: number;
  /** The checkpoint's epoch. */
  readonly to: number;
}

/** The restorable state behind a checkpoint. */
interface SavedState<H extends BabysitHyperparameters> {
  readonly checkpoint: BabysitCheckpoint<H>;
  readonly weights: StateDict;
  readonly optimizer: OptimizerStateDict;
}

/**
 * One model trained by a person who watches it (the course's "panda" approach): train a few
 * epochs, look at the cost curve, {@link BabysitSession.adjust} the learning rate (or any
 * optimizer hyperparameter), and {@link BabysitSession.revert} to an earlier epoch's
 * checkpoint when a change made things worse. Create one with {@link babysit}.
 *
 * Every epoch end is checkpointed in memory (weights, optimizer state, hyperparameters).
 * Epoch e always shuffles with `deriveSeed(seed, e)`, so going back to epoch 4 and training
 * on with the same hyperparameters gives exactly the epoch 5 it gave before.
 *
 * @category Babysitting
 *
 * @example
 * ```ts
 * const session = babysit(model, train, { loss: softmaxCrossEntropy, optimizer: (hp) => adam(hp), hyperparameters: { learningRate: 0.01 }, batchSize: 64, devData: dev });
 * await session.train(2);
 * session.checkpoints.map((checkpoint) => checkpoint.epoch); // [0, 1, 2]
 * ```
 */
export class BabysitSession<H extends BabysitHyperparameters> {
  readonly #model: Model;
  readonly #train: Dataset;
  readonly #options: BabysitOptions<H>;
  readonly #seed: number;
  #optimizer: Optimizer;
  #hyperparameters: H;
  readonly #saved: SavedState<H>[] = [];
  readonly #events: BabysitEvent<H>[] = [];

  /** @internal Use {@link babysit}. */
  constructor(model: Model, trainData: Dataset, options: BabysitOptions<H>) {
    this.#model = model;
    this.#train = trainData;
    this.#options = options;
    this.#seed = options.seed ?? 0;
    this.#hyperparameters = Object.freeze({ ...options.hyperparameters });
    this.#optimizer = this.#create(this.#hyperparameters);
    this.#saved.push(this.#snapshot(0, null));
  }

  /** The epochs trained on the current line (after reverts). */
  get epoch(): number {
    return this.#saved.length - 1;
  }

  /** The hyperparameters the next epoch uses. */
  get hyperparameters(): H {
    return this.#hyperparameters;
  }

  /** The optimizer the next epoch uses. */
  get optimizer(): Optimizer {
    return this.#optimizer;
  }

  /** The epoch records of the current line, epoch 1 first: the cost curve so far. */
  get history(): readonly EpochRecord[] {
    return this.#saved.slice(1).map((saved) => saved.checkpoint.record!);
  }

  /** The checkpoints one can {@link BabysitSession.revert} to: epoch 0 and every epoch end. */
  get checkpoints(): readonly BabysitCheckpoint<H>[] {
    return this.#saved.map((saved) => saved.checkpoint);
  }

  /** What happened so far: training, adjustments, reverts. */
  get events(): readonly BabysitEvent<H>[] {
    return [...this.#events];
  }

  /**
   * Trains `epochs` more epochs with the current hyperparameters, checkpointing each.
   * With an aborted `signal`, stops after the current step and drops the unfinished epoch
   * (the model goes back to the last checkpoint).
   *
   * @returns the records of the epochs trained.
   * @throws {@link @deeptune/core!ConfigError} for an `epochs` that is not an integer ≥ 1;
   * the errors of `fit` (a diverged epoch is dropped the same way, then rethrown).
   */
  async train(
    epochs = 1,
    options: { readonly signal?: AbortSignal; readonly onProgress?: ProgressListener } = {},
  ): Promise<readonly EpochRecord[]> {
    if (!Number.isSafeInteger(epochs) || epochs < 1) {
      throw new ConfigError(
        `babysit: train: epochs must be an integer ≥ 1, got ${describeValue(epochs)}`,
      );
    }
    const from = this.epoch;
    const trained: EpochRecord[] = [];
    for (let i = 0; i < epochs; i++) {
      if (options.signal?.aborted === true) break;
      const epoch = this.epoch + 1;
      let history;
      try {
        history = await fit(this.#model, this.#train, {
          loss: this.#options.loss,
          optimizer: this.#optimizer,
          epochs: 1,
          batchSize: this.#options.batchSize,
          ...(this.#options.devData === undefined ? {} : { devData: this.#options.devData }),
          ...(this.#options.regularizers === undefined
            ? {}
            : { regularizers: this.#options.regularizers }),
          metrics: this.#options.metrics ?? ['error-rate'],
          ...(this.#options.augment === undefined ? {} : { augment: this.#options.augment }),
          seed: deriveSeed(this.#seed, epoch),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        });
      } catch (error) {
        this.#restore(this.#saved.at(-1)!);
        throw error;
      }
      const record = history.epochs[0];
      if (history.stopReason === 'aborted' || record === undefined) {
        this.#restore(this.#saved.at(-1)!);
        break;
      }
      const renumbered: EpochRecord = Object.freeze({ ...record, epoch });
      this.#saved.push(this.#snapshot(epoch, renumbered));
      trained.push(renumbered);
    }
    if (trained.length > 0) this.#events.push({ type: 'train', from, to: this.epoch });
    return trained;
  }

  /**
   * Changes optimizer hyperparameters from the next epoch on (the optimizer's state, e.g.
   * Adam's moments, carries over): `adjust({ learningRate: 0.003 })`.
   *
   * @throws the optimizer factory's error for an invalid value (nothing changes then).
   */
  adjust(changes: Partial<H>): void {
    const next = Object.freeze({ ...this.#hyperparameters, ...changes }) as H;
    const optimizer = this.#create(next);
    optimizer.loadStateDict(this.#optimizer.stateDict());
    this.#optimizer = optimizer;
    this.#hyperparameters = next;
    this.#events.push({
      type: 'adjust',
      epoch: this.epoch,
      changes: Object.freeze({ ...changes }),
    });
  }

  /**
   * Goes back to the checkpoint after `epoch` (0: the start): weights, optimizer state and
   * hyperparameters as they were; the later epochs are dropped from the history.
   *
   * @throws {@link @deeptune/core!ConfigError} when there is no checkpoint for `epoch`.
   */
  revert(epoch: number): void {
    if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > this.epoch) {
      throw new ConfigError(
        `babysit: revert: no checkpoint for epoch ${describeValue(epoch)}; the checkpoints are epochs 0 to ${this.epoch}`,
      );
    }
    const from = this.epoch;
    this.#saved.length = epoch + 1;
    this.#restore(this.#saved[epoch]!);
    this.#events.push({ type: 'revert', from, to: epoch });
  }

  #create(hyperparameters: H): Optimizer {
    const optimizer = this.#options.optimizer(hyperparameters);
    return optimizer.parameters.length > 0
      ? optimizer
      : optimizer.addParameters(this.#model.namedParameters());
  }

  #snapshot(epoch: number, record: EpochRecord | null): SavedState<H> {
    return {
      checkpoint: Object.freeze({ epoch, hyperparameters: this.#hyperparameters, record }),
      weights: this.#model.stateDict(),
      optimizer: this.#optimizer.stateDict(),
    };
  }

  #restore(saved: SavedState<H>): void {
    this.#model.loadStateDict(saved.weights);
    this.#hyperparameters = saved.checkpoint.hyperparameters;
    const optimizer = this.#create(this.#hyperparameters);
    optimizer.loadStateDict(saved.optimizer);
    this.#optimizer = optimizer;
  }
}

/**
 * Starts babysitting one model (the course's "panda": one model, watched and adjusted while
 * it trains), as opposed to a {@link Study} training many in parallel ("caviar").
 *
 * @throws {@link @deeptune/core!ConfigError} for a seed that is not an integer ≥ 0; the
 * optimizer factory's errors for invalid starting hyperparameters.
 * @category Babysitting
 *
 * @example
 * ```ts
 * const session = babysit(model, train, {
 *   loss: softmaxCrossEntropy,
 *   optimizer: (hp) => adam(hp),
 *   hyperparameters: { learningRate: 0.01 },
 *   batchSize: 64,
 *   devData: dev,
 * });
 * await session.train(3);
 * session.adjust({ learningRate: 0.1 }); // bolder…
 * await session.train(2);
 * session.revert(3); // …worse: back to epoch 3, learning rate 0.01 again
 * session.adjust({ learningRate: 0.003 });
 * await session.train(3);
 * session.history.map((epoch) => epoch.devCost);
 * ```
 */
export function babysit<H extends BabysitHyperparameters>(
  model: Model,
  trainData: Dataset,
  options: BabysitOptions<H>,
): BabysitSession<H> {
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new ConfigError(`babysit: seed must be an integer ≥ 0, got ${describeValue(seed)}`);
  }
  return new BabysitSession(model, trainData, options);
}
