/**
 * The training loop of deeptune: `fit` with mini-batches, regularizers, metrics, a
 * divergence guard, callbacks (progress events, `lrScheduler`, `bestWeights`); the data
 * split of a run (`splitForTraining`, and `recreateSplit` for a saved model); `evaluate`, `predict` and
 * `predictClasses`; the course's bias/variance recipe (`diagnose`); and the safetensors
 * format with model descriptions for saving and loading (the file-system part is in
 * `@deeptune/train/node`).
 *
 * ```ts
 * import { Rng } from '@deeptune/core';
 * import { dataset } from '@deeptune/data';
 * import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
 * import { adam } from '@deeptune/optimizers';
 * import { diagnose, fit } from '@deeptune/train';
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
 *   metrics: ['error-rate'],
 *   onProgress: (event) => render(event),
 * });
 * const last = history.epochs.at(-1)!;
 * diagnose({ trainError: last.metrics['error-rate']!, devError: last.devMetrics!['error-rate']! });
 * ```
 *
 * @packageDocumentation
 * @mergeModuleWith <project>
 */

// Training
export { fit } from './fit/fit.js';
export type { FitOptions } from './fit/fit-options.js';
export type { History, EpochRecord, StepRecord } from './fit/history.js';

// Progress
export type { ProgressEvent, ProgressListener } from './fit/progress-event.js';
export { progress, progressPlugin } from './callbacks/progress.js';
export type { ProgressOptions } from './callbacks/progress.js';

// Callbacks
export { lrScheduler, lrSchedulerPlugin } from './callbacks/lr-scheduler.js';
export type { LrSchedulerOptions } from './callbacks/lr-scheduler.js';
export { bestWeights, bestWeightsPlugin } from './callbacks/best-weights.js';
export type {
  BestWeights,
  BestWeightsOptions,
  BestWeightsRestore,
} from './callbacks/best-weights.js';

// Splits
export { splitForTraining } from './split/split-for-training.js';
export type { SplitForTrainingOptions, TrainingSplit } from './split/split-for-training.js';
export { recreateSplit } from './split/recreate-split.js';
export type { RecreateSplitOptions } from './split/recreate-split.js';

// Metrics
export { METRIC_NAMES, isMetricName } from './metrics/metric-name.js';
export type { MetricName } from './metrics/metric-name.js';

// Evaluation
export { evaluate } from './evaluate/evaluate.js';
export type { EvaluateOptions, EvaluationResult } from './evaluate/evaluate.js';
export { predict } from './evaluate/predict.js';
export type { PredictOptions } from './evaluate/predict.js';
export { predictClasses } from './evaluate/predict-classes.js';

// Diagnosis
export { diagnose } from './diagnose/diagnose.js';
export type { DiagnoseOptions, Diagnosis, DiagnosisVerdict } from './diagnose/diagnose.js';

// Safetensors
export { encodeSafetensors } from './safetensors/encode-safetensors.js';
export { decodeSafetensors } from './safetensors/decode-safetensors.js';
export type { Safetensors, DecodeSafetensorsOptions } from './safetensors/decode-safetensors.js';

// Model descriptions
export type { ModelArchitecture, LayerArchitecture } from './serialization/model-architecture.js';
export { describeModel, LAYER_DESCRIBERS } from './serialization/describe-model.js';
export type { DescribeModelOptions, LayerDescriber } from './serialization/describe-model.js';
export { buildModel, assertModelArchitecture } from './serialization/build-model.js';
export type { BuildModelOptions } from './serialization/build-model.js';

// This package's plugins
export { plugin, register } from './plugin.js';
