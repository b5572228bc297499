import {
  Dense,
  DivergenceError,
  Rng,
  Sequential,
  babysit,
  evaluate,
  sgd,
  softmaxCrossEntropy,
  type BabysitSession,
  type Dataset,
} from 'deeptune';
import { makePlanarData } from '../classifier/planar-data.js';

/** The settings of a babysat ("panda") model. */
export interface PandaConfig {
  /** The seed of the moons data. */
  readonly dataSeed: number;
  /** The seed of the weights and of each epoch's shuffling. */
  readonly modelSeed: number;
  /** The starting learning rate α (plain gradient descent on mini-batches). */
  readonly learningRate: number;
  /** Hidden units (one ReLU layer). */
  readonly hiddenUnits: number;
  /** Examples per mini-batch. */
  readonly batchSize: number;
  /** The most epochs the session may train. */
  readonly maxEpochs: number;
}

/** One epoch of the current line of training. */
export interface PandaEpoch {
  /** The epoch, from 1. */
  readonly epoch: number;
  /** Its training cost (mean over mini-batches). */
  readonly cost: number;
  /** The dev cost after it. */
  readonly devCost: number;
  /** The dev error after it. */
  readonly devError: number;
  /** The learning rate it trained with. */
  readonly learningRate: number;
}

/** The state of the session after a command. */
export interface PandaSnapshot {
  /** Epochs on the current line (after reverts). */
  readonly epoch: number;
  /** The learning rate the next epoch will use. */
  readonly nextLearningRate: number;
  /** The current line's epochs, the cost curve. */
  readonly history: readonly PandaEpoch[];
  /** The dev cost of the model as it is now (evaluated, not recorded). */
  readonly currentDevCost: number;
  /** The epoch budget. */
  readonly maxEpochs: number;
  /** The message when the last epoch diverged (it was dropped), else `null`. */
  readonly diverged: string | null;
}

type PandaHyperparameters = { readonly learningRate: number };

/**
 * One model babysat by hand with the library's `babysit`: train epochs, change the learning
 * rate from the next epoch on, go back to any earlier epoch's checkpoint. A diverged epoch is
 * dropped (the session goes back to the last checkpoint) and named in the snapshot.
 */
export class PandaJob {
  /** The settings. */
  readonly config: PandaConfig;
  readonly #session: BabysitSession<PandaHyperparameters>;
  readonly #model: Sequential;
  readonly #dev: Dataset;
  #diverged: string | null = null;

  constructor(config: PandaConfig) {
    this.config = config;
    const data = makePlanarData({
      kind: 'synthetic',
      name: 'moons',
      m: 300,
      noise: 0.25,
      classes: 2,
      seed: config.dataSeed,
    });
    const rng = new Rng(config.modelSeed);
    this.#model = new Sequential([
      new Dense({ inputs: 2, units: config.hiddenUnits, activation: 'relu', rng }),
      new Dense({ inputs: config.hiddenUnits, units: 2, rng }),
    ]);
    this.#dev = data.dev;
    this.#session = babysit(this.#model, data.train, {
      loss: softmaxCrossEntropy,
      optimizer: (hyperparameters: PandaHyperparameters) =>
        sgd({ learningRate: hyperparameters.learningRate }),
      hyperparameters: { learningRate: config.learningRate },
      batchSize: config.batchSize,
      devData: data.dev,
      metrics: ['error-rate'],
      seed: config.modelSeed,
    });
  }

  /** Whether the epoch budget is spent. */
  get done(): boolean {
    return this.#session.epoch >= this.config.maxEpochs;
  }

  /** Trains up to `epochs` more epochs (within the budget). */
  async train(epochs: number): Promise<PandaSnapshot> {
    const count = Math.min(epochs, this.config.maxEpochs - this.#session.epoch);
    this.#diverged = null;
    if (count >= 1) {
      try {
        await this.#session.train(count);
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        this.#diverged = error.message;
      }
    }
    return this.snapshot();
  }

  /** Sets the learning rate of the next epochs (the optimizer's state carries over). */
  adjust(learningRate: number): PandaSnapshot {
    this.#session.adjust({ learningRate });
    return this.snapshot();
  }

  /** Goes back to the checkpoint after `epoch` (weights, optimizer state, learning rate). */
  revert(epoch: number): PandaSnapshot {
    this.#session.revert(epoch);
    this.#diverged = null;
    return this.snapshot();
  }

  /** The session now. */
  snapshot(): PandaSnapshot {
    const history = this.#session.history.map((record) => ({
      epoch: record.epoch,
      cost: record.cost,
      devCost: record.devCost!,
      devError: record.devMetrics!['error-rate']!,
      learningRate: record.learningRate,
    }));
    return {
      epoch: this.#session.epoch,
      nextLearningRate: this.#session.hyperparameters.learningRate,
      history,
      currentDevCost: evaluate(this.#model, this.#dev, { loss: softmaxCrossEntropy }).cost,
      maxEpochs: this.config.maxEpochs,
      diverged: this.#diverged,
    };
  }
}
