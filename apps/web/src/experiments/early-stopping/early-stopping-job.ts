import {
  Dense,
  DivergenceError,
  Rng,
  Sequential,
  adam,
  bestWeights,
  earlyStopping,
  evaluate,
  fit,
  predict,
  softmaxCrossEntropy,
  tensor,
  type Callback,
  type CallbackLogsContext,
  type Module,
  type Tensor,
} from 'deeptune';
import type { ClassifierScene } from '../classifier/classifier-job.js';
import { makePlanarData, type PlanarData } from '../classifier/planar-data.js';
import type { SteppedJob } from '../../worker/stepped-job.js';
import type { EarlyStoppingConfig } from './early-stopping-config.js';

/** The numbers of one trained epoch (for the curves). */
export interface EpochPoint {
  /** The epoch, counted from 1 (0: before training). */
  readonly epoch: number;
  /** The training cost J (the epoch's mean over mini-batches). */
  readonly cost: number;
  /** The dev cost after the epoch. */
  readonly devCost: number;
  /** The training error after the epoch. */
  readonly trainError: number;
  /** The dev error after the epoch. */
  readonly devError: number;
}

/** What one set of weights does: its errors, costs and decision boundary. */
export interface ModelView {
  /** The epoch whose weights these are. */
  readonly epoch: number;
  /** The data cost on the training set (inference mode). */
  readonly trainCost: number;
  /** The data cost on the dev set. */
  readonly devCost: number;
  /** The training error. */
  readonly trainError: number;
  /** The dev error. */
  readonly devError: number;
  /** Class probabilities on the grid: row-major from the top-left, `classes` values per cell. */
  readonly grid: Float32Array;
}

/** The state of an early-stopping run after a step. */
export interface EarlyStoppingSnapshot {
  /** Epochs trained so far. */
  readonly epoch: number;
  /** The epochs trained in this step (every epoch, so the dev minimum is exact). */
  readonly points: readonly EpochPoint[];
  /** The weights being trained: after the run ends, those of its last epoch (before restoring). */
  readonly latest: ModelView;
  /**
   * The weights of the lowest dev cost so far (`null` before the first epoch); after the run
   * ends, the model early stopping restored.
   */
  readonly best: ModelView | null;
  /** The epoch after which early stopping stopped training, or `null`. */
  readonly stoppedEpoch: number | null;
  /** Early stopping's reason, when it stopped. */
  readonly stopReason: string | null;
  /** The epoch whose weights the model holds after the run ended (restored), else `null`. */
  readonly restoredEpoch: number | null;
  /** The message when training diverged, else `null`. */
  readonly diverged: string | null;
  /** The grids' cells per side. */
  readonly gridSize: number;
  /** The points, on the first snapshot of a run only. */
  readonly scene: ClassifierScene | null;
}

/** An early-stopping run, with its model (tests compare the restored weights). */
export interface EarlyStoppingJob extends SteppedJob<EarlyStoppingSnapshot> {
  /** The trained model; after the run ended, it holds the restored weights. */
  readonly model: Module;
}

/** The network of a config: Dense ReLU layers and a linear output (softmax in the loss). */
export function buildEarlyStoppingModel(config: EarlyStoppingConfig): Sequential {
  const rng = new Rng(config.modelSeed);
  const layers: Module[] = [];
  let inputs = 2;
  for (const units of config.hiddenLayers) {
    layers.push(new Dense({ inputs, units, activation: 'relu', rng }));
    inputs = units;
  }
  layers.push(new Dense({ inputs, units: config.source.classes, rng }));
  return new Sequential(layers);
}

/** The grid's cell centres in normalized coordinates, row-major from the top-left. */
function gridInputs(data: PlanarData, size: number): Tensor {
  const { xMin, xMax, yMin, yMax } = data.bounds;
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const y = yMax - ((row + 0.5) / size) * (yMax - yMin);
    for (let column = 0; column < size; column++) {
      const offset = (row * size + column) * 2;
      points[offset] = xMin + ((column + 0.5) / size) * (xMax - xMin);
      points[offset + 1] = y;
    }
  }
  return data.standardizer.transform(tensor(points, { shape: [size * size, 2] }));
}

/**
 * A run of the early-stopping experiment: a network big enough to overfit, trained with
 * Adam and the library's own {@link earlyStopping} callback (dev cost, `patience`,
 * restore-best-weights), `epochsPerStep` epochs per step. The callback lives across steps:
 * each step's `fit` forwards its epochs to it with the run's epoch numbers, so it sees one
 * continuous run, stops it, and restores the weights of the lowest dev cost when the run
 * ends (stopped or out of budget). A {@link bestWeights} callback keeps the same best
 * weights while training goes on, to show the model early stopping would restore.
 */
export function createEarlyStoppingJob(config: EarlyStoppingConfig): EarlyStoppingJob {
  const data = makePlanarData(config.source);
  const model = buildEarlyStoppingModel(config);
  const bestModel = buildEarlyStoppingModel(config);
  const optimizer = adam({ learningRate: config.learningRate });
  const shuffleRng = new Rng(config.modelSeed + 1_000_003);
  const grid = gridInputs(data, config.gridSize);
  const batchSize =
    config.batchSize === 0 ? data.train.size : Math.min(config.batchSize, data.train.size);
  const stopper = earlyStopping({
    monitor: 'devCost',
    patience: config.patience,
    minDelta: config.minDelta,
    restoreBestWeights: true,
  });
  const best = bestWeights({ monitor: 'devCost', restore: 'never' });
  const run: Callback[] = [stopper, best];

  let epoch = 0;
  let started = false;
  let ended = false;
  let stopReason: string | null = null;
  let diverged: string | null = null;
  let lastContext: CallbackLogsContext | null = null;
  let last: EarlyStoppingSnapshot | null = null;
  let bestView: ModelView | null = null;
  let stepPoints: EpochPoint[] = [];

  const view = (viewed: Module, viewedEpoch: number): ModelView => {
    const metrics = ['error-rate'] as const;
    const train = evaluate(viewed, data.train, { loss: softmaxCrossEntropy, metrics });
    const dev = evaluate(viewed, data.dev, { loss: softmaxCrossEntropy, metrics });
    return {
      epoch: viewedEpoch,
      trainCost: train.cost,
      devCost: dev.cost,
      trainError: train.metrics['error-rate']!,
      devError: dev.metrics['error-rate']!,
      grid: Float32Array.from(predict(viewed, grid).softmax(1).data),
    };
  };

  // Forwards each step's epochs to the run's callbacks, numbered from the run's start.
  const forward: Callback = {
    name: 'early-stopping-across-steps',
    onTrainBegin: async (context) => {
      if (started) return;
      started = true;
      for (const callback of run) await callback.onTrainBegin?.(context);
    },
    onEpochEnd: async (context) => {
      const shifted: CallbackLogsContext = {
        ...context,
        epoch: epoch + context.epoch,
        epochs: config.epochs,
      };
      lastContext = shifted;
      const error = shifted.logs.metrics['error-rate']!;
      stepPoints.push({
        epoch: shifted.epoch,
        cost: shifted.logs.cost,
        devCost: shifted.logs.devCost!,
        trainError: error,
        devError: shifted.logs.devMetrics!['error-rate']!,
      });
      for (const callback of run) await callback.onEpochEnd?.(shifted);
    },
  };

  const bestSoFar = (): ModelView | null => {
    const bestEpoch = best.epoch;
    const weights = best.weights;
    if (bestEpoch === null || weights === null) return null;
    if (bestView?.epoch !== bestEpoch) {
      bestModel.loadStateDict(weights);
      bestView = view(bestModel, bestEpoch);
    }
    return bestView;
  };

  const endRun = async (latest: ModelView): Promise<ModelView | null> => {
    ended = true;
    const context = lastContext;
    if (context === null) return null;
    for (const callback of run) {
      await callback.onTrainEnd?.({ ...context, logs: context.logs, stopReason });
    }
    const restoredEpoch = stopper.bestEpoch;
    if (restoredEpoch === null) return null;
    // The model now holds the restored weights (or the last epoch's, when it was the best).
    return restoredEpoch === latest.epoch ? latest : view(model, restoredEpoch);
  };

  return {
    model,
    get done() {
      return ended || diverged !== null;
    },
    initial() {
      const latest = view(model, 0);
      last = {
        epoch: 0,
        points: [
          {
            epoch: 0,
            cost: latest.trainCost,
            devCost: latest.devCost,
            trainError: latest.trainError,
            devError: latest.devError,
          },
        ],
        latest,
        best: null,
        stoppedEpoch: null,
        stopReason: null,
        restoredEpoch: null,
        diverged: null,
        gridSize: config.gridSize,
        scene: {
          bounds: data.bounds,
          classes: data.classes,
          train: data.trainPoints,
          dev: data.devPoints,
        },
      };
      return last;
    },
    async step(signal) {
      if (last === null) throw new Error('early-stopping job: call initial() before step().');
      if (ended || diverged !== null) return last;
      stepPoints = [];
      const epochs = Math.min(config.epochsPerStep, config.epochs - epoch);
      try {
        const history = await fit(model, data.train, {
          loss: softmaxCrossEntropy,
          optimizer,
          epochs,
          batchSize,
          devData: data.dev,
          metrics: ['error-rate'],
          callbacks: [forward],
          rng: shuffleRng,
          signal,
        });
        epoch += history.epochs.length;
        if (history.stopReason !== null && history.stopReason !== 'aborted') {
          stopReason = history.stopReason;
        }
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        diverged = error.message;
        last = { ...last, points: [], diverged, scene: null };
        return last;
      }
      const latest = view(model, epoch);
      const finished = stopReason !== null || epoch >= config.epochs;
      const restored = finished ? await endRun(latest) : null;
      last = {
        epoch,
        points: stepPoints,
        latest,
        best: restored ?? bestSoFar(),
        stoppedEpoch: stopper.stoppedEpoch,
        stopReason,
        restoredEpoch: restored?.epoch ?? null,
        diverged: null,
        gridSize: config.gridSize,
        scene: null,
      };
      return last;
    },
  };
}
