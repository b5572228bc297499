import {
  Activation,
  BatchNorm,
  Dense,
  DivergenceError,
  Rng,
  Sequential,
  fit,
  momentum,
  noGrad,
  predict,
  sgd,
  softmaxCrossEntropy,
  type Module,
  type Optimizer,
  type Tensor,
} from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import { makePlanarData, type PlanarData } from '../classifier/planar-data.js';
import type { BatchNormConfig } from './batch-norm-config.js';

/** The state of one of the compared nets. */
export interface BatchNormRun {
  /** Its learning rate α. */
  readonly learningRate: number;
  /** Whether it has batch norm after each hidden layer's linear part. */
  readonly batchNorm: boolean;
  /** The training cost of its last epoch (the mean over mini-batches); NaN before training or once diverged. */
  readonly cost: number;
  /** The epoch whose cost became non-finite, or `null`. */
  readonly divergedAt: number | null;
}

/** The inspected batch-norm net: one hidden layer's Z and the running averages. */
export interface BatchNormInspection {
  /** The learning rate of the inspected net. */
  readonly learningRate: number;
  /** The inspected hidden layer (0 = the first). */
  readonly layer: number;
  /** Z of the layer (before batch norm) on the fixed batch: `batchSize × units` values. */
  readonly z: Float32Array;
  /** Ẑ = (Z − μ_B) / √(σ²_B + ε), normalised with the batch's statistics, before γ and β. */
  readonly zHat: Float32Array;
  /** The layer's running mean of unit 0. */
  readonly runningMean0: number;
  /** The layer's running variance of unit 0. */
  readonly runningVar0: number;
  /** The mean of unit 0's Z over the whole training set (training-mode forward pass). */
  readonly trainMean0: number;
  /** The unbiased variance of unit 0's Z over the whole training set. */
  readonly trainVar0: number;
  /** Mean over the layer's units of |running mean − training-set mean|. */
  readonly meanGap: number;
  /** Mean over the units of |running variance − training-set variance| / training-set variance. */
  readonly varianceGap: number;
  /** The dev error in inference mode: every batch norm uses its running averages. */
  readonly devErrorRunning: number;
  /** The dev error when every batch norm uses the dev set's own batch statistics. */
  readonly devErrorBatchStats: number;
}

/** The state of the experiment after a step. */
export interface BatchNormSnapshot {
  /** Epochs trained so far (0 before training). */
  readonly epoch: number;
  /** One entry per (learning rate, batch norm): the plain nets first, then the batch-norm nets. */
  readonly runs: readonly BatchNormRun[];
  /** The inspected batch-norm net, or `null` when it diverged. */
  readonly inspection: BatchNormInspection | null;
}

/** One net being trained. */
interface Trainee {
  readonly learningRate: number;
  readonly batchNorm: boolean;
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  readonly shuffle: Rng;
  cost: number;
  divergedAt: number | null;
}

/** The layers of the net: `Dense → (BatchNorm) → ReLU` per hidden layer, then the output `Dense`. */
export function buildBatchNormNet(
  config: BatchNormConfig,
  classes: number,
  batchNorm: boolean,
): Sequential {
  const rng = new Rng(config.modelSeed);
  const layers: Module[] = [];
  let inputs = 2;
  for (const units of config.hiddenLayers) {
    layers.push(new Dense({ inputs, units, useBias: !batchNorm, rng }));
    if (batchNorm) layers.push(new BatchNorm({ features: units }));
    layers.push(new Activation('relu'));
    inputs = units;
  }
  layers.push(new Dense({ inputs, units: classes, rng }));
  return new Sequential(layers);
}

function buildOptimizer(config: BatchNormConfig, learningRate: number): Optimizer {
  return config.optimizer === 'momentum'
    ? momentum({ learningRate, momentum: 0.9 })
    : sgd({ learningRate });
}

function batchNormsOf(model: Sequential): BatchNorm[] {
  return model.layers.filter((layer): layer is BatchNorm => layer instanceof BatchNorm);
}

/**
 * Runs `fn` with the model's batch norms in training mode (batch statistics) and restores
 * their running averages afterwards, so that looking does not change the model.
 */
function withBatchStatistics<T>(model: Sequential, fn: () => T): T {
  const saved = batchNormsOf(model).map((layer) => ({
    layer,
    mean: Float32Array.from(layer.runningMean.data),
    variance: Float32Array.from(layer.runningVar.data),
    tracked: layer.batchesTracked.data[0]!,
  }));
  try {
    return noGrad(fn);
  } finally {
    for (const { layer, mean, variance, tracked } of saved) {
      layer.runningMean.data.set(mean);
      layer.runningVar.data.set(variance);
      layer.batchesTracked.data[0] = tracked;
    }
  }
}

const BATCH_STATISTICS = { training: true, stochastic: false } as const;

/** Z of hidden layer `layer` (its Dense output) for `inputs`, with batch statistics. */
function hiddenZ(model: Sequential, inputs: Tensor, layer: number, perHidden: number): Tensor {
  return withBatchStatistics(model, () => {
    let x = inputs;
    const end = layer * perHidden;
    for (let index = 0; index <= end; index++)
      x = model.layers[index]!.forward(x, BATCH_STATISTICS);
    return x;
  });
}

/** The error rate of `outputs` ([m, classes], row-major) against class indices. */
export function errorRate(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  classes: number,
): number {
  let wrong = 0;
  for (let row = 0; row < targets.length; row++) {
    let predicted = 0;
    let best = outputs[row * classes]!;
    for (let c = 1; c < classes; c++) {
      const value = outputs[row * classes + c]!;
      if (value > best) {
        best = value;
        predicted = c;
      }
    }
    if (predicted !== targets[row]) wrong += 1;
  }
  return wrong / targets.length;
}

/** Per-column mean and biased (1/m) variance of a row-major `[m, n]` matrix. */
export function columnStatistics(
  values: ArrayLike<number>,
  m: number,
  n: number,
): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let row = 0; row < m; row++) for (let j = 0; j < n; j++) mean[j]! += values[row * n + j]!;
  for (let j = 0; j < n; j++) mean[j] = mean[j]! / m;
  for (let row = 0; row < m; row++) {
    for (let j = 0; j < n; j++) {
      const d = values[row * n + j]! - mean[j]!;
      variance[j]! += d * d;
    }
  }
  for (let j = 0; j < n; j++) variance[j] = variance[j]! / m;
  return { mean, variance };
}

function inspect(
  config: BatchNormConfig,
  trainee: Trainee,
  data: PlanarData,
  batch: Tensor,
): BatchNormInspection {
  const model = trainee.model;
  const layer = config.inspectLayer;
  const perHidden = 3;
  const norm = batchNormsOf(model)[layer]!;
  const units = config.hiddenLayers[layer]!;
  const z = hiddenZ(model, batch, layer, perHidden);
  const m = batch.shape[0]!;
  const batchStats = columnStatistics(z.data, m, units);
  const zHat = new Float32Array(m * units);
  for (let row = 0; row < m; row++) {
    for (let j = 0; j < units; j++) {
      const index = row * units + j;
      zHat[index] =
        (z.data[index]! - batchStats.mean[j]!) / Math.sqrt(batchStats.variance[j]! + norm.epsilon);
    }
  }
  const trainSize = data.train.size;
  const trainZ = hiddenZ(model, data.train.inputs, layer, perHidden);
  const trainStats = columnStatistics(trainZ.data, trainSize, units);
  const unbiased = trainSize / (trainSize - 1);
  let meanGap = 0;
  let varianceGap = 0;
  for (let j = 0; j < units; j++) {
    const trainVariance = trainStats.variance[j]! * unbiased;
    meanGap += Math.abs(norm.runningMean.data[j]! - trainStats.mean[j]!);
    varianceGap +=
      Math.abs(norm.runningVar.data[j]! - trainVariance) / Math.max(trainVariance, 1e-12);
  }
  const classes = data.classes;
  const devTargets = data.dev.targets.data;
  const running = predict(model, data.dev.inputs);
  const ownStatistics = withBatchStatistics(model, () =>
    model.forward(data.dev.inputs, BATCH_STATISTICS),
  );
  return {
    learningRate: trainee.learningRate,
    layer,
    z: Float32Array.from(z.data),
    zHat,
    runningMean0: norm.runningMean.data[0]!,
    runningVar0: norm.runningVar.data[0]!,
    trainMean0: trainStats.mean[0]!,
    trainVar0: trainStats.variance[0]! * unbiased,
    meanGap: meanGap / units,
    varianceGap: varianceGap / units,
    devErrorRunning: errorRate(running.data, devTargets, classes),
    devErrorBatchStats: errorRate(ownStatistics.data, devTargets, classes),
  };
}

/**
 * The batch-norm experiment: for each learning rate, the same ReLU net (the same initial
 * W) is trained with and without batch norm, in lockstep, with plain mini-batch gradient
 * descent (or momentum). A net whose cost becomes non-finite stops, with its epoch noted.
 * The inspected batch-norm net reports one hidden layer's Z on a fixed batch before and
 * after normalisation, its running averages against the training set's statistics, and its
 * dev error with the running averages versus with the dev set's own batch statistics.
 */
export function createBatchNormJob(config: BatchNormConfig): SteppedJob<BatchNormSnapshot> {
  if (config.hiddenLayers.length === 0)
    throw new Error('batch-norm experiment: expected at least one hidden layer.');
  if (config.inspectLayer < 0 || config.inspectLayer >= config.hiddenLayers.length)
    throw new Error(
      `batch-norm experiment: inspectLayer ${config.inspectLayer} is not a hidden layer (0 to ${config.hiddenLayers.length - 1}).`,
    );
  if (config.inspectRate < 0 || config.inspectRate >= config.learningRates.length)
    throw new Error(
      `batch-norm experiment: inspectRate ${config.inspectRate} is not an index of the ${config.learningRates.length} learning rates.`,
    );
  const data = makePlanarData(config.source);
  const batchSize = Math.min(config.batchSize, data.train.size);
  const trainSize = data.train.size;
  if (trainSize % batchSize === 1) {
    throw new Error(
      `batch-norm experiment: with ${trainSize} training examples and mini-batches of ${batchSize}, the last mini-batch holds 1 example (${trainSize} = ${Math.floor(trainSize / batchSize)} × ${batchSize} + 1), and batch norm needs at least 2 per batch; pick another mini-batch size.`,
    );
  }
  const batch = data.train.inputs.slice(0, batchSize);
  const trainees: Trainee[] = [];
  for (const batchNorm of [false, true]) {
    for (const learningRate of config.learningRates) {
      trainees.push({
        learningRate,
        batchNorm,
        model: buildBatchNormNet(config, data.classes, batchNorm),
        optimizer: buildOptimizer(config, learningRate),
        shuffle: new Rng(config.modelSeed + 1_000_003),
        cost: Number.NaN,
        divergedAt: null,
      });
    }
  }
  const inspected = trainees[config.learningRates.length + config.inspectRate]!;
  let epoch = 0;

  const snapshot = (): BatchNormSnapshot => ({
    epoch,
    runs: trainees.map(({ learningRate, batchNorm, cost, divergedAt }) => ({
      learningRate,
      batchNorm,
      cost,
      divergedAt,
    })),
    inspection: inspected.divergedAt === null ? inspect(config, inspected, data, batch) : null,
  });
  let last: BatchNormSnapshot | null = null;

  return {
    get done() {
      return epoch >= config.epochs || trainees.every((trainee) => trainee.divergedAt !== null);
    },
    initial() {
      last = snapshot();
      return last;
    },
    async step(signal) {
      if (last === null) throw new Error('batch-norm job: call initial() before step().');
      const target = Math.min(config.epochs, epoch + config.epochsPerStep);
      while (epoch < target) {
        for (const trainee of trainees) {
          if (trainee.divergedAt !== null) continue;
          try {
            const history = await fit(trainee.model, data.train, {
              loss: softmaxCrossEntropy,
              optimizer: trainee.optimizer,
              epochs: 1,
              batchSize,
              rng: trainee.shuffle,
              signal,
            });
            if (signal.aborted) return last;
            trainee.cost = history.epochs.at(-1)?.cost ?? trainee.cost;
          } catch (error) {
            if (!(error instanceof DivergenceError)) throw error;
            trainee.divergedAt = epoch + 1;
            trainee.cost = Number.NaN;
          }
        }
        epoch += 1;
      }
      last = snapshot();
      return last;
    },
  };
}
