import { ConfigError, type Loss, type Model, describeValue, validateOptions } from '@deeptune/core';
import type { Dataset } from '@deeptune/data';
import { evaluateBatches } from '../internal/evaluate-batches.js';
import {
  checkMetricNames,
  evaluationBatchSizeOption,
  lossOption,
  metricsOption,
} from '../internal/option-checks.js';
import type { MetricName } from '../metrics/metric-name.js';

const WHERE = 'evaluate';

/** The options schema of {@link evaluate}: the one description of its options. */
const evaluateOptionsSchema = Object.freeze({
  loss: lossOption,
  metrics: metricsOption,
  batchSize: evaluationBatchSizeOption,
});

/**
 * Options of {@link evaluate}.
 *
 * @category Evaluation
 */
export interface EvaluateOptions {
  /** The loss whose mean over the data is reported as `cost`. */
  readonly loss: Loss;
  /** Metrics to compute. @defaultValue [] */
  readonly metrics?: readonly MetricName[];
  /** Rows per forward pass: an integer ≥ 1 (memory only; the results do not depend on it). @defaultValue 1024 */
  readonly batchSize?: number;
}

/**
 * The result of {@link evaluate}.
 *
 * @category Evaluation
 */
export interface EvaluationResult {
  /** The mean loss over the examples (the data cost, no penalties). */
  readonly cost: number;
  /** The requested metrics by name. */
  readonly metrics: Readonly<Record<string, number>>;
}

/**
 * Evaluates a model on a dataset in inference mode (no dropout, batch norm's running
 * statistics) without recording gradients: the mean loss and the requested metrics.
 *
 * @param model - the model.
 * @param data - the examples and their targets.
 * @param options - `loss`, `metrics`, `batchSize`.
 * @returns the cost and the metrics.
 * @throws {@link @deeptune/core!ConfigError} when an option is missing, unknown or has the
 *   wrong type (the loss is not a function, a metric is unknown), or `data` is not a
 *   non-empty dataset.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `batchSize` is not an
 *   integer ≥ 1 (`evaluate: option 'batchSize' must be an integer >= 1, got 0`).
 * @category Evaluation
 *
 * @example
 * ```ts
 * const { cost, metrics } = evaluate(model, test, {
 *   loss: softmaxCrossEntropy,
 *   metrics: ['accuracy', 'error-rate'],
 * });
 * ```
 */
export function evaluate(model: Model, data: Dataset, options: EvaluateOptions): EvaluationResult {
  const { loss, metrics, batchSize } = validateOptions(WHERE, evaluateOptionsSchema, options);
  if (typeof data !== 'object' || data === null || typeof data.size !== 'number' || data.size < 1) {
    throw new ConfigError(
      `${WHERE}: data must be a non-empty Dataset { inputs, targets, size }, got ${describeValue(data)}.`,
    );
  }
  const result = evaluateBatches(
    WHERE,
    model,
    data,
    loss,
    checkMetricNames(WHERE, metrics),
    batchSize,
  );
  return { cost: result.dataCost, metrics: result.metrics };
}
