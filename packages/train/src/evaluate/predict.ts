import {
  ConfigError,
  INFERENCE_MODE,
  concat,
  isTensor,
  noGrad,
  type Model,
  type Tensor,
  describeValue,
  formatShape,
  validateOptions,
} from '@deeptune/core';
import { evaluationBatchSizeOption } from '../internal/option-checks.js';

/** The options schema of {@link predict} and {@link predictClasses}. */
const predictOptionsSchema = Object.freeze({ batchSize: evaluationBatchSizeOption });

/**
 * Options of {@link predict} and {@link predictClasses}.
 *
 * @category Evaluation
 */
export interface PredictOptions {
  /** Rows per forward pass: an integer ≥ 1 (memory only). @defaultValue 1024 */
  readonly batchSize?: number;
}

/**
 * Runs the model on inputs in inference mode without recording gradients and returns its
 * outputs (e.g. logits `[m, C]`).
 *
 * @param model - the model.
 * @param inputs - a batch-first tensor `[m, …]`.
 * @param options - `batchSize`.
 * @returns the outputs for all m rows, in order.
 * @throws {@link @deeptune/core!ConfigError} when `inputs` is not a tensor of rank ≥ 1 with m ≥ 1.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `batchSize` is not an
 *   integer ≥ 1 (`predict: option 'batchSize' must be an integer >= 1, got 0`).
 * @throws {@link @deeptune/core!ConfigError} when `options` has an unknown key or a
 *   `batchSize` that is not a number.
 * @category Evaluation
 *
 * @example
 * ```ts
 * const logits = predict(model, test.inputs);
 * const probabilities = logits.softmax(1);
 * ```
 */
export function predict(model: Model, inputs: Tensor, options: PredictOptions = {}): Tensor {
  return predictIn('predict', model, inputs, options);
}

/**
 * {@link predict}, with `where` at the start of its messages (`predictClasses` passes its
 * own name).
 * @internal
 */
export function predictIn(
  where: string,
  model: Model,
  inputs: Tensor,
  options: PredictOptions | undefined,
): Tensor {
  if (!isTensor(inputs) || inputs.rank < 1 || inputs.shape[0]! < 1) {
    throw new ConfigError(
      `${where}: inputs must be a batch-first tensor [m, …] with m ≥ 1, got ${isTensor(inputs) ? formatShape(inputs.shape) : describeValue(inputs)}.`,
    );
  }
  const { batchSize } = validateOptions(where, predictOptionsSchema, options);
  const m = inputs.shape[0]!;
  return noGrad(() => {
    if (m <= batchSize) return model.forward(inputs, INFERENCE_MODE);
    const parts: Tensor[] = [];
    for (let start = 0; start < m; start += batchSize) {
      parts.push(
        model.forward(inputs.slice(start, Math.min(batchSize, m - start)), INFERENCE_MODE),
      );
    }
    return concat(parts, 0);
  });
}
