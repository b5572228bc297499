import {
  DivergenceError,
  Rng,
  evaluate,
  fit,
  sgd,
  softmaxCrossEntropy,
  type Dataset,
  type Optimizer,
  type Sequential,
} from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import { makePlanarData } from '../classifier/planar-data.js';
import type { MiniBatchConfig } from './mini-batch-config.js';
import {
  SHUFFLE_SEED_OFFSET,
  buildMiniBatchModel,
  iterationsPerEpoch,
} from './mini-batch-model.js';

/** The three kinds of gradient descent the page compares. */
export const DESCENT_KINDS = ['batch', 'mini-batch', 'stochastic'] as const;

/** One of {@link DESCENT_KINDS}. */
export type DescentKind = (typeof DESCENT_KINDS)[number];

/** The curves of one run so far. */
export interface DescentCurves {
  /** Which descent. */
  readonly kind: DescentKind;
  /** Its mini-batch size (m for batch, 1 for stochastic). */
  readonly batchSize: number;
  /** Optimizer steps per epoch: ⌈m / batchSize⌉. */
  readonly iterationsPerEpoch: number;
  /** The cost J of the mini-batch at each iteration 1, 2, … (fit's step records). */
  readonly iterationCosts: number[];
  /** The cost on the whole training set after each epoch 0, 1, … (inference mode). */
  readonly epochCosts: number[];
  /** The message when this run diverged, else `null`. */
  readonly diverged: string | null;
}

/** The state of the experiment after a step. */
export interface MiniBatchSnapshot {
  /** Epochs trained so far. */
  readonly epoch: number;
  /** The number m of training examples. */
  readonly trainSize: number;
  /** Batch, mini-batch and stochastic descent, in that order. */
  readonly runs: readonly DescentCurves[];
}

/** One of the three trainings. */
interface Run {
  readonly kind: DescentKind;
  readonly batchSize: number;
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly shuffle: Rng;
  readonly iterationCosts: number[];
  readonly epochCosts: number[];
  diverged: string | null;
}

function fullCost(model: Sequential, data: Dataset): number {
  return evaluate(model, data, { loss: softmaxCrossEntropy }).cost;
}

/**
 * The mini-batch-size experiment: the same seeded network trained with plain gradient
 * descent on the same data three times — batch (one step per epoch), mini-batch (the
 * config's size) and stochastic (batch size 1) — recording the cost of every iteration
 * (`fit` with `logEvery: 1`) and the whole training set's cost after every epoch.
 */
export function createMiniBatchJob(config: MiniBatchConfig): SteppedJob<MiniBatchSnapshot> {
  const data = makePlanarData(config.source);
  const m = data.train.size;
  const sizes: Readonly<Record<DescentKind, number>> = {
    batch: m,
    'mini-batch': Math.min(config.batchSize, m),
    stochastic: 1,
  };
  const runs: Run[] = DESCENT_KINDS.map((kind) => {
    const model = buildMiniBatchModel(config.hiddenUnits, data.classes, config.modelSeed);
    return {
      kind,
      batchSize: sizes[kind],
      model,
      optimizer: sgd({ learningRate: config.learningRate }),
      shuffle: new Rng(config.modelSeed + SHUFFLE_SEED_OFFSET),
      iterationCosts: [],
      epochCosts: [fullCost(model, data.train)],
      diverged: null,
    };
  });
  let epoch = 0;

  const snapshot = (): MiniBatchSnapshot => ({
    epoch,
    trainSize: m,
    runs: runs.map((run) => ({
      kind: run.kind,
      batchSize: run.batchSize,
      iterationsPerEpoch: iterationsPerEpoch(m, run.batchSize),
      iterationCosts: [...run.iterationCosts],
      epochCosts: [...run.epochCosts],
      diverged: run.diverged,
    })),
  });
  const allDiverged = (): boolean => runs.every((run) => run.diverged !== null);

  return {
    get done() {
      return epoch >= config.epochs || allDiverged();
    },
    initial: snapshot,
    async step(signal) {
      const last = Math.min(config.epochs, epoch + config.epochsPerStep);
      while (epoch < last && !allDiverged()) {
        for (const run of runs) {
          if (run.diverged !== null) continue;
          try {
            const history = await fit(run.model, data.train, {
              loss: softmaxCrossEntropy,
              optimizer: run.optimizer,
              epochs: 1,
              batchSize: run.batchSize,
              rng: run.shuffle,
              logEvery: 1,
              signal,
            });
            if (history.stopReason === 'aborted') return snapshot();
            for (const record of history.steps) run.iterationCosts.push(record.cost);
            run.epochCosts.push(fullCost(run.model, data.train));
          } catch (error) {
            if (!(error instanceof DivergenceError)) throw error;
            run.diverged = error.message;
          }
        }
        epoch += 1;
      }
      return snapshot();
    },
  };
}
