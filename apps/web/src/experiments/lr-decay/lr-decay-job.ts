import {
  Dense,
  DivergenceError,
  Rng,
  Sequential,
  evaluate,
  fit,
  meanSquaredError,
  perEpoch,
  sgd,
  type Optimizer,
} from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import type { LrDecayConfig } from './lr-decay-config.js';
import { makeRegressionData, type RegressionData } from './regression-data.js';
import { buildSchedule } from './schedule-choice.js';

/** The curves of one of the two runs, one entry per epoch from epoch 0 (the initialisation). */
export interface LrDecayCurves {
  /** ‖(w, b) − (w*, b*)‖ after each epoch. */
  readonly distance: number[];
  /** The training cost J minus the least-squares minimum J* after each epoch. */
  readonly excessCost: number[];
  /** The learning rate of each epoch (`null` at epoch 0). */
  readonly learningRate: (number | null)[];
  /** The current weight w. */
  readonly weight: number;
  /** The current bias b. */
  readonly bias: number;
}

/** The state of the experiment after a step. */
export interface LrDecaySnapshot {
  /** Epochs trained so far. */
  readonly epoch: number;
  /** The epochs of the curves: 0, 1, …, epoch. */
  readonly epochs: number[];
  /** The run with the constant learning rate α₀. */
  readonly constant: LrDecayCurves;
  /** The run with the chosen schedule. */
  readonly scheduled: LrDecayCurves;
  /** The least-squares solution (w*, b*) and its cost J*. */
  readonly optimum: { readonly weight: number; readonly bias: number; readonly cost: number };
  /** The message when a run diverged, else `null`. */
  readonly diverged: string | null;
}

/** One of the two trainings: its model, optimizer, shuffling and curves. */
interface Run {
  readonly label: string;
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly shuffle: Rng;
  readonly distance: number[];
  readonly excessCost: number[];
  readonly learningRate: (number | null)[];
}

function createRun(
  label: string,
  config: LrDecayConfig,
  optimizer: Optimizer,
  data: RegressionData,
): Run {
  const model = new Sequential([
    new Dense({ inputs: 1, units: 1, rng: new Rng(config.modelSeed) }),
  ]);
  const run: Run = {
    label,
    model,
    optimizer,
    // The same seed for both runs: they see the same mini-batches in the same order.
    shuffle: new Rng(config.modelSeed + 1_000_003),
    distance: [],
    excessCost: [],
    learningRate: [null],
  };
  record(run, data);
  return run;
}

function parameters(run: Run): { weight: number; bias: number } {
  let weight = 0;
  let bias = 0;
  for (const parameter of run.model.namedParameters()) {
    if (parameter.role === 'weight') weight = parameter.value.data[0]!;
    else if (parameter.role === 'bias') bias = parameter.value.data[0]!;
  }
  return { weight, bias };
}

function record(run: Run, data: RegressionData): void {
  const { weight, bias } = parameters(run);
  run.distance.push(Math.hypot(weight - data.optimalWeight, bias - data.optimalBias));
  const cost = evaluate(run.model, data.train, { loss: meanSquaredError }).cost;
  run.excessCost.push(cost - data.optimalCost);
}

function curves(run: Run): LrDecayCurves {
  return {
    distance: [...run.distance],
    excessCost: [...run.excessCost],
    learningRate: [...run.learningRate],
    ...parameters(run),
  };
}

/**
 * The learning-rate-decay experiment: seeded mini-batch gradient descent on a 1-D linear
 * regression, twice from the same initial weights and on the same mini-batches: once with a
 * constant α₀ and once with the chosen deeptune schedule (advanced once per epoch). After
 * each epoch it records the distance of (w, b) to the least-squares optimum and the excess
 * cost J − J*.
 */
export function createLrDecayJob(config: LrDecayConfig): SteppedJob<LrDecaySnapshot> {
  const data = makeRegressionData(config.data);
  const batchSize = Math.min(config.batchSize, config.data.m);
  const stepsPerEpoch = Math.ceil(config.data.m / batchSize);
  const schedule = buildSchedule(config.schedule, config.settings);
  const epochs = config.settings.epochs;
  const runs = [
    createRun(
      'constant α',
      config,
      sgd({ learningRate: config.settings.initialLearningRate }),
      data,
    ),
    createRun(
      config.schedule,
      config,
      sgd({ learningRate: perEpoch(schedule, stepsPerEpoch) }),
      data,
    ),
  ] as const;
  let epoch = 0;
  let diverged: string | null = null;

  const snapshot = (): LrDecaySnapshot => ({
    epoch,
    epochs: Array.from({ length: epoch + 1 }, (_, index) => index),
    constant: curves(runs[0]),
    scheduled: curves(runs[1]),
    optimum: { weight: data.optimalWeight, bias: data.optimalBias, cost: data.optimalCost },
    diverged,
  });

  return {
    get done() {
      return diverged !== null || epoch >= epochs;
    },
    initial: snapshot,
    async step(signal) {
      const last = Math.min(epochs, epoch + config.epochsPerStep);
      while (epoch < last && diverged === null && !signal.aborted) {
        for (const run of runs) {
          try {
            const history = await fit(run.model, data.train, {
              loss: meanSquaredError,
              optimizer: run.optimizer,
              epochs: 1,
              batchSize,
              rng: run.shuffle,
              signal,
            });
            const epochRecord = history.epochs[0];
            if (epochRecord === undefined) return snapshot();
            run.learningRate.push(epochRecord.learningRate);
            record(run, data);
          } catch (error) {
            if (!(error instanceof DivergenceError)) throw error;
            diverged = `the ${run.label} run diverged: ${error.message}`;
            return snapshot();
          }
        }
        epoch += 1;
      }
      return snapshot();
    },
  };
}
