import {
  ConfigError,
  DivergenceError,
  Rng,
  TRAINING_MODE,
  computeCost,
  warnOnce,
  type Callback,
  type CallbackContext,
  type Model,
  type TrainingLogs,
  describeValue,
  validateOptions,
} from '@deeptune/core';
import { minibatches, type Dataset } from '@deeptune/data';
import { progress } from '../callbacks/progress.js';
import {
  checkCallbacks,
  checkMetricNames,
  checkRegularizers,
  isDataset,
} from '../internal/option-checks.js';
import { checkFiniteData } from '../internal/check-finite-data.js';
import { checkOptimizerParameters } from '../internal/check-optimizer-parameters.js';
import { evaluateBatches } from '../internal/evaluate-batches.js';
import type { FitOptions } from './fit-options.js';
import { fitOptionsSchema } from './fit-options-schema.js';
import type { EpochRecord, History, StepRecord } from './history.js';

const WHERE = 'fit';

/** Resolves after a macrotask, letting the event loop run timers, input and abort events. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Validates a dataset-like argument. */
function checkDataset(name: string, data: unknown): asserts data is Dataset {
  if (!isDataset(data)) {
    throw new ConfigError(
      `${WHERE}: ${name} must be a Dataset { inputs, targets, size } (see dataset() in @deeptune/data), got ${describeValue(data)}.`,
    );
  }
  if (data.size < 1) {
    throw new ConfigError(`${WHERE}: ${name} is empty; expected at least one example.`);
  }
}

/** Validates the model argument. */
function checkModel(model: unknown): asserts model is Model {
  const candidate = model as Partial<Model> | null;
  if (
    typeof model !== 'object' ||
    candidate === null ||
    typeof candidate.forward !== 'function' ||
    typeof candidate.namedParameters !== 'function'
  ) {
    throw new ConfigError(
      `${WHERE}: model must be a Model (forward, namedParameters, stateDict, loadStateDict), got ${describeValue(model)}.`,
    );
  }
}

/**
 * Validates the arguments once, at the boundary: the options through {@link fitOptionsSchema}
 * (defaults filled in), then the elements of the lists it only knows as arrays.
 */
function checkArguments(model: unknown, trainData: unknown, options: unknown) {
  checkModel(model);
  checkDataset('trainData', trainData);
  const settings = validateOptions(WHERE, fitOptionsSchema, options);
  if (settings.devData !== undefined) checkDataset('devData', settings.devData);
  return {
    ...settings,
    regularizers: checkRegularizers(WHERE, settings.regularizers),
    metrics: checkMetricNames(WHERE, settings.metrics),
    callbacks: checkCallbacks(WHERE, settings.callbacks),
  };
}

/**
 * Trains a model with mini-batch gradient descent and returns its {@link History}.
 *
 * Each step runs the model in training mode on a mini-batch, computes the cost
 * J = loss + penalties ({@link @deeptune/core!computeCost}), back-propagates, calls
 * `optimizer.step()` and `optimizer.zeroGrad()`. After each epoch the training-set metrics,
 * the dev cost and the dev metrics are computed in inference mode (no dropout, batch norm's
 * running statistics) without recording gradients. The model's own `train()`/`eval()` state
 * is never changed: every forward pass states its mode.
 *
 * The data is checked once, up front: NaN or ±Infinity in the training or dev inputs or
 * targets throws a {@link @deeptune/core!DataFormatError} naming the set, the example and
 * the feature, so that bad data is never mistaken for divergence. The cost must then be
 * finite at every step: a NaN or infinite J throws a {@link @deeptune/core!DivergenceError}
 * naming the epoch, the step, the cost and the learning rate, before the bad gradient
 * reaches the weights.
 *
 * An optimizer that already holds parameters (to resume training) must hold this model's
 * very tensors; one built for another model is refused with a
 * {@link @deeptune/core!ConfigError}, since it would silently train nothing here.
 *
 * Reproducible: the same model initialisation, data and `seed` give bit-identical weights.
 *
 * @remarks
 * ```text
 * for epoch = 1 … epochs:
 *   for each mini-batch (X{t}, Y{t}) of batchSize examples (reshuffled every epoch):
 *     J{t} = L(model(X{t}), Y{t}) + Σ penalties      (training mode)
 *     backward; optimizer.step(); optimizer.zeroGrad()
 *   epoch cost = mean of J{t} weighted by batch size
 *   metrics, devCost = evaluated in inference mode
 * ```
 *
 * @param model - the model to train (a {@link @deeptune/core!Model}, e.g. a `Sequential`).
 * @param trainData - the training set.
 * @param options - see {@link FitOptions}.
 * @returns the history, once training ends (all epochs, a callback's stop request or an abort).
 * @throws {@link @deeptune/core!DivergenceError} when the cost becomes NaN or infinite.
 * @throws {@link @deeptune/core!DataFormatError} when the training or dev data holds NaN or
 *   ±Infinity.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `epochs`, `batchSize`,
 *   `seed`, `logEvery`, `yieldEvery` or `evaluationBatchSize` is out of range, e.g.
 *   `fit: option 'batchSize' must be an integer >= 1, got 0`.
 * @throws {@link @deeptune/core!ConfigError} when an option is missing, unknown or has the
 *   wrong type, a metric name is unknown, or the optimizer holds another model's parameters.
 * @category Training
 *
 * @example
 * ```ts
 * import { Rng } from '@deeptune/core';
 * import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
 * import { adam } from '@deeptune/optimizers';
 * import { fit } from '@deeptune/train';
 *
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 64, activation: 'relu', rng }),
 *   new Dense({ inputs: 64, units: 10, rng }),
 * ]);
 * const history = await fit(model, train, {
 *   loss: softmaxCrossEntropy,
 *   optimizer: adam({ learningRate: 1e-3 }),
 *   epochs: 3,
 *   batchSize: 64,
 *   devData: dev,
 *   metrics: ['accuracy'],
 *   seed: 0,
 * });
 * history.epochs.at(-1)?.devMetrics?.accuracy;
 * ```
 */
export async function fit(model: Model, trainData: Dataset, options: FitOptions): Promise<History> {
  const settings = checkArguments(model, trainData, options);
  const started = performance.now();
  const { loss, optimizer, epochs, batchSize, devData, signal, logEvery } = settings;
  const { regularizers, metrics, yieldEvery, evaluationBatchSize } = settings;
  for (const [set, data] of [
    ['training', trainData],
    ['dev', devData],
  ] as const) {
    if (data === undefined) continue;
    checkFiniteData(WHERE, set, 'inputs', data.inputs);
    checkFiniteData(WHERE, set, 'targets', data.targets);
  }
  if (batchSize > trainData.size) {
    warnOnce(
      `${WHERE}: batchSize ${batchSize} is larger than the training set (${trainData.size} examples), so every step uses all of it: batch gradient descent, one step per epoch. ` +
        `Hint: a batch size of at most ${trainData.size} gives mini-batch gradient descent; say batchSize: ${trainData.size} to mean the whole set.`,
    );
  }
  const callbacks: Callback[] = [...settings.callbacks];
  if (options.onProgress !== undefined) callbacks.push(progress({ listener: options.onProgress }));

  const rng = settings.rng ?? new Rng(settings.seed ?? 0);
  const batches = minibatches(trainData, {
    batchSize,
    shuffle: settings.shuffle,
    rng,
    ...(settings.augment === undefined ? {} : { augment: settings.augment }),
  });
  const parameters = model.namedParameters();
  if (optimizer.paths.length === 0) optimizer.addParameters(parameters);
  else checkOptimizerParameters(WHERE, optimizer.parameters, parameters);

  const epochRecords: EpochRecord[] = [];
  const stepRecords: StepRecord[] = [];
  let epoch = 0;
  let step = 0;
  let stopReason: string | null = null;
  let lastYield = performance.now();
  const stop = (reason?: string): void => {
    stopReason ??= reason ?? 'stopped by a callback';
  };
  const context = (): CallbackContext => ({
    epoch,
    step,
    epochs,
    stepsPerEpoch: batches.count,
    model,
    stop,
  });
  const aborted = (): boolean => {
    if (signal?.aborted === true) stopReason ??= 'aborted';
    return stopReason !== null;
  };

  for (const callback of callbacks) await callback.onTrainBegin?.(context());
  const hasBatchHooks = callbacks.some((callback) => callback.onBatchEnd !== undefined);

  while (epoch < epochs && !aborted()) {
    epoch += 1;
    const epochStarted = performance.now();
    for (const callback of callbacks) await callback.onEpochBegin?.(context());
    let costSum = 0;
    let dataSum = 0;
    let regularizationSum = 0;
    let seen = 0;
    let learningRate = optimizer.learningRate();
    let completed = true;
    for (const batch of batches) {
      learningRate = optimizer.learningRate();
      const parts = computeCost({
        model,
        loss,
        regularizers,
        inputs: batch.inputs,
        targets: batch.targets,
        mode: TRAINING_MODE,
      });
      const cost = parts.cost.item();
      if (!Number.isFinite(cost)) {
        throw new DivergenceError(
          `${WHERE}: the cost J became ${cost} at epoch ${epoch}, step ${step + 1} (batch ${batch.index + 1} of ${batches.count}) with learning rate ${learningRate}; expected a finite cost. ` +
            'Hint: lower the learning rate, or clip gradients (clipNorm / clipValue on the optimizer); also check the inputs are normalized (the data itself was checked to be finite).',
        );
      }
      parts.cost.backward();
      optimizer.step();
      optimizer.zeroGrad();
      step += 1;
      const dataCost = regularizers.length > 0 ? parts.data.item() : cost;
      const regularizationCost = regularizers.length > 0 ? parts.regularization.item() : 0;
      costSum += cost * batch.size;
      dataSum += dataCost * batch.size;
      regularizationSum += regularizationCost * batch.size;
      seen += batch.size;
      if (logEvery !== undefined && step % logEvery === 0) {
        stepRecords.push({ epoch, step, cost, dataCost, regularizationCost, learningRate });
      }
      if (hasBatchHooks) {
        const logs: TrainingLogs = {
          cost,
          dataCost,
          regularizationCost,
          metrics: {},
          learningRate,
        };
        for (const callback of callbacks) await callback.onBatchEnd?.({ ...context(), logs });
      }
      if (yieldEvery !== Infinity && performance.now() - lastYield >= yieldEvery) {
        await macrotask();
        lastYield = performance.now();
      }
      if (aborted()) {
        completed = false;
        break;
      }
    }
    if (!completed) break;
    const trainSeconds = (performance.now() - epochStarted) / 1000;
    const trainEvaluation =
      metrics.length > 0
        ? evaluateBatches(WHERE, model, trainData, loss, metrics, evaluationBatchSize)
        : undefined;
    const devEvaluation =
      devData === undefined
        ? undefined
        : evaluateBatches(WHERE, model, devData, loss, metrics, evaluationBatchSize);
    const record: EpochRecord = {
      epoch,
      step,
      cost: costSum / seen,
      dataCost: dataSum / seen,
      regularizationCost: regularizationSum / seen,
      ...(devEvaluation === undefined
        ? {}
        : { devCost: devEvaluation.dataCost, devMetrics: devEvaluation.metrics }),
      metrics: trainEvaluation?.metrics ?? {},
      learningRate,
      seconds: (performance.now() - epochStarted) / 1000,
      trainSeconds,
    };
    epochRecords.push(record);
    for (const callback of callbacks) await callback.onEpochEnd?.({ ...context(), logs: record });
  }
  aborted();
  const lastLogs = epochRecords.at(-1);
  for (const callback of callbacks)
    await callback.onTrainEnd?.({ ...context(), logs: lastLogs, stopReason });
  return {
    epochs: epochRecords,
    steps: stepRecords,
    stepCount: step,
    stopReason,
    seconds: (performance.now() - started) / 1000,
  };
}
