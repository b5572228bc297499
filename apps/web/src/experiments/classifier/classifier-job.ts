import {
  Activation,
  BatchNorm,
  Dense,
  DivergenceError,
  Dropout,
  Rng,
  Sequential,
  adam,
  evaluate,
  fit,
  l1,
  l2,
  momentum,
  predict,
  rmsprop,
  sgd,
  softmaxCrossEntropy,
  tensor,
  type Module,
  type Optimizer,
  type Regularizer,
} from 'deeptune';
import type { SteppedJob } from '../../worker/stepped-job.js';
import type { ClassifierConfig } from './classifier-config.js';
import {
  makePlanarData,
  type PlanarData,
  type PlanarPoints,
  type PlaneBounds,
} from './planar-data.js';

/** The data of a run, sent once with its first snapshot (for drawing the points). */
export interface ClassifierScene {
  /** The area the grid covers. */
  readonly bounds: PlaneBounds;
  /** The number of classes. */
  readonly classes: number;
  /** Training points. */
  readonly train: PlanarPoints;
  /** Dev points. */
  readonly dev: PlanarPoints;
}

/** The state of a classifier run after a step. */
export interface ClassifierSnapshot {
  /** Epochs trained so far (0 before training). */
  readonly epoch: number;
  /** The cost J on the training set (data + penalty), the epoch's mean over mini-batches. */
  readonly cost: number;
  /** The data cost on the training set (the epoch's mean). */
  readonly dataCost: number;
  /** The data cost on the dev set. */
  readonly devCost: number;
  /** The training error (1 − accuracy) after the epoch. */
  readonly trainError: number;
  /** The dev error. */
  readonly devError: number;
  /** The message when training diverged (the cost became non-finite), else `null`. */
  readonly diverged: string | null;
  /** Class probabilities on the grid: row-major from the top-left, `classes` values per cell. */
  readonly grid: Float32Array;
  /** The grid's cells per side. */
  readonly gridSize: number;
  /** The L2 norm of each Dense layer's weight matrix. */
  readonly weightNorms: readonly number[];
  /** Every weight (not biases) when the config asked for them, else `null`. */
  readonly weights: Float32Array | null;
  /** The grid's logits (same layout as `grid`) when the config asked for them, else `null`. */
  readonly gridLogits: Float32Array | null;
  /**
   * The dev set's confusion matrix when the config asked for it, else `null`:
   * `devConfusion[true][predicted]` counts the dev examples (predicted = the most probable class).
   */
  readonly devConfusion: readonly (readonly number[])[] | null;
  /** The points, on the first snapshot of a run only. */
  readonly scene: ClassifierScene | null;
}

function buildModel(config: ClassifierConfig, rng: Rng): Sequential {
  const layers: Module[] = [];
  let inputs = 2;
  config.hiddenLayers.forEach((units, index) => {
    if (config.batchNorm) {
      layers.push(new Dense({ inputs, units, useBias: false, rng }));
      layers.push(new BatchNorm({ features: units }));
      layers.push(new Activation(config.activation));
    } else {
      layers.push(new Dense({ inputs, units, activation: config.activation, rng }));
    }
    const keepProb = config.keepProbs[index] ?? 1;
    if (keepProb < 1) layers.push(new Dropout({ keepProb, rng }));
    inputs = units;
  });
  layers.push(new Dense({ inputs, units: config.source.classes, rng }));
  return new Sequential(layers);
}

function buildOptimizer(config: ClassifierConfig): Optimizer {
  const learningRate = config.learningRate;
  switch (config.optimizer) {
    case 'sgd':
      return sgd({ learningRate });
    case 'momentum':
      return momentum({ learningRate, momentum: 0.9 });
    case 'rmsprop':
      return rmsprop({ learningRate });
    case 'adam':
      return adam({ learningRate });
  }
}

function buildRegularizers(config: ClassifierConfig): Regularizer[] {
  const regularizers: Regularizer[] = [];
  if (config.l2 > 0) regularizers.push(l2({ lambda: config.l2 }));
  if (config.l1 > 0) regularizers.push(l1({ lambda: config.l1 }));
  return regularizers;
}

/** The grid's cell centres in normalized coordinates, row-major from the top-left. */
function gridInputs(data: PlanarData, size: number): Float32Array {
  const { xMin, xMax, yMin, yMax } = data.bounds;
  const points = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    const y = yMax - ((row + 0.5) / size) * (yMax - yMin);
    for (let column = 0; column < size; column++) {
      const x = xMin + ((column + 0.5) / size) * (xMax - xMin);
      const offset = (row * size + column) * 2;
      points[offset] = x;
      points[offset + 1] = y;
    }
  }
  const normalized = data.standardizer.transform(tensor(points, { shape: [size * size, 2] }));
  return Float32Array.from(normalized.data);
}

/**
 * Counts `[true][predicted]` pairs: the predicted class is the first largest of each row of
 * `outputs` (`[m, classes]`, row-major), as the accuracy metric decides.
 */
export function confusionCounts(
  outputs: ArrayLike<number>,
  targets: ArrayLike<number>,
  classes: number,
): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
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
    counts[targets[row]!]![predicted]! += 1;
  }
  return counts;
}

/**
 * A run of the 2-D classifier experiment: a seeded network trained on a planar dataset with
 * the config's regularization and optimizer, reporting costs, errors and the decision
 * boundary after every `epochsPerStep` epochs. Divergence ends the run with its message.
 */
export function createClassifierJob(config: ClassifierConfig): SteppedJob<ClassifierSnapshot> {
  const data = makePlanarData(config.source);
  const rng = new Rng(config.modelSeed);
  const model = buildModel(config, rng);
  const optimizer = buildOptimizer(config);
  const regularizers = buildRegularizers(config);
  const shuffleRng = new Rng(config.modelSeed + 1_000_003);
  const grid = tensor(gridInputs(data, config.gridSize), {
    shape: [config.gridSize * config.gridSize, 2],
  });
  const batchSize =
    config.batchSize === 0 ? data.train.size : Math.min(config.batchSize, data.train.size);
  let epoch = 0;
  let diverged: string | null = null;
  let last: ClassifierSnapshot | null = null;

  const snapshot = (
    costs: {
      cost: number;
      dataCost: number;
      devCost: number;
      trainError: number;
      devError: number;
    },
    scene: ClassifierScene | null,
  ): ClassifierSnapshot => {
    const logits = predict(model, grid);
    const probabilities = logits.softmax(1);
    const dense = model
      .namedParameters()
      .filter((parameter) => parameter.role === 'weight' && parameter.value.rank === 2);
    const weightNorms = dense.map((parameter) => {
      let sum = 0;
      for (const value of parameter.value.data) sum += value * value;
      return Math.sqrt(sum);
    });
    let weights: Float32Array | null = null;
    if (config.includeWeights) {
      const total = dense.reduce((count, parameter) => count + parameter.value.size, 0);
      weights = new Float32Array(total);
      let offset = 0;
      for (const parameter of dense) {
        weights.set(parameter.value.data, offset);
        offset += parameter.value.size;
      }
    }
    return {
      epoch,
      ...costs,
      diverged,
      grid: Float32Array.from(probabilities.data),
      gridSize: config.gridSize,
      weightNorms,
      weights,
      gridLogits: config.includeGridLogits === true ? Float32Array.from(logits.data) : null,
      devConfusion:
        config.includeDevConfusion === true
          ? confusionCounts(
              predict(model, data.dev.inputs).data,
              data.dev.targets.data,
              data.classes,
            )
          : null,
      scene,
    };
  };

  return {
    get done() {
      return diverged !== null || epoch >= config.epochs;
    },
    initial() {
      const metrics = ['error-rate'] as const;
      const train = evaluate(model, data.train, { loss: softmaxCrossEntropy, metrics });
      const dev = evaluate(model, data.dev, { loss: softmaxCrossEntropy, metrics });
      last = snapshot(
        {
          cost: train.cost,
          dataCost: train.cost,
          devCost: dev.cost,
          trainError: train.metrics['error-rate']!,
          devError: dev.metrics['error-rate']!,
        },
        {
          bounds: data.bounds,
          classes: data.classes,
          train: data.trainPoints,
          dev: data.devPoints,
        },
      );
      return last;
    },
    async step(signal) {
      if (last === null) throw new Error('classifier job: call initial() before step().');
      if (diverged !== null || epoch >= config.epochs) return last;
      const epochs = Math.min(config.epochsPerStep, config.epochs - epoch);
      try {
        const history = await fit(model, data.train, {
          loss: softmaxCrossEntropy,
          optimizer,
          regularizers,
          epochs,
          batchSize,
          devData: data.dev,
          metrics: ['error-rate'],
          rng: shuffleRng,
          signal,
        });
        const record = history.epochs.at(-1);
        if (record === undefined) return last;
        epoch += history.epochs.length;
        last = snapshot(
          {
            cost: record.cost,
            dataCost: record.dataCost,
            devCost: record.devCost!,
            trainError: record.metrics['error-rate']!,
            devError: record.devMetrics!['error-rate']!,
          },
          null,
        );
      } catch (error) {
        if (!(error instanceof DivergenceError)) throw error;
        diverged = error.message;
        last = { ...last, diverged, scene: null };
      }
      return last;
    },
  };
}
